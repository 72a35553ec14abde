"""The queue kept current as records change and time passes, without rescanning the journal.

`build_queue` derives every follow-up from every meeting: right for the shell,
too slow to redo on each keystroke or timer tick at 100,000 meetings. A
`LiveQueue` scans once, then keeps what the scan found:

- the open follow-ups (not done, not dismissed), each resolved as of the last
  `now` with the instant its state next changes, in a heap: a tick re-resolves
  only the items whose instant has come, and none at all before `next_change`;
- each person's last interaction, moved forward by a new meeting or a
  follow-up done, which is all a keep-in-touch round depends on.

A new meeting, contact or decision updates just the items it concerns; rarer
changes (a meeting edited or backdated before a milestone, a milestone, the
settings, a contact archived) rescan. It stays pure: `queue(now)` always equals
`build_queue(state, now, tz)`, which the property tests check after random
sequences of changes and clock moves.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from reseau_tui.domain.engine import (
    FollowUp,
    Queue,
    State,
    _Candidate,
    _decision,
    _meeting_candidates,
    _Ranked,
    _resolve,
    _utc,
    item_id,
    keep_in_touch,
    scan,
)
from reseau_tui.domain.models import Contact
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, NetworkState

RESCAN_FROM = 200  # records changed at once (an import): one scan beats many updates
_Key = tuple[int, datetime, str]


def _engine_fields(c: Contact) -> tuple[Any, ...]:
    """What the engine reads from a contact; a change to anything else changes no follow-up."""
    return (c.archived, c.introduced_by, c.cadence_days, c.circle, c.created, c.connected)


class LiveQueue:
    def __init__(self, state: NetworkState, tz: tzinfo) -> None:
        self.state = state
        self.tz = tz
        self.rescans = 0  # how often the whole journal was scanned (tests and benchmarks read it)
        self._rescan()

    # --- the whole scan ---------------------------------------------------------------

    def _rescan(self) -> None:
        self.rescans += 1
        state = self.state
        found = scan(state, self.tz)
        self._active = found.active
        self._last_touch = found.last_touch
        self._latest_milestone = found.latest_milestone
        self._open: dict[str, _Candidate] = dict(found.open)
        self._kt: dict[str, str] = {}  # contact -> its open keep-in-touch round
        self._contacts = {cid: _engine_fields(c) for cid, c in state.contacts.items()}
        self._now: datetime | None = None  # resolved as of this instant (None: not yet)
        self._ranked: dict[str, _Ranked] = {}
        self._order: list[_Key] = []
        self._listed: list[FollowUp] = []  # the items, in `_order`
        self._heap: list[tuple[datetime, str]] = []
        self._stale: set[str] = set()  # items to resolve again at the next `queue`
        self._items: tuple[list[FollowUp], dict[str, State]] | None = None
        for cid in sorted(self._active):
            self._add_keep_in_touch(cid)

    def _add_keep_in_touch(self, cid: str) -> None:
        kt = keep_in_touch(self.state, cid, self._last_touch.get(cid), self.tz)
        if kt is not None:
            iid, cand, _ = kt
            self._open[iid] = cand
            self._kt[cid] = iid
            self._stale.add(iid)

    # --- time ---------------------------------------------------------------------------

    def queue(self, now: datetime) -> Queue:
        """The queue as of `now`, equal to `build_queue(state, now, tz)`."""
        instant = _utc(now)
        if self._now is None or instant < self._now:
            self._resolve_all(instant)
        else:
            self._now = instant
            heap = self._heap
            while heap and heap[0][0] <= instant:
                change, iid = heapq.heappop(heap)
                ranked = self._ranked.get(iid)
                if ranked is not None and ranked[1] == change:
                    self._stale.add(iid)
            for iid in self._stale:
                self._place(iid)
        self._stale.clear()
        if self._items is None:
            items = list(self._listed)
            needs: dict[str, State] = {}
            for i in items:
                if not i.is_actionable:
                    break  # due and overdue come first
                if i.is_gratitude and needs.get(i.contact_id) != "overdue":
                    needs[i.contact_id] = i.state
            self._items = (items, needs)
        items, needs = self._items
        upcoming = self._next_change()
        return Queue(now, items, needs, upcoming.astimezone(self.tz) if upcoming else None)

    def _next_change(self) -> datetime | None:
        heap = self._heap
        while heap:
            change, iid = heap[0]
            ranked = self._ranked.get(iid)
            if ranked is not None and ranked[1] == change:
                return change
            heapq.heappop(heap)
        return None

    def _resolve_all(self, instant: datetime) -> None:
        self._now = instant
        ranked: list[_Ranked] = []
        decided = self.state.actions_by_item
        for iid, cand in self._open.items():
            r = _resolve(iid, cand, _decision(decided.get(iid)), instant, self.tz)
            if r is not None:
                ranked.append(r)
        ranked.sort(key=lambda r: r[0])
        self._ranked = {r[0][2]: r for r in ranked}
        self._order = [r[0] for r in ranked]
        self._listed = [r[2] for r in ranked]
        self._heap = [(r[1], r[0][2]) for r in ranked if r[1] is not None]
        heapq.heapify(self._heap)
        self._items = None

    def _place(self, iid: str) -> None:
        """Resolve one item again as of the current instant (or drop it if it closed)."""
        old = self._ranked.pop(iid, None)
        if old is not None:
            at = bisect_left(self._order, old[0])
            del self._order[at]
            del self._listed[at]
        self._items = None
        cand = self._open.get(iid)
        if cand is None or self._now is None:
            return
        decision = _decision(self.state.actions_by_item.get(iid))
        ranked = _resolve(iid, cand, decision, self._now, self.tz)
        if ranked is None:
            return
        self._ranked[iid] = ranked
        at = bisect_left(self._order, ranked[0])
        self._order.insert(at, ranked[0])
        self._listed.insert(at, ranked[2])
        if ranked[1] is not None:
            heapq.heappush(self._heap, (ranked[1], iid))

    def _close(self, iid: str) -> None:
        self._open.pop(iid, None)
        self._stale.add(iid)

    # --- changes ------------------------------------------------------------------------

    def changed(self, changes: Iterable[tuple[str, str, str]]) -> None:
        """Records changed in the state, already refreshed: (table, id, insert/update/remove)."""
        changes = list(changes)
        if len(changes) >= RESCAN_FROM or not all(self._follow(*c) for c in changes):
            self._rescan()

    def _follow(self, table: str, record_id: str, kind: str) -> bool:
        """Update for one changed record; False when only a full scan can tell."""
        if table == CONTACTS and kind != "remove":
            return self._contact_changed(record_id, kind == "insert")
        if table == MEETINGS and kind == "insert":
            return self._meeting_added(record_id)
        if table == ACTIONS and kind == "insert":
            return self._decided(record_id)
        return False

    def _contact_changed(self, cid: str, new: bool) -> bool:
        contact = self.state.contacts.get(cid)
        before = self._contacts.get(cid)
        if contact is None or new == (before is not None):
            return False
        if before is not None:
            return before == _engine_fields(contact)
        if self.state.meetings_by_contact.get(cid) or any(
            c.introduced_by == cid for c in self.state.contacts.values()
        ):
            return False  # records that name this person came first (an import)
        self._contacts[cid] = _engine_fields(contact)
        if not contact.archived:
            self._active.add(cid)
            self._add_keep_in_touch(cid)
        return True

    def _meeting_added(self, mid: str) -> bool:
        meeting = self.state.meetings.get(mid)
        if meeting is None or any(cid not in self._contacts for cid in meeting.contact_ids):
            return False
        when = _utc(meeting.when)
        if self._latest_milestone is not None and when <= self._latest_milestone:
            return False  # it may join a milestone's news, or be replaced by one
        for cand in _meeting_candidates(self.state, meeting, when, self._active, self.tz):
            iid = item_id(cand.kind, cand.source_id, cand.contact_id)
            if iid in self._open:
                return False
            decision = _decision(self.state.actions_by_item.get(iid))
            if decision is None or decision.outcome == "snoozed":
                self._open[iid] = cand
                self._stale.add(iid)
            elif decision.outcome == "done":
                self._touch(cand.contact_id, decision.at)
        for cid in meeting.contact_ids:
            self._touch(cid, when)
        return True

    def _decided(self, action_id: str) -> bool:
        action = self.state.actions.get(action_id)
        if action is None:
            return False
        iid = action.item_id
        cand = self._open.get(iid)
        if cand is None:
            # A snooze cannot reopen a closed item; a decision on anything else may
            # move someone's last interaction: only a scan can tell.
            return action.outcome == "snoozed"
        decision = _decision(self.state.actions_by_item.get(iid))
        if cand.kind == "keep-in-touch":  # the round is recomputed from its decisions
            self._close(iid)
            del self._kt[cand.contact_id]
            self._add_keep_in_touch(cand.contact_id)
            return True
        if decision is None or decision.outcome == "snoozed":
            self._stale.add(iid)
            return True
        self._close(iid)
        if decision.outcome == "done":
            self._touch(cand.contact_id, decision.at)
        return True

    def _touch(self, cid: str, at: datetime) -> None:
        """A new interaction with `cid`: its keep-in-touch round may move."""
        last = self._last_touch.get(cid)
        if last is not None and at <= last:
            return
        self._last_touch[cid] = at
        if cid in self._active:
            old = self._kt.pop(cid, None)
            if old is not None:
                self._close(old)
            self._add_keep_in_touch(cid)
