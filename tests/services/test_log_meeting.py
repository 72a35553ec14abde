"""`journal.log_meeting`: new people, the meeting and its promises, checked first, applied as one.

A refused value anywhere (a lead too long, an empty promise, an introducer who
is not a contact) leaves the network exactly as it was: no new contact in
memory, nothing waiting to be saved. An accepted entry is one operation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.services import journal
from reseau_tui.services.journal import NewPerson
from reseau_tui.services.network import Network

TOO_LONG = "x" * 2_001


@pytest.fixture
def camille(network: Network) -> str:
    contact_id = network.add_contact("Camille Martin").id
    network.commit()
    return contact_id


@pytest.mark.parametrize(
    "bad",
    [
        {"leads": ["Chloé Petit", TOO_LONG]},
        {"promised": ["send the deck", "   "]},
        {"place": TOO_LONG},
        {"channel": "carrier pigeon"},
    ],
    ids=["lead", "promise", "place", "channel"],
)
def test_a_refused_field_applies_nothing_not_even_the_new_person(
    network: Network, camille: str, db_path: Path, clock: FixedClock, bad: dict[str, Any]
) -> None:
    before = set(network.state.contacts)
    with pytest.raises(InvalidInput):
        journal.log_meeting(
            network, [camille, NewPerson("Inès Garnier", camille)], note="Coffee", **bad
        )
    assert set(network.state.contacts) == before
    assert not network.state.meetings
    assert network.store.pending == 0
    network.commit()
    assert set(Network(db_path, clock).state.contacts) == before


def test_an_introducer_who_is_not_a_contact_is_refused_before_anything(
    network: Network, camille: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        journal.log_meeting(network, [NewPerson("Inès Garnier", "no-such-id")])
    assert refused.value.field == "introduced by"
    assert network.store.pending == 0 and len(network.state.contacts) == 1


def test_a_meeting_with_new_people_is_one_operation(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    logged = journal.log_meeting(
        network,
        [NewPerson("Inès Garnier", camille), camille],
        when=clock.now(),
        learned="startups hire ops people",
        promised=["send my CV"],
        promised_to_me=["an introduction at Thales"],
    )
    assert network.store.pending == 1  # one step, saved (and, later, undone) whole
    (ines,) = logged.created
    assert [ch.record_id for ch in logged.operation.changes] == [ines.id, logged.meeting.id]
    report = network.commit()
    assert report.operations == [logged.operation]
    state = Network(db_path, clock).state
    assert state.contacts[ines.id].introduced_by == camille
    meeting = state.meetings[logged.meeting.id]
    assert meeting.contact_ids == (ines.id, camille)
    assert [(p.text, p.by_me) for p in meeting.promises] == [
        ("send my CV", True),
        ("an introduction at Thales", False),
    ]
