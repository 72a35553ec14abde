"""Correcting the journal: a meeting found by its id, edited or deleted, each as one operation.

A follow-up's id is made of its meeting's id and the person, so an edit keeps
every decision attached: a thank-you done stays done, a snooze stays, and the
open follow-ups of a meeting whose date moved move with it (their due dates are
derived from it). A deleted meeting's open follow-ups go with it; the decisions
taken on them are kept, as the record of what was sent (and so that bringing
the meeting back finds them). `reseau meeting` and the app's meeting form call
these functions; the caller commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from reseau_tui.domain.codec import doc_update, meeting_to_doc
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import Meeting, Promise, create_meeting
from reseau_tui.domain.state import MEETINGS, NetworkState
from reseau_tui.domain.validation import check_date, clean_text
from reseau_tui.i18n import _
from reseau_tui.services.network import Network
from reseau_tui.store import Operation

# What an edit may change; the id stays, and with it every follow-up's.
EDITABLE = (
    "when",
    "contact_ids",
    "channel",
    "place",
    "note",
    "learned",
    "advice",
    "leads",
    "promises",
)
SHORTEST_PREFIX = 4  # an id is long: its first characters are enough, if no other shares them


class MeetingNotFound(LookupError):
    def __init__(self, wanted: str) -> None:
        super().__init__(wanted)
        self.wanted = wanted


class AmbiguousMeeting(LookupError):
    def __init__(self, wanted: str, candidates: list[Meeting]) -> None:
        super().__init__(wanted)
        self.wanted = wanted
        self.candidates = candidates


class MeetingChangedElsewhere(Exception):
    """An edit of fields another writer changed since the form opened (see `edit_meeting`).

    `meeting` is the meeting as it is now (None: deleted elsewhere); nothing was applied.
    """

    def __init__(self, meeting_id: str, meeting: Meeting | None, fields: tuple[str, ...]) -> None:
        super().__init__(f"{meeting_id}: changed elsewhere: {', '.join(fields) or 'deleted'}")
        self.meeting_id = meeting_id
        self.meeting = meeting
        self.fields = fields


def find_meeting(state: NetworkState, wanted: str) -> Meeting:
    """The meeting with this id, or the only one whose id starts with it (case aside).

    Raises `MeetingNotFound`, or `AmbiguousMeeting` with the meetings that share
    the beginning (newest first), so the user can give more of it.
    """
    text = wanted.strip()
    exact = state.meeting(text) if text else None
    if exact is not None:
        return exact
    key = text.lower()
    if len(key) < SHORTEST_PREFIX:
        raise MeetingNotFound(wanted)
    found = [m for mid, m in state.meetings.items() if mid.lower().startswith(key)]
    if not found:
        raise MeetingNotFound(wanted)
    if len(found) > 1:
        raise AmbiguousMeeting(wanted, sorted(found, key=lambda m: m.when, reverse=True))
    return found[0]


def shortest_ids(
    meetings: Iterable[Meeting], state: NetworkState, at_least: int = 8
) -> dict[str, str]:
    """Each meeting's id cut to the shortest beginning no other meeting shares (8 at least)."""
    ids = sorted(m.lower() for m in state.meeting_ids())
    index = {mid: n for n, mid in enumerate(ids)}
    short: dict[str, str] = {}
    for m in meetings:
        n = index.get(m.id.lower())
        if n is None:
            short[m.id] = m.id
            continue
        length = at_least
        for neighbour in (ids[n - 1] if n else "", ids[n + 1] if n + 1 < len(ids) else ""):
            common = next(
                (
                    i
                    for i, (a, b) in enumerate(zip(m.id.lower(), neighbour, strict=False))
                    if a != b
                ),
                min(len(m.id), len(neighbour)),
            )
            length = max(length, common + 1)
        short[m.id] = m.id[:length]
    return short


def edit_meeting(
    network: Network,
    meeting_id: str,
    *,
    expected: Mapping[str, Any] | None = None,
    **changes: Any,
) -> Meeting:
    """Change some fields of a meeting, as one operation that writes only those fields.

    `changes` are among `EDITABLE` (`contact_ids`: the people met, contact ids;
    `promises`: `Promise` records, whose ids are kept). Every value is checked
    first: a refused one (`InvalidInput`) leaves the meeting as it was.
    `expected`: the values the user started from (a form as it opened); a field
    changed meanwhile by another writer, and to something else than the user's,
    raises `MeetingChangedElsewhere` and nothing is applied.
    """
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise TypeError(f"a meeting has no editable field {', '.join(unknown)}")
    state = network.state
    old = state.meeting(meeting_id)
    if old is None:
        raise MeetingChangedElsewhere(meeting_id, None, ())
    new = _checked(state, old, changes)
    if expected is not None:
        clashes = tuple(
            k
            for k in changes
            if k in expected
            and getattr(old, k) != _as_stored(k, expected[k])
            and getattr(old, k) != getattr(new, k)
        )
        if clashes:
            raise MeetingChangedElsewhere(meeting_id, old, clashes)
    old_doc, new_doc = meeting_to_doc(old), meeting_to_doc(new)
    fields, unset = doc_update(old_doc, new_doc)
    if fields or unset:
        label = _("edit the meeting with {names}", names=", ".join(state.names(new.contact_ids)))
        network.apply(Operation.update(label, MEETINGS, old.id, fields, unset))
    return new


def delete_meeting(network: Network, meeting_id: str) -> Meeting:
    """Delete a meeting (one operation); its open follow-ups go, decisions are kept.

    Raises `MeetingNotFound` when there is no such meeting (deleted elsewhere, say).
    """
    state = network.state
    old = state.meeting(meeting_id)
    if old is None:
        raise MeetingNotFound(meeting_id)
    label = _("delete the meeting with {names}", names=", ".join(state.names(old.contact_ids)))
    network.apply(Operation.remove(label, MEETINGS, old.id))
    return old


def _checked(state: NetworkState, old: Meeting, changes: Mapping[str, Any]) -> Meeting:
    """The meeting with `changes`, every value checked as a new meeting's are."""
    merged = replace(old, **{k: _as_stored(k, v) for k, v in changes.items()})
    unknown = [cid for cid in merged.contact_ids if cid not in state.contacts]
    if unknown:
        raise InvalidInput("contacts", "unknown contact id {ids}", ids=", ".join(unknown))
    promises = tuple(_checked_promise(p) for p in merged.promises)
    if "contact_ids" in changes and merged.contact_ids[:1] != old.contact_ids[:1]:
        promises = _kept_with_their_person(old, merged, promises)
    checked = create_meeting(
        merged.when,
        merged.contact_ids,
        channel=merged.channel,
        place=merged.place,
        note=merged.note,
        learned=merged.learned,
        advice=merged.advice,
        leads=merged.leads,
        promises=promises,
    )
    return replace(checked, id=old.id)


def _as_stored(key: str, value: Any) -> Any:
    """A value as the record holds it: the people and the leads as tuples."""
    if key in ("contact_ids", "leads", "promises"):
        return tuple(value)
    if key == "when" and not isinstance(value, datetime):
        raise TypeError("when: a date and time")
    return value


def _checked_promise(p: Promise) -> Promise:
    return replace(
        p,
        text=clean_text("promise", p.text, required=True),
        due=check_date("promise due", p.due) if p.due else None,
    )


def _kept_with_their_person(
    old: Meeting, new: Meeting, promises: tuple[Promise, ...]
) -> tuple[Promise, ...]:
    """A promise named for no one is the first person's: it stays theirs when the list changes.

    (Its follow-up's id is made of that person: a promise kept must not come back.)
    """
    first = old.contact_ids[0]
    if first not in new.contact_ids:
        return promises
    return tuple(p if p.contact_id else replace(p, contact_id=first) for p in promises)
