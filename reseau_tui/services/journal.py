"""Logging a meeting: who was met (some new, with their introducer), the meeting, its promises.

The quick-capture form and `reseau log` both call `log_meeting`. Every value
is checked before anything is applied, and the whole entry (new contacts and
meeting) is one operation: a refused field leaves the network exactly as it
was, and a logged meeting is one change, saved, replayed or undone whole.
The fields are keywords, so a new one is one more keyword here, not one more
step in each caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reseau_tui.domain.codec import contact_to_doc, meeting_to_doc
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import (
    Contact,
    Meeting,
    create_contact,
    create_meeting,
    create_promise,
)
from reseau_tui.domain.state import CONTACTS, MEETINGS
from reseau_tui.i18n import _
from reseau_tui.services.network import Network
from reseau_tui.store import Change, Operation


@dataclass(frozen=True)
class NewPerson:
    """Someone met who is not a contact yet: created with the meeting."""

    name: str
    introduced_by: str | None = None  # the id of the contact who put you in touch


@dataclass(frozen=True)
class Logged:
    """What `log_meeting` applied: the meeting, the contacts it created, the one operation."""

    meeting: Meeting
    created: tuple[Contact, ...]
    operation: Operation


def log_meeting(
    network: Network,
    people: Sequence[str | NewPerson],
    *,
    when: datetime | None = None,
    channel: str = "coffee",
    place: str = "",
    note: str = "",
    learned: str = "",
    advice: str = "",
    leads: Iterable[str] = (),
    promised: Iterable[str] = (),
    promised_to_me: Iterable[str] = (),
    promises_due: date | None = None,
) -> Logged:
    """Log a meeting with `people` (contact ids, or new people to create), all or nothing.

    `promised` are what I promised, `promised_to_me` what they promised me, all
    due on `promises_due` if given. Raises `InvalidInput` (nothing applied) for
    an unknown contact or introducer and for any value that cannot be stored.
    """
    now = network.now()
    contacts = network.state.contacts
    unknown = [p for p in people if isinstance(p, str) and p not in contacts]
    if unknown:
        raise InvalidInput("contacts", "unknown contact id {ids}", ids=", ".join(unknown))
    created: list[Contact] = []
    for person in people:
        if isinstance(person, NewPerson):
            if person.introduced_by is not None and person.introduced_by not in contacts:
                raise InvalidInput("introduced by", "no such contact")
            created.append(
                create_contact(person.name, created=now, introduced_by=person.introduced_by)
            )
    new_ids = iter(c.id for c in created)
    ids = [p if isinstance(p, str) else next(new_ids) for p in people]
    promises = [create_promise(t, by_me=True, due=promises_due) for t in promised]
    promises += [create_promise(t, by_me=False, due=promises_due) for t in promised_to_me]
    meeting = create_meeting(
        when or now,
        ids,
        channel=channel,
        place=place,
        note=note,
        learned=learned,
        advice=advice,
        leads=leads,
        promises=promises,
    )
    names = {c.id: c.name for c in created}
    label = _(
        "log meeting with {names}",
        names=", ".join(names.get(i) or contacts[i].name for i in meeting.contact_ids),
    )
    changes = [Change(CONTACTS, c.id, "insert", contact_to_doc(c)) for c in created]
    changes.append(Change(MEETINGS, meeting.id, "insert", meeting_to_doc(meeting)))
    operation = Operation(label, tuple(changes))
    network.apply(operation)
    return Logged(meeting, tuple(created), operation)
