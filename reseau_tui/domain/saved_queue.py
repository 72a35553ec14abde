"""The engine's open follow-ups as plain data, so a later run can skip the scan.

A candidate is a short list (kind, source, person, instants as ISO 8601 with
their offset, counts, ids). Reading it back is strict: anything of another
shape raises, and the caller scans the journal instead of trusting it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, cast

from reseau_tui.domain.codec import action_to_doc
from reseau_tui.domain.engine import (
    GRATITUDE_KINDS,
    HIDDEN_FROM,
    STATE_RANK,
    Candidate,
    FollowUp,
    State,
)
from reseau_tui.domain.models import Action

_KINDS = GRATITUDE_KINDS | {"promise", "keep-in-touch", "birthday"}


def instant(value: Any) -> datetime:
    """An aware instant from its ISO 8601 text; a naive one would break every comparison."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"instant without an offset: {value!r}")
    return parsed


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"not text: {value!r}")
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else _text(value)


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"not a count: {value!r}")
    return value


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def candidate_to_data(c: Candidate) -> list[Any]:
    return [
        c.kind,
        c.source_id,
        c.contact_id,
        c.start.isoformat(),
        c.after_days,
        c.grace_hours,
        c.grace_days,
        c.lapse_days,
        c.meeting_id,
        c.promise_id,
        c.milestone_id,
        list(c.introduced_ids),
        _iso(c.since),
        _iso(c.source_time),
    ]


def candidate_from_data(data: Any) -> Candidate:
    (
        kind,
        source,
        person,
        start,
        after,
        hours,
        days,
        lapse,
        meeting,
        promise,
        milestone,
        met,
        since,
        source_time,
    ) = data
    if kind not in _KINDS:
        raise ValueError(f"unknown follow-up kind: {kind!r}")
    return Candidate(
        kind,
        _text(source),
        _text(person),
        instant(start),
        _count(after),
        _count(hours),
        _count(days),
        _count(lapse),
        _optional(meeting),
        _optional(promise),
        _optional(milestone),
        tuple(_text(x) for x in met),
        instant(since) if since is not None else None,
        instant(source_time) if source_time is not None else None,
    )


def followup_to_data(item: FollowUp, change: datetime | None) -> list[Any]:
    """A resolved item: what its candidate does not say (the rest is taken from it)."""
    return [
        item.id,
        item.due.isoformat(),
        item.overdue_at.isoformat(),
        item.state,
        _iso(item.snoozed_until),
        _iso(change),
    ]


def followup_from_data(
    data: Any, open_items: Mapping[str, Candidate], tz: tzinfo
) -> tuple[FollowUp, datetime | None]:
    """The item back, as the engine gives it: its candidate's fields, instants in `tz`."""
    iid, due, overdue, state, until, change = data
    c = open_items[iid]  # KeyError: resolved but not open, another shape
    if state not in STATE_RANK:
        raise ValueError(f"unknown state: {state!r}")
    item = FollowUp(
        iid,
        c.kind,
        c.contact_id,
        instant(due).astimezone(tz),
        instant(overdue).astimezone(tz),
        cast(State, state),
        c.meeting_id,
        c.promise_id,
        c.milestone_id,
        c.introduced_ids,
        c.since.astimezone(tz) if c.since else None,
        instant(until).astimezone(tz) if until is not None else None,
    )
    return item, instant(change) if change is not None else None


@dataclass(frozen=True)
class SavedQueue:
    """A copy of a live queue's findings (records themselves are immutable)."""

    open: dict[str, Candidate]
    decisions: dict[str, Action]
    kt: dict[str, str]
    last_touch: dict[str, datetime]
    resolved: tuple[datetime, list[tuple[datetime | None, FollowUp]]] | None

    def data(self) -> dict[str, Any]:
        """As plain data, for `LiveQueue.restored`."""
        now, items = self.resolved if self.resolved is not None else (None, None)
        return {
            "open": {iid: candidate_to_data(c) for iid, c in self.open.items()},
            "decisions": {iid: action_to_doc(a) for iid, a in self.decisions.items()},
            "kt": self.kt,
            "last_touch": {cid: at.isoformat() for cid, at in self.last_touch.items()},
            "resolved_at": _iso(now),
            "resolved": None
            if items is None
            else [followup_to_data(item, change) for change, item in items],
        }

    def head(self) -> dict[str, Any] | None:
        """What `actionable_as_of` reads: the due and overdue items, and when any item changes.

        None when the items are not resolved (nothing to read without the queue).
        """
        if self.resolved is None:
            return None
        now, items = self.resolved
        changes = [change for change, _ in items if change is not None]
        actionable = [
            [followup_to_data(item, change), candidate_to_data(self.open[item.id])]
            for change, item in items
            if item.is_actionable
        ]
        return {
            "resolved_at": now.isoformat(),
            "next_change": _iso(min(changes)) if changes else None,
            "actionable": actionable,
        }


def actionable_as_of(head: Mapping[str, Any], now: datetime, tz: tzinfo) -> list[FollowUp] | None:
    """The due and overdue items as of `now`, from the head of what a queue kept (`head`).

    Equal to `LiveQueue.restored(...).queue(now).actionable()` when no item has
    changed state since the queue was resolved (`resolved_at` ≤ `now` <
    `next_change`): the items as kept are then the items as of `now`.
    `reseau due` needs those alone: a few dozen of the tens of thousands
    kept. None when some item may have changed (the caller restores the
    queue); raises like `LiveQueue.restored` for data of another shape.
    """
    if not unchanged_since(head, now):
        return None
    items = []
    for item, candidate in head["actionable"]:
        found = {item[0]: candidate_from_data(candidate)}
        followup = followup_from_data(item, found, tz)[0]
        if not followup.is_actionable:
            raise ValueError(f"not due: {followup.id}")
        items.append(followup)
    return items


def unchanged_since(head: Mapping[str, Any], now: datetime) -> bool:
    """Whether every item kept is as of `now` as it was resolved (see `SavedQueue.head`)."""
    if now < instant(head["resolved_at"]):
        return False
    upcoming = head["next_change"]
    return upcoming is None or now < instant(upcoming)


def items_of_as_of(
    saved: Mapping[str, Any], head: Mapping[str, Any], contact_id: str, now: datetime, tz: tzinfo
) -> list[FollowUp] | None:
    """One person's items of the queue as of `now`, in its order, from what a queue kept.

    Equal to the items of `LiveQueue.restored(saved).queue(now)` whose contact is
    `contact_id`, when no item changed state since (`unchanged_since`); None
    otherwise. Only that person's few items are read back (`reseau show`).
    """
    if not unchanged_since(head, now):
        return None
    mine = {iid: data for iid, data in saved["open"].items() if data[2] == contact_id}
    items = []
    for data in saved["resolved"]:
        if data[0] in mine and STATE_RANK[data[3]] < HIDDEN_FROM:
            found = {data[0]: candidate_from_data(mine[data[0]])}
            items.append(followup_from_data(data, found, tz)[0])
    return items
