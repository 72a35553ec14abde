"""A meeting logged as already thanked: its thank-yous are done, in the same one operation.

Logged after the fact (last week's coffee, thanked by text on the way home),
the meeting used to leave thank-yous to do again, or lapsed as missed after a
month. `thanked=True` records them done; which ones is the engine's business
(the introducer is thanked for the first meeting only), so each case is
checked against what the engine lists for the same meeting logged without it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.services import journal
from reseau_tui.services.journal import NewPerson
from reseau_tui.services.network import Network

THANKS = ("thank", "thank-introducer")


def thank_yous(network: Network, meeting_id: str) -> set[tuple[str, str]]:
    """The thank-yous the engine lists for a meeting, just after it happened."""
    meeting = network.state.meetings[meeting_id]
    queue = network.queue(meeting.when + timedelta(minutes=1))
    return {(i.kind, i.contact_id) for i in queue.items if i.meeting_id == meeting_id}


def people(network: Network) -> dict[str, str]:
    camille = network.add_contact("Camille Martin").id
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=camille).id
    yann = network.add_contact("Yann Le Goff", introduced_by=camille).id
    gone = network.add_contact("Old Friend", archived=True).id
    return {"camille": camille, "zoe": zoe, "yann": yann, "gone": gone}


Case = Callable[[Network, dict[str, str]], list[str | NewPerson]]

CASES: dict[str, Case] = {
    "introduced, first meeting": lambda n, p: [p["zoe"]],
    "two introduced by the same person": lambda n, p: [p["zoe"], p["yann"]],
    "introducer there too": lambda n, p: [p["zoe"], p["camille"]],
    "a new person and their introducer": lambda n, p: [NewPerson("Inès Garnier", p["camille"])],
    "an archived contact is owed nothing": lambda n, p: [p["gone"], p["camille"]],
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_thanked_closes_exactly_the_thank_yous_the_engine_makes(
    tmp_path: Path, clock: FixedClock, case: str
) -> None:
    when = clock.now() - timedelta(days=3)
    plain = Network(tmp_path / "plain.json", clock)
    logged = journal.log_meeting(plain, CASES[case](plain, people(plain)), when=when)
    owed = {k for k in thank_yous(plain, logged.meeting.id) if k[0] in THANKS}
    assert owed  # the case makes some, or it proves nothing

    thanked = Network(tmp_path / "thanked.json", clock)
    logged = journal.log_meeting(
        thanked, CASES[case](thanked, people(thanked)), when=when, thanked=True
    )
    left = {k for k in thank_yous(thanked, logged.meeting.id) if k[0] in THANKS}
    assert left == set()
    assert len(logged.thanked) == len(owed)
    news = {k for k in thank_yous(thanked, logged.meeting.id) if k[0] == "news"}
    assert news  # news in 90 days is still owed: only the thank-yous were sent


def test_the_introducer_is_not_thanked_again_for_a_second_meeting(
    network: Network, clock: FixedClock
) -> None:
    p = people(network)
    journal.log_meeting(network, [p["zoe"]], when=clock.now() - timedelta(days=20))
    logged = journal.log_meeting(
        network, [p["zoe"]], when=clock.now() - timedelta(days=2), thanked=True
    )
    assert len(logged.thanked) == 1  # Zoë only: Camille was owed hers for the first
    assert thank_yous(network, logged.meeting.id) == {("news", p["zoe"])}


def test_thanked_is_one_operation_saved_whole(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    p = people(network)
    network.commit()
    logged = journal.log_meeting(
        network, [p["zoe"]], when=clock.now() - timedelta(days=40), thanked=True
    )
    assert network.store.pending == 1
    network.commit()
    again = Network(db_path, clock)
    queue = again.queue()
    assert not [i for i in queue.items if i.meeting_id == logged.meeting.id and i.kind in THANKS]
    assert queue.lapsed == 0  # 40 days later, nothing counted as missed


def test_a_meeting_still_to_come_cannot_be_said_thanked(
    network: Network, clock: FixedClock
) -> None:
    p = people(network)
    with pytest.raises(InvalidInput, match="still to come"):
        journal.log_meeting(network, [p["zoe"]], when=clock.now() + timedelta(days=1), thanked=True)
    assert not network.state.meetings


def test_a_planned_meeting_is_said_planned_with_when(network: Network, clock: FixedClock) -> None:
    p = people(network)
    tomorrow = journal.log_meeting(network, [p["zoe"]], when=clock.now() + timedelta(days=1))
    later = journal.log_meeting(
        network, [p["zoe"]], when=clock.now() + timedelta(days=4), channel="call"
    )
    past = journal.log_meeting(network, [p["zoe"]], when=clock.now() - timedelta(hours=1))
    now, tz = clock.now(), clock.tz
    assert journal.planned_message(tomorrow.meeting, "Zoë", now, tz) == (
        "Planned: coffee with Zoë, tomorrow at 10:00. Nothing is owed before it has happened."
    )
    assert journal.planned_message(later.meeting, "Zoë", now, tz) == (
        "Planned: call with Zoë, Monday 30 November 2026 at 10:00. "
        "Nothing is owed before it has happened."
    )
    assert journal.planned_message(past.meeting, "Zoë", now, tz) is None
