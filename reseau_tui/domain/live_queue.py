"""The queue kept current as records change and time passes, without rescanning the journal.

`build_queue` derives every follow-up from every meeting: right for the shell,
too slow to redo on each keystroke or timer tick at 100,000 meetings. A
`LiveQueue` scans once, then keeps what the scan found:

- the open follow-ups (not done, not dismissed), each resolved as of the last
  `now` with the instant its state next changes, in a heap: a tick re-resolves
  only the items whose instant has come, and none at all before `next_change`;
- each person's last interaction, moved forward by a new meeting or a
  follow-up done, which is all a keep-in-touch round depends on;
- each person's birthday wish of the year: the one open as of the last `now`,
  which gives way to next year's when its window ends (a tick), when it is done
  or dismissed, or when the birthday is edited; going back in time finds them
  all again.

A new meeting, contact or decision updates just the items it concerns; rarer
changes (a meeting edited or backdated before a milestone, a milestone, the
settings, a contact archived) rescan. It stays pure: `queue(now)` always equals
`build_queue(state, now, tz)`, which the property tests check after random
sequences of changes and clock moves.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from itertools import pairwise
from typing import Any

from reseau_tui.domain.calendar import utc
from reseau_tui.domain.codec import action_from_doc
from reseau_tui.domain.engine import (
    HIDDEN_FROM,
    RENEWING_KINDS,
    STATE_RANK,
    Candidate,
    FollowUp,
    Queue,
    Ranked,
    State,
    birthday,
    item_id,
    keep_in_touch,
    meeting_candidates,
    rank_key,
    resolve,
    round_end,
    scan,
    standing_decision,
)
from reseau_tui.domain.models import Action, Contact
from reseau_tui.domain.saved_queue import (
    SavedQueue,
    candidate_from_data,
    followup_from_data,
    instant,
)
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, NetworkState

RESCAN_FROM = 200  # records changed at once (an import): one scan beats many updates
_Key = tuple[int, datetime, str]


def _engine_fields(c: Contact) -> tuple[Any, ...]:
    """What the engine reads from a contact; a change to anything else changes no follow-up.

    The birthday comes last: a change to it alone moves only that person's wish.
    """
    return (
        c.archived,
        c.introduced_by,
        c.cadence_days,
        c.circle,
        c.created,
        c.connected,
        c.birthday,
    )


class LiveQueue:
    def __init__(self, state: NetworkState, tz: tzinfo) -> None:
        self.state = state
        self.tz = tz
        self.rescans = 0  # how often the whole journal was scanned (tests and benchmarks read it)
        self.replayed = False  # brought up to date from kept findings by later changes
        self._rescan()

    # --- the whole scan ---------------------------------------------------------------

    def _rescan(self) -> None:
        self.rescans += 1
        state = self.state
        found = scan(state, self.tz)
        decided = state.actions_by_item
        self._take(found.last_touch, found.open, {})
        for iid in found.open:
            self._set_decision(iid, standing_decision(decided.get(iid)))
        for cid in sorted(self._active):
            self._add_keep_in_touch(cid)

    def _take(
        self, last_touch: dict[str, datetime], found: dict[str, Candidate], kt: dict[str, str]
    ) -> None:
        """Start from a scan's findings; nothing is resolved until the first `queue`."""
        state = self.state
        self._active = {cid for cid, c in state.contacts.items() if not c.archived}
        self._last_touch = last_touch
        stamps = [utc(x.when) for x in state.milestones.values()]
        self._latest_milestone = max(stamps) if stamps else None
        self._open: dict[str, Candidate] = dict(found)
        self._decisions: dict[str, Action] = {}  # the standing snooze of an open item, if any
        self._kt: dict[str, str] = kt  # contact -> its open keep-in-touch round
        # contact -> its open birthday wish, found as of `_now` (none yet after a scan)
        self._bd = {c.contact_id: iid for iid, c in found.items() if c.kind in RENEWING_KINDS}
        self._bd_todo: set[str] = set()  # whose wish to find again at the next `queue`
        self._contacts = {cid: _engine_fields(c) for cid, c in state.contacts.items()}
        self._now: datetime | None = None  # resolved as of this instant (None: not yet)
        self._ranked: dict[str, Ranked] = {}
        self._order: list[_Key] = []
        self._listed: list[FollowUp] = []  # the items, in `_order`
        self._heap: list[tuple[datetime, str]] = []
        self._stale: set[str] = set()  # items to resolve again at the next `queue`
        self._items: tuple[list[FollowUp], dict[str, State], int] | None = None

    # --- kept between runs ------------------------------------------------------------

    def saved(self) -> SavedQueue:
        """What the scan found, to keep: `restored` on the same records skips the scan.

        Only what the records cannot give back cheaply is kept: the open
        follow-ups, their standing snoozes, each person's last interaction, and
        the items as last resolved, with when each next changes state (a later
        run resolves just the ones whose moment has come, as a tick does).
        Copies only: encoding (`SavedQueue.data`) can run on another thread.
        """
        resolved = None
        if self._now is not None and not self._stale and not self._bd_todo:
            resolved = (self._now, [self._ranked[key[2]][1:] for key in self._order])
        return SavedQueue(
            dict(self._open),
            dict(self._decisions),
            dict(self._kt),
            dict(self._last_touch),
            resolved,
        )

    @classmethod
    def restored(cls, state: NetworkState, tz: tzinfo, saved: Mapping[str, Any]) -> LiveQueue:
        """The queue of these records from what `saved` kept of them (see `saved`).

        Raises KeyError, TypeError or ValueError for data of another shape: the
        caller then scans instead.
        """
        live = cls.__new__(cls)
        live.state, live.tz, live.rescans, live.replayed = state, tz, 0, False
        last_touch = {cid: instant(at) for cid, at in saved["last_touch"].items()}
        found = {iid: candidate_from_data(data) for iid, data in saved["open"].items()}
        kt = {str(cid): str(iid) for cid, iid in saved["kt"].items()}
        live._take(last_touch, found, kt)
        live._decisions = {iid: action_from_doc(d) for iid, d in saved["decisions"].items()}
        resolved = saved["resolved"]
        if resolved is not None:
            live._now = instant(saved["resolved_at"])
            for data in resolved:
                item, change = followup_from_data(data, found, tz)
                ranked: Ranked = (rank_key(item), change, item)
                live._ranked[item.id] = ranked
                live._order.append(ranked[0])
                live._listed.append(item)
                if change is not None:
                    live._heap.append((change, item.id))
            heapq.heapify(live._heap)
            if any(a > b for a, b in pairwise(live._order)):
                raise ValueError("resolved items out of order")
        return live

    def _add_keep_in_touch(self, cid: str) -> None:
        kt = keep_in_touch(self.state, cid, self._last_touch.get(cid), self.tz)
        if kt is not None:
            iid, cand, decision = kt
            self._open[iid] = cand
            self._set_decision(iid, decision)
            self._kt[cid] = iid
            self._stale.add(iid)

    def _with_birthday(self) -> set[str]:
        """Everyone who has a birthday wish open or may have one."""
        contacts = self.state.contacts
        return set(self._bd) | {cid for cid in self._active if contacts[cid].birthday}

    def _find_birthdays(self, instant: datetime, people: Iterable[str]) -> None:
        """These people's birthday wishes as of `instant`, in place of the ones they had."""
        for cid in people:
            old = self._bd.pop(cid, None)
            if old is not None:
                self._close(old)
            if cid not in self._active:
                continue
            found = birthday(self.state, cid, instant, self.tz)
            if found is not None:
                iid, cand, decision = found
                self._open[iid] = cand
                self._set_decision(iid, decision)
                self._bd[cid] = iid
                self._stale.add(iid)
        self._bd_todo.clear()

    def _set_decision(self, iid: str, decision: Action | None) -> None:
        if decision is None:
            self._decisions.pop(iid, None)
        else:
            self._decisions[iid] = decision

    # --- time ---------------------------------------------------------------------------

    def queue(self, now: datetime) -> Queue:
        """The queue as of `now`, equal to `build_queue(state, now, tz)`."""
        instant = utc(now)
        if self._now is None or instant < self._now:
            self._find_birthdays(instant, self._with_birthday())
            self._resolve_all(instant)
        else:
            self._now = instant
            heap = self._heap
            while heap and heap[0][0] <= instant:
                change, iid = heapq.heappop(heap)
                ranked = self._ranked.get(iid)
                if ranked is not None and ranked[1] == change:
                    self._stale.add(iid)
            over = {
                cand.contact_id
                for cand in map(self._open.get, self._stale)
                if cand is not None
                and cand.kind in RENEWING_KINDS
                and instant >= round_end(cand, self.tz)
            }
            self._find_birthdays(instant, over | self._bd_todo)
            for iid in self._stale:
                self._place(iid)
        self._stale.clear()
        if self._items is None:
            shown = bisect_left(self._order, (HIDDEN_FROM,))  # planned and lapsed come last
            items = self._listed[:shown]
            lapsed = len(self._order) - bisect_left(self._order, (STATE_RANK["lapsed"],))
            needs: dict[str, State] = {}
            for i in items:
                if not i.is_actionable:
                    break  # due and overdue come first
                if i.is_gratitude and needs.get(i.contact_id) != "overdue":
                    needs[i.contact_id] = i.state
            self._items = (items, needs, lapsed)
        items, needs, lapsed = self._items
        upcoming = self._next_change()
        return Queue(now, items, needs, upcoming.astimezone(self.tz) if upcoming else None, lapsed)

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
        ranked: list[Ranked] = []
        decided = self._decisions
        for iid, cand in self._open.items():
            r = resolve(iid, cand, decided.get(iid), instant, self.tz)
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
        ranked = resolve(iid, cand, self._decisions.get(iid), self._now, self.tz)
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
        self._decisions.pop(iid, None)
        self._stale.add(iid)

    # --- changes ------------------------------------------------------------------------

    def catch_up(self, changes: Iterable[tuple[str, str, str]]) -> None:
        """Findings kept for an earlier version of the records, brought up to these ones.

        `restored` read the contacts as they are now; a person added since must
        look new to `changed`, and a person edited since might have mattered
        before the edit, which only a scan can tell.
        """
        changes = list(changes)
        for table, record_id, kind in changes:
            if table == CONTACTS:
                if kind != "insert":
                    self._rescan()
                    return
                self._contacts.pop(record_id, None)
                self._active.discard(record_id)
        self.changed(changes)
        self.replayed = True

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
            now = _engine_fields(contact)
            if before[:-1] != now[:-1]:
                return False
            if before[-1] != now[-1]:  # only the birthday: that person's wish moves
                self._contacts[cid] = now
                self._bd_todo.add(cid)
            return True
        if self.state.met(cid) or any(c.introduced_by == cid for c in self.state.contacts.values()):
            return False  # records that name this person came first (an import)
        self._contacts[cid] = _engine_fields(contact)
        if not contact.archived:
            self._active.add(cid)
            self._add_keep_in_touch(cid)
            self._bd_todo.add(cid)
        return True

    def _meeting_added(self, mid: str) -> bool:
        meeting = self.state.meeting(mid)
        if meeting is None or any(cid not in self._contacts for cid in meeting.contact_ids):
            return False
        when = utc(meeting.when)
        if self._latest_milestone is not None and when <= self._latest_milestone:
            return False  # it may join a milestone's news, or be replaced by one
        first_met = self._first_met(meeting.id, when, meeting.contact_ids)
        if first_met is None:
            return False
        cands = meeting_candidates(self.state, meeting, when, self._active, self.tz, first_met)
        for cand in cands:
            iid = item_id(cand.kind, cand.source_id, cand.contact_id)
            if iid in self._open:
                return False
            decision = standing_decision(self.state.decisions_on(iid))
            if decision is None or decision.outcome == "snoozed":
                self._open[iid] = cand
                self._set_decision(iid, decision)
                self._stale.add(iid)
            elif decision.outcome == "done":
                self._touch(cand.contact_id, decision.at)
        for cid in meeting.contact_ids:
            self._touch(cid, when)
        return True

    def _first_met(self, mid: str, when: datetime, people: Iterable[str]) -> set[str] | None:
        """Those this meeting is the first meeting with; None if it comes before all the others.

        The introducer is thanked for the first meeting an introduction led to: a
        meeting logged before every earlier one with that person moves that first
        meeting, which only a scan can sort out.
        """
        state, first = self.state, set()
        for cid in people:
            others = state.meetings_by_contact.get(cid, set()) - {mid}
            times = [(utc(state.meetings[o].when), o) for o in others]
            if not times:
                first.add(cid)
            elif min(times) > (when, mid):
                return None
        return first

    def _decided(self, action_id: str) -> bool:
        action = self.state.action(action_id)
        if action is None:
            return False
        iid = action.item_id
        cand = self._open.get(iid)
        if cand is None:
            # A snooze cannot reopen a closed item; a decision on anything else may
            # move someone's last interaction: only a scan can tell.
            return action.outcome == "snoozed"
        decision = standing_decision(self.state.decisions_on(iid))
        if cand.kind in RENEWING_KINDS and decision is not None and decision.outcome != "snoozed":
            self._close(iid)  # wished (or not to be): next year's is found at the next `queue`
            del self._bd[cand.contact_id]
            self._bd_todo.add(cand.contact_id)
            return True
        if cand.kind == "keep-in-touch":  # the round is recomputed from its decisions
            self._close(iid)
            del self._kt[cand.contact_id]
            self._add_keep_in_touch(cand.contact_id)
            return True
        if decision is None or decision.outcome == "snoozed":
            self._set_decision(iid, decision)
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
