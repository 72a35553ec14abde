"""The live queue equals a queue built from scratch, whatever happens and whenever.

Random networks (the engine properties' generator) go through random sequences
of changes (meetings, some backdated; contacts added, renamed, archived;
milestones; decisions on what is shown and on anything else) and clock moves,
forwards and sometimes back, and reopenings (the queue restored from what a
previous run kept, through JSON). After each step the live queue must equal
`build_queue` on the same records at the same instant: items, states, order,
who needs gratitude and when the next change comes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from hypothesis import given
from hypothesis import strategies as st

from reseau_tui.domain.codec import (
    action_to_doc,
    contact_to_doc,
    meeting_to_doc,
    milestone_to_doc,
)
from reseau_tui.domain.engine import Queue, build_queue
from reseau_tui.domain.live_queue import LiveQueue
from reseau_tui.domain.models import Action, Contact, Meeting, Milestone, Promise
from reseau_tui.domain.saved_queue import actionable_as_of, items_of_as_of
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, MILESTONES, NetworkState
from tests.domain.test_engine import PARIS
from tests.domain.test_engine_properties import (
    MINUTES,
    OUTCOMES,
    RULES,
    Network,
    instant,
    networks,
)

STEP = st.sampled_from(
    [
        "meeting",
        "meeting",
        "contact",
        "edit",
        "archive",
        "milestone",
        "decide",
        "decide",
        "other",
        "reopen",
        "birthday",
    ]
)
# Birthdays near the instants the tests visit (late 2025 to early 2027), one on 29 February.
BIRTHDAYS = st.sampled_from(
    ["", "--11-27", "--12-01", "1985-11-30", "--01-02", "--02-29", "--10-20"]
)


def view(queue: Queue) -> tuple[Any, ...]:
    return (queue.items, queue.needs_gratitude, queue.next_change)


class Replay:
    """Records changed the way the services change them: document, state, live queue."""

    def __init__(self, net: Network, now: datetime) -> None:
        self.tables = net.tables
        self.state = net.state()
        self.live = LiveQueue(self.state, PARIS)
        self.now = now
        self.count = 0

    def put(self, table: str, doc: dict[str, Any], kind: str = "insert") -> None:
        self.tables.setdefault(table, {})[doc["id"]] = doc
        self.state.refresh(table, doc["id"], doc)
        self.live.changed([(table, doc["id"], kind)])

    def check(self) -> None:
        expected = build_queue(self.state, self.now, PARIS)
        assert view(self.live.queue(self.now)) == view(expected)


def _step(replay: Replay, data: st.DataObject, step: str) -> None:
    replay.count += 1
    n = replay.count
    contacts = sorted(replay.state.contacts)
    if step == "meeting" and contacts:
        met = data.draw(st.lists(st.sampled_from(contacts), min_size=1, max_size=3, unique=True))
        promises = tuple(
            Promise(f"np{n}-{k}", "send it", contact_id=data.draw(st.sampled_from([None, *met])))
            for k in range(data.draw(st.integers(0, 1)))
        )
        meeting = Meeting(f"nm{n}", instant(data.draw(MINUTES)), tuple(met), promises=promises)
        replay.put(MEETINGS, meeting_to_doc(meeting))
    elif step == "contact":
        introducer = data.draw(st.sampled_from([None, *contacts]))
        contact = Contact(
            f"nc{n}",
            f"New {n}",
            instant(data.draw(MINUTES)),
            introduced_by=introducer,
            cadence_days=data.draw(st.sampled_from([None, 7, 30])),
            birthday=data.draw(BIRTHDAYS),
        )
        replay.put(CONTACTS, contact_to_doc(contact))
    elif step == "birthday" and contacts:  # set, moved or removed: only that wish changes
        cid = data.draw(st.sampled_from(contacts))
        doc = dict(replay.tables[CONTACTS][cid])
        doc.pop("birthday", None)
        doc |= {"birthday": data.draw(BIRTHDAYS)} if data.draw(st.booleans()) else {}
        replay.put(CONTACTS, doc, "update")
    elif step in ("edit", "archive") and contacts:
        cid = data.draw(st.sampled_from(contacts))
        doc = dict(replay.tables[CONTACTS][cid])
        if step == "edit":
            doc["name"] = f"Renamed {n}"
        else:
            doc["archived"] = not doc.get("archived", False)
        replay.put(CONTACTS, doc, "update")
    elif step == "reopen":  # a later run on the same records, from what this one kept
        kept = orjson.loads(orjson.dumps(replay.live.saved().data()))
        replay.live = LiveQueue.restored(replay.state, PARIS, kept)
    elif step == "milestone":
        milestone = Milestone(f"nms{n}", "news", instant(data.draw(MINUTES)))
        replay.put(MILESTONES, milestone_to_doc(milestone))
    elif step == "decide":
        shown = replay.live.queue(replay.now).items
        if not shown:
            return
        item = data.draw(st.sampled_from(shown)).id
        outcome = data.draw(st.sampled_from(OUTCOMES))
        until = instant(data.draw(MINUTES)) if outcome == "snoozed" else None
        action = Action(f"na{n}", item, outcome, instant(data.draw(MINUTES)), until)
        replay.put(ACTIONS, action_to_doc(action))
    elif step == "other":  # a decision on an item that is not shown (closed, or no item)
        known = sorted(replay.state.actions_by_item) or ["th-000000000000"]
        item = data.draw(st.sampled_from(known))
        outcome = data.draw(st.sampled_from(OUTCOMES))
        until = instant(data.draw(MINUTES)) if outcome == "snoozed" else None
        action = Action(f"na{n}", item, outcome, instant(data.draw(MINUTES)), until)
        replay.put(ACTIONS, action_to_doc(action))


@st.composite
def networks_with_birthdays(draw: st.DrawFn) -> Network:
    net = draw(networks())
    for doc in net.tables[CONTACTS].values():
        if birthday := draw(BIRTHDAYS):
            doc["birthday"] = birthday
    return net


@RULES
@given(networks(), MINUTES, st.data())
def test_live_queue_equals_a_queue_built_from_scratch(
    net: Network, start: int, data: st.DataObject
) -> None:
    _follow_steps(net, start, data)


@RULES
@given(networks_with_birthdays(), MINUTES, st.data())
def test_live_queue_follows_birthdays_year_after_year(
    net: Network, start: int, data: st.DataObject
) -> None:
    """Wishes listed, due, overdue and over, done or snoozed, birthdays edited, a year on."""
    _follow_steps(net, start, data, longest=60 * 24 * 200)


def _follow_steps(
    net: Network, start: int, data: st.DataObject, longest: int = 60 * 24 * 40
) -> None:
    replay = Replay(net, instant(start))
    replay.check()
    for _ in range(data.draw(st.integers(1, 12))):
        if data.draw(st.booleans()):
            _step(replay, data, data.draw(STEP))
        else:
            back = data.draw(st.integers(0, 9)) == 0
            minutes = data.draw(st.integers(1, longest))
            replay.now = instant(start + (-minutes if back else minutes))
            start += -minutes if back else minutes
        replay.check()


def test_a_new_meeting_and_its_thank_you_do_not_rescan_the_journal() -> None:
    contact = Contact("c1", "Camille Martin", instant(-9000))
    state = NetworkState.from_tables({CONTACTS: {"c1": contact_to_doc(contact)}})
    live = LiveQueue(state, PARIS)
    now = instant(0)
    meeting = meeting_to_doc(Meeting("m1", instant(-60), ("c1",)))
    state.refresh(MEETINGS, "m1", meeting)
    live.changed([(MEETINGS, "m1", "insert")])
    (thank,) = [i for i in live.queue(now).items if i.kind == "thank"]
    done = action_to_doc(Action("a1", thank.id, "done", now))
    state.refresh(ACTIONS, "a1", done)
    live.changed([(ACTIONS, "a1", "insert")])

    assert view(live.queue(now)) == view(build_queue(state, now, PARIS))
    assert live.rescans == 1  # the first scan only


@RULES
@given(networks(), MINUTES, st.data())
def test_findings_kept_earlier_catch_up_with_the_changes_made_since(
    net: Network, start: int, data: st.DataObject
) -> None:
    """A shell command saved changes without a queue; the next run replays them on the
    findings kept before (or scans, when it must) and shows what a full scan would."""
    replay = Replay(net, instant(start))
    replay.live.queue(replay.now)
    kept = orjson.loads(orjson.dumps(replay.live.saved().data()))
    changes: list[tuple[str, str, str]] = []
    put = replay.put

    def recorded(table: str, doc: dict[str, Any], kind: str = "insert") -> None:
        changes.append((table, doc["id"], kind))
        put(table, doc, kind)

    replay.put = recorded  # type: ignore[method-assign]
    for _ in range(data.draw(st.integers(1, 6))):
        _step(replay, data, data.draw(STEP.filter(lambda step: step != "reopen")))
    if data.draw(st.booleans()):
        replay.now = instant(start + data.draw(st.integers(-60 * 24 * 5, 60 * 24 * 40)))
    later = LiveQueue.restored(replay.state, PARIS, kept)
    later.catch_up(changes)
    assert view(later.queue(replay.now)) == view(build_queue(replay.state, replay.now, PARIS))


@RULES
@given(networks(), MINUTES, st.data())
def test_what_is_due_and_one_persons_items_read_from_what_was_kept_are_the_queues(
    net: Network, start: int, data: st.DataObject
) -> None:
    """`reseau due` reads the due and overdue items from the head of what a run kept: the
    same as restoring the whole queue, up to the moment some item changes state; from
    then on (or before the moment they were resolved) it declines, and the queue decides."""
    replay = Replay(net, instant(start))
    for _ in range(data.draw(st.integers(0, 4))):
        _step(replay, data, data.draw(STEP.filter(lambda step: step != "reopen")))
    replay.live.queue(replay.now)
    saved = replay.live.saved()
    kept = orjson.loads(orjson.dumps(saved.data()))
    head = saved.head()
    assert head is not None
    head = orjson.loads(orjson.dumps(head))
    later = instant(start + data.draw(st.integers(-60 * 24, 60 * 24 * 200)))
    expected = LiveQueue.restored(replay.state, PARIS, kept).queue(later).actionable()
    read = actionable_as_of(head, later, PARIS)
    changes = replay.live.queue(replay.now).next_change
    queue = LiveQueue.restored(replay.state, PARIS, kept).queue(later)
    people = sorted(replay.state.contacts) or ["nobody"]
    person = data.draw(st.sampled_from(people))
    theirs = items_of_as_of(kept, head, person, later, PARIS)
    if later < replay.now or (changes is not None and later >= changes):
        assert read is None and theirs is None
    else:
        assert read == expected
        assert theirs == [i for i in queue.items if i.contact_id == person]


def test_a_birthday_added_since_the_last_look_is_not_lost_by_what_the_queue_keeps() -> None:
    """Kept before the queue was asked again: the next run finds the wish all the same."""
    state = NetworkState.from_tables({CONTACTS: {}})
    live = LiveQueue(state, PARIS)
    now = instant(0)  # 26 November 2026
    live.queue(now)
    lea = Contact("c1", "Léa Dubois", instant(-9000), birthday="--11-27")
    state.refresh(CONTACTS, "c1", contact_to_doc(lea))
    live.changed([(CONTACTS, "c1", "insert")])

    kept = orjson.loads(orjson.dumps(live.saved().data()))
    later = LiveQueue.restored(state, PARIS, kept)
    (wish,) = later.queue(now).items
    assert wish.kind == "birthday"
    assert view(later.queue(now)) == view(build_queue(state, now, PARIS))


def test_a_birthday_edited_or_a_year_passing_does_not_rescan_the_journal() -> None:
    lea = Contact("c1", "Léa Dubois", instant(-9000), birthday="--11-27")
    state = NetworkState.from_tables({CONTACTS: {"c1": contact_to_doc(lea)}})
    live = LiveQueue(state, PARIS)
    for days in (0, 1, 10, 365, 366):
        now = instant(days * 24 * 60)
        assert view(live.queue(now)) == view(build_queue(state, now, PARIS))
    state.refresh(CONTACTS, "c1", contact_to_doc(lea) | {"birthday": "--12-24"})
    live.changed([(CONTACTS, "c1", "update")])

    assert view(live.queue(now)) == view(build_queue(state, now, PARIS))
    assert [i.due.date().isoformat() for i in live.queue(now).items] == []
    later = instant(390 * 24 * 60)  # 21 December 2027: listed
    assert [i.due.date().isoformat() for i in live.queue(later).items] == ["2027-12-24"]
    assert live.rescans == 1
