"""Invariants of the gratitude engine over generated networks (hypothesis).

Networks are small but varied: introductions, archived people, cadences,
group meetings at any hour over a year and a half (both daylight-saving
changes), promises, milestones, and done / snoozed / dismissed decisions.
Record ids are generated, not random, so every run is the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reseau_tui.domain.codec import (
    action_to_doc,
    contact_to_doc,
    meeting_to_doc,
    milestone_to_doc,
)
from reseau_tui.domain.engine import Queue, build_queue, item_id
from reseau_tui.domain.models import Action, Contact, Meeting, Milestone, Outcome, Promise
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, MILESTONES, NetworkState
from tests.domain.test_engine import PARIS

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # 10:00 in Paris
OUTCOMES: tuple[Outcome, ...] = ("done", "snoozed", "dismissed")
MINUTES = st.integers(min_value=-450 * 24 * 60, max_value=45 * 24 * 60)
RULES = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def instant(minutes: int) -> datetime:
    """An instant around NOW, as the file stores it (Paris offset)."""
    return (NOW + timedelta(minutes=minutes)).astimezone(PARIS)


@dataclass
class Network:
    tables: dict[str, dict[str, dict[str, Any]]]

    def state(self, shuffle: random.Random | None = None) -> NetworkState:
        tables = self.tables
        if shuffle is not None:
            tables = {}
            for name, docs in self.tables.items():
                keys = list(docs)
                shuffle.shuffle(keys)
                tables[name] = {k: docs[k] for k in keys}
        return NetworkState.from_tables(tables)

    def add(self, table: str, doc: dict[str, Any]) -> None:
        self.tables.setdefault(table, {})[doc["id"]] = doc

    def decide(self, n: int, item: str, outcome: Outcome, at: datetime, until: Any) -> None:
        self.add(ACTIONS, action_to_doc(Action(f"a{n}", item, outcome, at, until)))


@st.composite
def networks(draw: st.DrawFn) -> Network:
    net = Network({CONTACTS: {}, MEETINGS: {}, MILESTONES: {}, ACTIONS: {}})
    people = draw(st.integers(min_value=1, max_value=5))
    for i in range(people):
        introducer = draw(st.one_of(st.none(), st.integers(0, people - 1)))
        contact = Contact(
            id=f"c{i}",
            name=f"Person {i}",
            created=instant(-500 * 24 * 60),
            introduced_by=f"c{introducer}" if introducer not in (None, i) else None,
            cadence_days=draw(st.sampled_from([None, None, 7, 30])),
            archived=draw(st.booleans()) and draw(st.booleans()),
        )
        net.add(CONTACTS, contact_to_doc(contact))
    for j in range(draw(st.integers(min_value=0, max_value=8))):
        met = draw(st.lists(st.integers(0, people - 1), min_size=1, max_size=3, unique=True))
        promises = tuple(
            Promise(f"p{j}-{k}", "something", by_me=draw(st.booleans()), due=due)
            for k, due in enumerate(
                draw(st.lists(st.one_of(st.none(), st.dates()), max_size=2)),
            )
            if due is None or 1990 < due.year < 2100
        )
        meeting = Meeting(
            f"m{j}", instant(draw(MINUTES)), tuple(f"c{i}" for i in met), promises=promises
        )
        net.add(MEETINGS, meeting_to_doc(meeting))
    for k in range(draw(st.integers(min_value=0, max_value=2))):
        net.add(MILESTONES, milestone_to_doc(Milestone(f"ms{k}", "news", instant(draw(MINUTES)))))
    # Decisions on whatever the queue showed at some moment.
    shown = build_queue(net.state(), instant(draw(MINUTES)), PARIS).items
    for n, pick in enumerate(draw(st.lists(st.integers(0, 1000), max_size=6))):
        if not shown:
            break
        outcome = draw(st.sampled_from(OUTCOMES))
        until = instant(draw(MINUTES)) if outcome == "snoozed" else None
        net.decide(n, shown[pick % len(shown)].id, outcome, instant(draw(MINUTES)), until)
    return net


def decisions(state: NetworkState, item: str) -> list[Action]:
    return state.actions_by_item.get(item, [])


def signature(queue: Queue) -> list[tuple[str, str, datetime, datetime]]:
    return [(i.id, i.state, i.due, i.overdue_at) for i in queue.items]


@RULES
@given(networks(), MINUTES)
def test_each_meeting_owes_exactly_one_thank_per_person_until_done_or_dismissed(
    net: Network, minutes: int
) -> None:
    """Once it has happened, and until the thank-you lapses unsent."""
    state = net.state()
    now = instant(minutes)
    queue = build_queue(state, now, PARIS)
    lapse = timedelta(days=state.settings.thank_lapse_days)
    for m in state.meetings.values():
        for cid in m.contact_ids:
            thanks = [i for i in queue.items if i.kind == "thank" and i.meeting_id == m.id]
            mine = [i for i in thanks if i.contact_id == cid]
            tid = item_id("thank", m.id, cid)
            closed = any(a.outcome != "snoozed" for a in decisions(state, tid))
            snoozes = [a for a in decisions(state, tid) if a.outcome == "snoozed"]
            standing = max(snoozes, key=lambda a: (a.at, a.id)) if snoozes else None
            due = max(m.when, standing.until) if standing and standing.until else m.when
            if now < m.when or closed or state.contacts[cid].archived:
                expected = 0
            elif abs((now - due) - lapse) <= timedelta(hours=2):
                continue  # a daylight-saving change moves the lapse by an hour
            else:
                expected = 0 if now - due > lapse else 1
            assert len(mine) == expected
            assert [i.id for i in mine] == [tid] * expected


@RULES
@given(networks(), MINUTES)
def test_nothing_snoozed_is_due_before_its_date(net: Network, minutes: int) -> None:
    state = net.state()
    now = instant(minutes)
    for item in build_queue(state, now, PARIS).items:
        snoozes = [a for a in decisions(state, item.id) if a.outcome == "snoozed"]
        if not snoozes:
            assert item.state != "snoozed"
            continue
        latest = max(snoozes, key=lambda a: (a.at, a.id))
        assert latest.until is not None
        if now < latest.until:
            assert item.state == "snoozed"
            assert item.snoozed_until == latest.until
        else:
            assert item.state != "snoozed"
            assert item.due >= latest.until


@RULES
@given(networks(), MINUTES, st.randoms(use_true_random=False))
def test_order_is_total_and_does_not_depend_on_how_the_data_is_stored(
    net: Network, minutes: int, rnd: random.Random
) -> None:
    now = instant(minutes)
    queue = build_queue(net.state(), now, PARIS)
    items = queue.items

    assert len({i.id for i in items}) == len(items)
    rank = {"overdue": 0, "due": 1, "upcoming": 2, "snoozed": 3}
    keys = [
        (
            rank[i.state],
            (i.overdue_at if i.state == "overdue" else i.snoozed_until or i.due).timestamp(),
            i.id,
        )
        for i in items
    ]
    assert all(a < b for a, b in pairwise(keys))
    assert signature(build_queue(net.state(), now, PARIS)) == signature(queue)
    assert signature(build_queue(net.state(rnd), now, PARIS)) == signature(queue)


@RULES
@given(networks(), MINUTES, st.lists(st.integers(0, 400 * 24 * 60), min_size=1, max_size=4))
def test_a_done_item_never_reappears_at_any_later_time(
    net: Network, minutes: int, later: list[int]
) -> None:
    now = instant(minutes)
    shown = build_queue(net.state(), now, PARIS).items
    done = {i.id for i in shown[::2]}
    for n, item in enumerate(sorted(done)):
        net.decide(100 + n, item, "done", now, None)
    # A new meeting with everybody afterwards makes new items, never the old ones.
    everybody = tuple(net.tables[CONTACTS])
    net.add(MEETINGS, meeting_to_doc(Meeting("m-new", instant(minutes + 60), everybody)))
    state = net.state()

    for offset in [0, *later]:
        ids = {i.id for i in build_queue(state, instant(minutes + offset), PARIS).items}
        assert not ids & done


@RULES
@given(networks(), MINUTES)
def test_queue_keeps_its_states_until_next_change(net: Network, minutes: int) -> None:
    state = net.state()
    queue = build_queue(state, instant(minutes), PARIS)
    states = [(i.id, i.state) for i in queue.items]
    if queue.next_change is None:
        far = build_queue(state, instant(minutes) + timedelta(days=3000), PARIS)
        assert [(i.id, i.state) for i in far.items] == states
        return
    assert queue.next_change > queue.now
    before = build_queue(state, queue.next_change - timedelta(microseconds=1), PARIS)
    at_change = build_queue(state, queue.next_change, PARIS)
    assert [(i.id, i.state) for i in before.items] == states
    assert [(i.id, i.state) for i in at_change.items] != states


@RULES
@given(networks(), MINUTES)
def test_needs_gratitude_is_the_worst_due_thank_or_news_per_person(
    net: Network, minutes: int
) -> None:
    queue = build_queue(net.state(), instant(minutes), PARIS)
    for cid in net.tables[CONTACTS]:
        gratitude = {
            i.state
            for i in queue.items
            if i.contact_id == cid and i.kind in ("thank", "thank-introducer", "news")
        }
        if "overdue" in gratitude:
            assert queue.needs_gratitude.get(cid) == "overdue"
        elif "due" in gratitude:
            assert queue.needs_gratitude.get(cid) == "due"
        else:
            assert cid not in queue.needs_gratitude


def _as_pendulum(state: NetworkState) -> NetworkState:
    """The same network with every instant a pendulum DateTime in Paris, as callers hold them."""

    def p(value: datetime | None) -> Any:
        return None if value is None else pendulum.instance(value).in_timezone(PARIS)

    other = NetworkState(settings=state.settings)
    for c in state.contacts.values():
        other.contacts[c.id] = replace(c, created=p(c.created), connected=p(c.connected))
    for m in state.meetings.values():
        other.meetings[m.id] = replace(m, when=p(m.when))
    for ms in state.milestones.values():
        other.milestones[ms.id] = replace(ms, when=p(ms.when))
    for a in state.actions.values():
        other.actions[a.id] = replace(a, at=p(a.at), until=p(a.until))
        other.actions_by_item[a.item_id].append(other.actions[a.id])
    return other


@RULES
@given(networks(), MINUTES)
def test_queue_is_the_same_for_pendulum_instants(net: Network, minutes: int) -> None:
    state = net.state()
    now = instant(minutes)
    stored = build_queue(state, now, PARIS)
    held = build_queue(_as_pendulum(state), pendulum.instance(now), PARIS)

    def instants(queue: Queue) -> list[tuple[str, str, float, float]]:
        return [(i.id, i.state, i.due.timestamp(), i.overdue_at.timestamp()) for i in queue.items]

    assert instants(held) == instants(stored)
