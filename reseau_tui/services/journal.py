"""Logging a meeting: who was met (some new, with their introducer), the meeting, its promises.

The quick-capture form and `reseau log` both call `log_meeting`. Every value
is checked before anything is applied, and the whole entry (new contacts and
meeting) is one operation: a refused field leaves the network exactly as it
was, and a logged meeting is one change, saved, replayed or undone whole.
The fields are keywords, so a new one is one more keyword here, not one more
step in each caller.

A meeting logged as already thanked (`thanked=True`, `reseau log --thanked`,
the form's "Already thanked") carries, in that same operation, the done
decisions on the thank-yous it makes: nothing to thank for later, and nothing
left to lapse as missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from reseau_tui.domain.codec import action_to_doc, contact_to_doc, meeting_to_doc
from reseau_tui.domain.engine import LAPSING_KINDS, build_queue
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import (
    Contact,
    Meeting,
    create_action,
    create_contact,
    create_meeting,
    create_promise,
)
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, NetworkState
from reseau_tui.i18n import _
from reseau_tui.services.humanize import clock_time, relative_day
from reseau_tui.services.labels import channel_label, moment_label
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
    thanked: tuple[str, ...] = ()  # the follow-ups recorded done with it (`thanked=True`)


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
    thanked: bool = False,
) -> Logged:
    """Log a meeting with `people` (contact ids, or new people to create), all or nothing.

    `promised` are what I promised, `promised_to_me` what they promised me, all
    due on `promises_due` if given. `thanked`: the people met, and whoever
    introduced them, were thanked already (a meeting logged after the fact).
    Raises `InvalidInput` (nothing applied) for an unknown contact or
    introducer, for a meeting still to come said thanked, and for any value
    that cannot be stored.
    """
    now = network.now()
    if thanked and when is not None and when > now:
        raise InvalidInput("when", "a meeting still to come cannot have been thanked for yet")
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
    state, tz = network.state, network.clock.tz
    done = thank_items(state, meeting, tz, {c.id: c for c in created}) if thanked else []
    for iid in done:
        # Thanked right after it, as far as anyone knows: the decision is dated then.
        action = create_action(iid, "done", meeting.when)
        changes.append(Change(ACTIONS, action.id, "insert", action_to_doc(action)))
    operation = Operation(label, tuple(changes))
    network.apply(operation)
    return Logged(meeting, tuple(created), operation, tuple(done))


def thank_items(
    state: NetworkState, meeting: Meeting, tz: tzinfo, new: Mapping[str, Contact] | None = None
) -> list[str]:
    """The ids of the thank-yous a meeting makes, as the engine itself says.

    The rules (the introducer thanked for the first meeting only, archived
    people owed nothing, the settings) are the engine's: it is asked, on a
    state holding only what decides them (the people met, their introducers,
    every meeting with those people, and this one), for the queue as of the
    meeting's time. `new`: people created with the meeting, not in `state` yet.
    """
    people = {**state.contacts, **(new or {})}
    involved = set(meeting.contact_ids)
    involved |= {i for c in meeting.contact_ids if (i := people[c].introduced_by) in people}
    alone = NetworkState(state.settings)
    for cid in involved:
        alone.refresh(CONTACTS, cid, contact_to_doc(people[cid]))
    meetings = state.meetings
    for cid in meeting.contact_ids:
        for mid in state.meetings_by_contact.get(cid, ()):
            if mid in meetings:
                alone.refresh(MEETINGS, mid, meeting_to_doc(meetings[mid]))
    alone.refresh(MEETINGS, meeting.id, meeting_to_doc(meeting))
    queue = build_queue(alone, meeting.when, tz)
    return [i.id for i in queue.items if i.meeting_id == meeting.id and i.kind in LAPSING_KINDS]


def planned_message(meeting: Meeting, names: str, now: datetime, tz: tzinfo) -> str | None:
    """What logging a meeting still to come did, in words; None for one that has happened.

    "Planned: coffee with Sofia Rossi, tomorrow at 10:00. Nothing is owed before
    it has happened." (the engine counts it for nothing until then).
    """
    if meeting.when <= now:
        return None
    days = (meeting.when.astimezone(tz).date() - now.astimezone(tz).date()).days
    moment = (
        _(
            "{day} at {time}",
            day=relative_day(meeting.when, now, tz),
            time=clock_time(meeting.when, tz),
        )
        if days <= 1
        else moment_label(meeting.when, tz)
    )
    return _(
        "Planned: {channel} with {names}, {moment}. Nothing is owed before it has happened.",
        channel=channel_label(meeting.channel),
        names=names,
        moment=moment,
    )
