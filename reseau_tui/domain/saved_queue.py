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
from reseau_tui.domain.engine import GRATITUDE_KINDS, STATE_RANK, Candidate, FollowUp, State
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
