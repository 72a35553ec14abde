"""The queue as a whole: order, who needs gratitude, when it next changes, stable ids."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.engine import item_id
from reseau_tui.services.network import Network
from tests.domain.test_engine import World, at


def test_queue_lists_overdue_oldest_first_then_due_then_upcoming_by_date() -> None:
    w = World()
    anne, bruno, chloe = w.contact("Anne Roux"), w.contact("Bruno Petit"), w.contact("Chloé")
    w.meeting(at("2026-11-10T10:00"), anne)  # thank overdue since the 12th
    w.meeting(at("2026-11-20T10:00"), bruno)  # thank overdue since the 22nd
    w.meeting(at("2026-11-26T08:00"), chloe)  # thank due today
    w.meeting(at("2026-11-27T08:00"), chloe)  # planned for tomorrow: nothing owed yet

    items = w.queue(at("2026-11-26T10:00")).items
    summary = [(i.state, i.kind, i.contact_id, i.due) for i in items]
    assert summary == [
        ("overdue", "thank", anne, at("2026-11-10T10:00")),
        ("overdue", "thank", bruno, at("2026-11-20T10:00")),
        ("due", "thank", chloe, at("2026-11-26T08:00")),
        ("upcoming", "news", anne, at("2027-02-08T10:00")),
        ("upcoming", "news", bruno, at("2027-02-18T10:00")),
        ("upcoming", "news", chloe, at("2027-02-24T08:00")),
    ]


def test_items_due_at_the_same_instant_have_a_fixed_order() -> None:
    w = World()
    people = [w.contact(name) for name in ("Anne Roux", "Bruno Petit", "Chloé", "Denis")]
    w.meeting(at("2026-11-25T15:00"), *people)

    first = [i.id for i in w.queue(at("2026-11-26T10:00")).items]
    assert first == [i.id for i in w.queue(at("2026-11-26T10:00")).items]
    thanks = [i.id for i in w.items(at("2026-11-26T10:00"), "thank")]
    assert thanks == sorted(thanks)


def test_contact_needs_gratitude_while_a_thank_or_news_is_due_or_overdue() -> None:
    w = World()
    camille = w.contact("Camille Martin")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille)
    anne, bruno = w.contact("Anne Roux"), w.contact("Bruno Petit")
    w.meeting(at("2026-11-20T10:00"), anne)  # overdue thank
    w.meeting(at("2026-08-20T10:00"), bruno)  # news due on the 18th, not yet overdue
    w.meeting(at("2026-11-25T10:00"), zoe)  # due thank and due thank-introducer
    w.meeting(at("2026-12-01T10:00"), bruno)  # upcoming thank: does not count
    now = at("2026-11-26T10:00")
    for item in w.items(now, "thank", bruno):
        w.decide(item, "done", now)

    assert w.queue(now).needs_gratitude == {
        anne: "overdue",
        bruno: "due",
        zoe: "due",
        camille: "due",
    }


def test_overdue_wins_over_due_for_the_same_contact() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-20T10:00"), anne)
    w.meeting(at("2026-11-26T08:00"), anne)

    assert w.queue(at("2026-11-26T10:00")).needs_gratitude == {anne: "overdue"}


def test_snoozing_the_only_thank_you_clears_the_highlight_until_it_ends() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-25T10:00"), anne)
    now = at("2026-11-26T10:00")
    w.decide(w.one(now, "thank", anne), "snoozed", now, until=at("2026-11-27T09:00"))

    assert w.queue(now).needs_gratitude == {}
    assert w.queue(at("2026-11-27T09:00")).needs_gratitude == {anne: "due"}


# --- next_change ---------------------------------------------------------------


def test_next_change_is_when_a_due_item_turns_overdue() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-25T15:00"), anne)

    queue = w.queue(at("2026-11-26T10:00"))
    assert queue.next_change == at("2026-11-27T15:00")
    assert not queue.is_stale(at("2026-11-27T14:59:59"))
    assert queue.is_stale(at("2026-11-27T15:00"))


def test_next_change_is_the_local_midnight_when_an_upcoming_item_falls_due() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-08-30T18:00"), anne)
    w.decide(w.one(at("2026-09-01T10:00"), "thank", anne), "done", at("2026-08-30T19:00"))

    queue = w.queue(at("2026-11-26T10:00"))
    assert [i.state for i in queue.items] == ["upcoming"]
    assert queue.next_change == at("2026-11-28T00:00")


def test_next_change_is_the_end_of_a_snooze() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-10T15:00"), anne)
    now = at("2026-11-26T10:00")
    w.decide(w.one(now, "thank", anne), "snoozed", now, until=at("2026-11-26T14:00"))
    w.decide(w.one(now, "news", anne), "dismissed", now)

    assert w.queue(now).next_change == at("2026-11-26T14:00")


def test_nothing_left_to_change_means_no_next_change() -> None:
    w = World()
    assert w.queue(at("2026-11-26T10:00")).next_change is None
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-01-10T15:00"), anne)  # news overdue, the thank-you lapsed long ago

    queue = w.queue(at("2026-11-26T10:00"))
    assert [(i.kind, i.state) for i in queue.items] == [("news", "overdue")]
    assert queue.lapsed == 1
    assert queue.next_change is None
    assert not queue.is_stale(at("2030-01-01T00:00"))


def test_queue_does_not_change_before_next_change_and_does_at_it() -> None:
    w = World()
    camille = w.contact("Camille Martin", circle="client")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille, cadence_days=20)
    w.meeting(at("2026-03-27T23:30"), zoe, camille)
    w.meeting(at("2026-09-01T10:00"), zoe)
    now: datetime = at("2026-03-25T10:00")
    seen = 0
    while seen < 12:
        queue = w.queue(now)
        assert queue.next_change is not None
        states = [(i.id, i.state) for i in queue.items]
        just_before = queue.next_change - timedelta(microseconds=1)
        assert [(i.id, i.state) for i in w.queue(just_before).items] == states
        assert [(i.id, i.state) for i in w.queue(queue.next_change).items] != states
        now = queue.next_change
        seen += 1


# --- ids -----------------------------------------------------------------------


def test_item_ids_are_fixed_by_kind_source_and_person() -> None:
    # `reseau done ID` and stored decisions rely on these never changing.
    assert item_id("thank", "m-1", "c-1") == "th-ba327150e2d1"
    assert item_id("thank-introducer", "m-1", "c-1") == "ti-a0964efef7a7"
    assert item_id("news", "m-1", "c-1") == "nw-8f2cc97390ac"
    assert item_id("promise", "m-1", "c-1") == "pr-f3c64fa0685a"
    assert item_id("keep-in-touch", "m-1", "c-1") == "kt-96c5ec57e7e3"
    assert item_id("thank", "m-1", "c-2") != item_id("thank", "m-2", "c-1")


_PRINT_IDS = (
    "import sys\n"
    "from pathlib import Path\n"
    "from reseau_tui.domain.clock import FixedClock\n"
    "from reseau_tui.services.network import Network\n"
    "network = Network(Path(sys.argv[1]), FixedClock.at('2026-11-26T10:00'))\n"
    "print(' '.join(i.id for i in network.queue().items))\n"
)


def test_item_ids_are_the_same_in_every_run_of_the_program(db_path: Path) -> None:
    network = Network(db_path, FixedClock.at("2026-11-26T10:00"))
    camille = network.add_contact("Camille Martin", circle="client")
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=camille.id, cadence_days=30)
    network.log_meeting([zoe.id], at("2026-11-25T15:00"))
    network.add_milestone("Signed with Airbus", at("2026-11-26T09:00"))
    network.commit()
    expected = [i.id for i in network.queue().items]
    assert {i[:2] for i in expected} == {"th", "ti", "nw", "kt"}

    for seed in ("1", "2"):
        env = os.environ | {"PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", _PRINT_IDS, str(db_path)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        assert out.stdout.split() == expected


def test_overdue_items_are_listed_by_how_late_they_are_whatever_their_kind() -> None:
    # A news item due 60 days before a thank-you can still be less late than it:
    # news has 14 days of grace, a thank-you 48 hours.
    w = World()
    anne, bruno = w.contact("Anne Roux"), w.contact("Bruno Petit")
    w.meeting(at("2026-08-01T10:00"), anne)  # news due 30 Oct, overdue since 13 Nov
    w.meeting(at("2026-11-01T10:00"), bruno)  # thank-you overdue since 3 Nov

    now = at("2026-11-26T10:00")
    overdue = [(i.kind, i.contact_id) for i in w.queue(now).items if i.state == "overdue"]
    assert overdue == [("thank", bruno), ("news", anne)]
