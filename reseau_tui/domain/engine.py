"""The gratitude engine: from the network and the clock to the ordered follow-up queue.

A pure function. The TUI timer, the shell commands and the tests all call
`build_queue`. Follow-ups are derived, never stored: only the user's decisions
(done, snoozed, dismissed) are, keyed by the follow-up's deterministic id.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Literal

from reseau_tui.domain.models import Action, FollowUpKind, Meeting
from reseau_tui.domain.state import NetworkState

State = Literal["upcoming", "due", "overdue", "snoozed"]
GRATITUDE_KINDS: frozenset[str] = frozenset({"thank", "thank-introducer", "news"})
_PREFIX = {
    "thank": "th",
    "thank-introducer": "ti",
    "news": "nw",
    "promise": "pr",
    "keep-in-touch": "kt",
}
_STATE_RANK = {"overdue": 0, "due": 1, "upcoming": 2, "snoozed": 3}


@lru_cache(maxsize=1_000_000)
def item_id(kind: FollowUpKind, source_id: str, contact_id: str) -> str:
    """A follow-up's id: the same for the same kind, source and person, run after run."""
    digest = hashlib.blake2b(f"{kind}|{source_id}|{contact_id}".encode(), digest_size=6)
    return f"{_PREFIX[kind]}-{digest.hexdigest()}"


@dataclass(frozen=True, slots=True)
class FollowUp:
    id: str
    kind: FollowUpKind
    contact_id: str
    due: datetime
    overdue_at: datetime
    state: State
    meeting_id: str | None = None
    promise_id: str | None = None
    milestone_id: str | None = None
    introduced_ids: tuple[str, ...] = ()  # thank-introducer: who was met
    since: datetime | None = None  # keep-in-touch: last interaction
    snoozed_until: datetime | None = None

    @property
    def is_gratitude(self) -> bool:
        return self.kind in GRATITUDE_KINDS

    @property
    def is_actionable(self) -> bool:
        return self.state in ("due", "overdue")


@dataclass(frozen=True)
class Queue:
    """The queue as of `now`, with what the contact list and the timer need."""

    now: datetime
    items: list[FollowUp]
    needs_gratitude: dict[str, State] = field(default_factory=dict)
    next_change: datetime | None = None  # when some item changes state; tick until then is free

    def actionable(self) -> list[FollowUp]:
        return [i for i in self.items if i.is_actionable]

    def by_id(self, wanted: str) -> FollowUp | None:
        return next((i for i in self.items if i.id == wanted), None)

    def is_stale(self, now: datetime) -> bool:
        return self.next_change is not None and now >= self.next_change


@dataclass(slots=True)
class _Candidate:
    kind: FollowUpKind
    source_id: str
    contact_id: str
    due: datetime
    grace: timedelta
    meeting_id: str | None = None
    promise_id: str | None = None
    milestone_id: str | None = None
    introduced_ids: tuple[str, ...] = ()
    since: datetime | None = None
    source_time: datetime | None = None


def _start_of_day(value: datetime, tz: tzinfo) -> datetime:
    local = value.astimezone(tz)
    return datetime.combine(local.date(), time(0), tzinfo=tz)


def _add_days(value: datetime, days: int, tz: tzinfo) -> datetime:
    """Calendar days in local time: 09:00 stays 09:00 across a daylight-saving change."""
    return value.astimezone(tz) + timedelta(days=days)


def _decision(actions: list[Action] | None) -> Action | None:
    """The decision that stands: done or dismissed for good, else the latest snooze."""
    if not actions:
        return None
    final = [a for a in actions if a.outcome != "snoozed"]
    if final:
        return min(final, key=lambda a: a.at)
    return max(actions, key=lambda a: a.at)


def build_queue(state: NetworkState, now: datetime, tz: tzinfo) -> Queue:
    """Every open follow-up as of `now`, ordered overdue (oldest first), due, upcoming, snoozed."""
    s = state.settings
    active = {cid for cid, c in state.contacts.items() if not c.archived}
    candidates: list[_Candidate] = []
    thank_grace = timedelta(hours=s.thank_overdue_hours)
    news_grace = timedelta(days=s.news_overdue_days)
    meetings = sorted(state.meetings.values(), key=lambda m: m.when)

    for m in meetings:
        candidates.extend(_meeting_candidates(state, m, active, tz, thank_grace, news_grace))
    candidates.extend(_milestone_candidates(state, meetings, active, news_grace))
    candidates = _replace_news_by_milestones(candidates)

    items: list[FollowUp] = []
    last_touch: dict[str, datetime] = {}
    for m in meetings:
        for cid in m.contact_ids:
            last_touch[cid] = m.when
    for cand in candidates:
        iid = item_id(cand.kind, cand.source_id, cand.contact_id)
        decision = _decision(state.actions_by_item.get(iid))
        done = decision is not None and decision.outcome == "done"
        if done and decision and _later(decision.at, last_touch.get(cand.contact_id)):
            last_touch[cand.contact_id] = decision.at
        item = _resolve(iid, cand, decision, now, tz)
        if item is not None:
            items.append(item)

    for cid in active:
        item = _keep_in_touch(state, cid, last_touch.get(cid), now, tz)
        if item is not None:
            items.append(item)

    return _queue(now, tz, items)


def _meeting_candidates(
    state: NetworkState,
    m: Meeting,
    active: set[str],
    tz: tzinfo,
    thank_grace: timedelta,
    news_grace: timedelta,
) -> Iterable[_Candidate]:
    s = state.settings
    present = set(m.contact_ids)
    introducers: dict[str, list[str]] = defaultdict(list)
    for cid in m.contact_ids:
        if cid not in active:
            continue
        yield _Candidate("thank", m.id, cid, m.when, thank_grace, meeting_id=m.id)
        yield _Candidate(
            "news",
            m.id,
            cid,
            _add_days(m.when, s.news_after_days, tz),
            news_grace,
            meeting_id=m.id,
            source_time=m.when,
        )
        intro = state.contacts[cid].introduced_by
        if intro and intro not in present and intro in active:
            introducers[intro].append(cid)
    for intro, met in introducers.items():
        yield _Candidate(
            "thank-introducer",
            m.id,
            intro,
            m.when,
            thank_grace,
            meeting_id=m.id,
            introduced_ids=tuple(met),
        )
    for p in m.promises:
        person = p.contact_id or m.contact_ids[0]
        if person not in active:
            continue
        if p.due is not None:
            due = datetime.combine(p.due, time(0), tzinfo=tz)
        else:
            due = _start_of_day(_add_days(m.when, s.promise_default_days, tz), tz)
        yield _Candidate(
            "promise", p.id, person, due, timedelta(days=1), meeting_id=m.id, promise_id=p.id
        )


def _milestone_candidates(
    state: NetworkState, meetings: list[Meeting], active: set[str], news_grace: timedelta
) -> Iterable[_Candidate]:
    """One news item per person met since the previous milestone (or within the lookback)."""
    times = [m.when for m in meetings]
    previous: datetime | None = None
    for ms in sorted(state.milestones.values(), key=lambda x: x.when):
        start = previous or ms.when - timedelta(days=state.settings.milestone_lookback_days)
        lo = bisect_right(times, start) if previous else bisect_left(times, start)
        hi = bisect_right(times, ms.when)
        people = dict.fromkeys(cid for m in meetings[lo:hi] for cid in m.contact_ids)
        for cid in people:
            if cid in active:
                yield _Candidate(
                    "news", ms.id, cid, ms.when, news_grace, milestone_id=ms.id, source_time=ms.when
                )
        previous = ms.when


def _replace_news_by_milestones(candidates: list[_Candidate]) -> list[_Candidate]:
    """A milestone's news replaces a person's earlier news items instead of doubling them."""
    latest: dict[str, datetime] = {}
    for c in candidates:
        if c.milestone_id and c.source_time and _later(c.source_time, latest.get(c.contact_id)):
            latest[c.contact_id] = c.source_time

    def kept(c: _Candidate) -> bool:
        cutoff = latest.get(c.contact_id)
        if c.kind != "news" or cutoff is None or c.source_time is None:
            return True
        return c.source_time >= cutoff if c.milestone_id else c.source_time > cutoff

    return [c for c in candidates if kept(c)] if latest else candidates


def _later(value: datetime, than: datetime | None) -> bool:
    return than is None or value > than


def _keep_in_touch(
    state: NetworkState, cid: str, last: datetime | None, now: datetime, tz: tzinfo
) -> FollowUp | None:
    contact = state.contacts[cid]
    cadence = state.settings.cadence_for(contact)
    if cadence is None:
        return None
    base = max(x for x in (last, contact.connected, contact.created) if x is not None)
    grace = timedelta(days=state.settings.keep_in_touch_overdue_days)
    # Each round has its own id; a done or dismissed round starts the next one.
    for _ in range(10_000):
        iid = item_id("keep-in-touch", base.isoformat(), cid)
        decision = _decision(state.actions_by_item.get(iid))
        if decision is None or decision.outcome == "snoozed":
            cand = _Candidate(
                "keep-in-touch",
                base.isoformat(),
                cid,
                _add_days(base, cadence, tz),
                grace,
                since=base,
            )
            return _resolve(iid, cand, decision, now, tz)
        base = max(base, decision.at)
    return None


def _resolve(
    iid: str, c: _Candidate, decision: Action | None, now: datetime, tz: tzinfo
) -> FollowUp | None:
    if decision is not None and decision.outcome in ("done", "dismissed"):
        return None
    due, grace, until = c.due, c.grace, None
    if decision is not None and decision.until is not None:
        if now < decision.until:
            until = decision.until
        else:
            due = max(due, decision.until)
    overdue_at = due + grace
    state: State
    if until is not None:
        state = "snoozed"
    elif now >= overdue_at:
        state = "overdue"
    elif due.astimezone(tz).date() <= now.astimezone(tz).date():
        state = "due"
    else:
        state = "upcoming"
    return FollowUp(
        iid,
        c.kind,
        c.contact_id,
        due,
        overdue_at,
        state,
        c.meeting_id,
        c.promise_id,
        c.milestone_id,
        c.introduced_ids,
        c.since,
        until,
    )


def _next_change(item: FollowUp, tz: tzinfo) -> datetime | None:
    if item.state == "snoozed":
        return item.snoozed_until
    if item.state == "due":
        return item.overdue_at
    if item.state == "upcoming":
        return _start_of_day(item.due, tz)
    return None


def _queue(now: datetime, tz: tzinfo, items: list[FollowUp]) -> Queue:
    def order(i: FollowUp) -> tuple[int, datetime, str]:
        when = i.snoozed_until if i.state == "snoozed" and i.snoozed_until else i.due
        return (_STATE_RANK[i.state], when, i.id)

    items.sort(key=order)
    needs: dict[str, State] = {}
    changes = [c for c in (_next_change(i, tz) for i in items) if c is not None and c > now]
    for i in items:
        if i.is_gratitude and i.is_actionable and needs.get(i.contact_id) != "overdue":
            needs[i.contact_id] = i.state
    return Queue(now, items, needs, min(changes) if changes else None)
