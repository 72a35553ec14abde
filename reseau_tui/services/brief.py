"""The brief: what to know before meeting someone, in one plain record.

Their card; who introduced them, and whom they introduced; the last meetings
with what was learned and advised; the promises still open, mine and theirs;
their other open follow-ups; and when keeping in touch with them is next due.
`reseau show` prints it, the app shows the same record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reseau_tui.domain.engine import FollowUp, Queue
from reseau_tui.domain.models import Contact, Meeting, Promise
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import fold

LAST_MEETINGS = 5  # the meetings a brief recalls; the count says how many there were


@dataclass(frozen=True)
class OpenPromise:
    """A promise not kept yet (its follow-up is open), with the meeting it was made in."""

    promise: Promise
    meeting: Meeting
    item: FollowUp

    @property
    def by_me(self) -> bool:
        return self.promise.by_me


@dataclass(frozen=True)
class Brief:
    contact: Contact
    introduced_by: Contact | None
    introduced: tuple[Contact, ...]  # the people they put me in touch with, by name
    met: tuple[Meeting, ...]  # the last meetings that have happened, newest first
    met_count: int  # how many have happened in all
    planned: tuple[Meeting, ...]  # meetings to come, soonest first
    promised_by_me: tuple[OpenPromise, ...]  # what I owe them, soonest due first
    promised_to_me: tuple[OpenPromise, ...]  # what they offered me
    followups: tuple[FollowUp, ...]  # their other open follow-ups, in queue order
    keep_in_touch: FollowUp | None  # when keeping in touch is next due (None: no cadence)
    cadence_days: int | None  # the ideal interval (their own, else their circle's)
    latest_days: int | None  # overdue after it


def contact_brief(
    state: NetworkState,
    queue: Queue,
    contact_id: str,
    now: datetime,
    *,
    last: int = LAST_MEETINGS,
) -> Brief:
    """The brief of one contact as of `now`, from the state and its queue as of then."""
    contact = state.contacts[contact_id]
    meetings = state.meetings_with(contact_id)  # newest first
    held = [m for m in meetings if m.when <= now]
    planned = sorted((m for m in meetings if m.when > now), key=lambda m: m.when)
    mine = [i for i in queue.items if i.contact_id == contact_id]
    promised: list[OpenPromise] = []
    for item in mine:
        if item.kind == "promise" and item.meeting_id and item.promise_id:
            meeting = state.meeting(item.meeting_id)
            promise = (
                next((p for p in meeting.promises if p.id == item.promise_id), None)
                if meeting
                else None
            )
            if meeting is not None and promise is not None:
                promised.append(OpenPromise(promise, meeting, item))
    promised.sort(key=lambda p: p.item.due)
    introducer = state.contacts.get(contact.introduced_by or "")
    introduced = sorted(state.introduced(contact_id), key=lambda c: (fold(c.name), c.id))
    return Brief(
        contact=contact,
        introduced_by=introducer,
        introduced=tuple(introduced),
        met=tuple(held[:last]),
        met_count=len(held),
        planned=tuple(planned),
        promised_by_me=tuple(p for p in promised if p.by_me),
        promised_to_me=tuple(p for p in promised if not p.by_me),
        followups=tuple(i for i in mine if i.kind not in ("promise", "keep-in-touch")),
        keep_in_touch=next((i for i in mine if i.kind == "keep-in-touch"), None),
        cadence_days=state.settings.cadence_for(contact),
        latest_days=state.settings.latest_for(contact),
    )
