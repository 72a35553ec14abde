"""Typed records of the network: contacts, meetings, promises, milestones, actions.

Records are immutable; a change is a new record. `create_*` functions validate
what comes from the user; `*_from_doc` functions rebuild records from the file,
which was validated when written, so loading stays fast at 100,000 meetings.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any, Literal

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.validation import (
    MAX_CADENCE,
    MAX_DAYS,
    MAX_NAME,
    MAX_NOTE,
    check_birthday,
    check_card_lines,
    check_card_version,
    check_date,
    check_instant,
    clean_text,
)

CIRCLES: dict[str, int | None] = {
    # circle -> default keep-in-touch cadence in days (None: no reminder)
    "family": None,
    "friend": 90,
    "colleague": 90,
    "former-colleague": 120,
    "client": 60,
    "supplier": 120,
    "alumni": 180,
    "recruiter": 60,
    "acquaintance": None,
}
# How a meeting happened or a message went; new ones only ever added (older files stay valid).
CHANNELS = (
    "coffee",
    "call",
    "video",
    "event",
    "visit",
    "email",
    "linkedin",
    "sms",
    "whatsapp",
    "other",
)
FollowUpKind = Literal["thank", "thank-introducer", "news", "promise", "keep-in-touch", "birthday"]
KINDS: tuple[FollowUpKind, ...] = (
    "thank",
    "thank-introducer",
    "news",
    "promise",
    "keep-in-touch",
    "birthday",
)
Outcome = Literal["done", "snoozed", "dismissed"]
OUTCOMES: tuple[Outcome, ...] = ("done", "snoozed", "dismissed")


_id_source: Callable[[], uuid.UUID] = uuid.uuid4


def new_id() -> str:
    """A fresh, stable record id (never a TinyDB integer doc id, which gets reused)."""
    return str(_id_source())


@contextmanager
def reproducible_ids(seed: int) -> Iterator[None]:
    """Ids drawn from a seeded generator: the demo and its screenshots come out identical."""
    global _id_source
    rng = random.Random(seed)
    previous = _id_source
    _id_source = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)  # noqa: E731
    try:
        yield
    finally:
        _id_source = previous


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    name: str
    created: datetime
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    circle: str | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    introduced_by: str | None = None
    cadence_days: int | None = None
    archived: bool = False
    familiar: bool = False  # tutoiement in French drafts
    connected: datetime | None = None  # when the connection was made (LinkedIn)
    birthday: str = ""  # YYYY-MM-DD, or --MM-DD when the year is unknown
    surname: str = ""  # as an imported file split the name, when a guess would not find it
    # What a vCard this contact came from says that the fields above do not hold, so that
    # writing the card back loses nothing (`io.card_lines`): its UID as written, its version
    # ("3.0"; empty for 4.0, which reseau writes) and its other lines, kept verbatim.
    card_uid: str = ""
    card_version: str = ""
    card_extra: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Promise:
    id: str
    text: str
    by_me: bool = True
    due: date | None = None
    contact_id: str | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str
    when: datetime
    contact_ids: tuple[str, ...]
    channel: str = "coffee"
    place: str = ""
    note: str = ""
    learned: str = ""
    advice: str = ""
    leads: tuple[str, ...] = ()
    promises: tuple[Promise, ...] = ()


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    text: str
    when: datetime


@dataclass(frozen=True, slots=True)
class Action:
    """A decision recorded on a follow-up: done, snoozed until a date, or dismissed."""

    id: str
    item_id: str
    outcome: Outcome
    at: datetime
    until: datetime | None = None
    channel: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Settings:
    """The engine's rules; every default can be changed in the settings table."""

    thank_overdue_hours: int = 48  # the thank-you window (`thank_window_hours` to the user)
    thank_introducers: bool = True  # the introducer is thanked after the first meeting
    thank_lapse_days: int = 30  # a thank-you not sent by then leaves the queue, counted as missed
    news_after_days: int = 90
    news_overdue_days: int = 14
    promise_default_days: int = 7
    keep_in_touch_overdue_days: int = 14  # latest = ideal + this, where no latest is set
    milestone_lookback_days: int = 365
    snooze_days: int = 3
    birthdays: bool = True  # a birthday wish in the queue on the day
    birthday_notice_days: int = 7  # listed (upcoming) this many days before
    birthday_lapse_days: int = 7  # gone this many days after, unsent
    # Each circle's ideal keep-in-touch interval in days (None: no reminder); a circle not
    # among `CIRCLES` is one the user added.
    circle_cadences: Mapping[str, int | None] = field(default_factory=lambda: dict(CIRCLES))
    # Each circle's latest interval, where the user set one: overdue after it.
    circle_latest: Mapping[str, int] = field(default_factory=dict)
    language: str | None = None
    signature_name: str = ""  # the user's name, ending every draft when set
    signature_line: str = ""  # an optional line under it: a phone, a title

    def cadence_for(self, contact: Contact) -> int | None:
        """The ideal interval between two contacts with this person, if they have one."""
        if contact.cadence_days is not None:
            return contact.cadence_days
        if contact.circle is None:
            return None
        return self.circle_cadences.get(contact.circle)

    def latest_for(self, contact: Contact) -> int | None:
        """The longest interval before keeping in touch is overdue (None: no reminder).

        A person's own cadence and a circle with no latest set are overdue
        `keep_in_touch_overdue_days` after the ideal, as before latest intervals existed.
        """
        ideal = self.cadence_for(contact)
        if ideal is None:
            return None
        if contact.cadence_days is None and contact.circle is not None:
            latest = self.circle_latest.get(contact.circle)
            if latest is not None:
                return max(latest, ideal)
        return ideal + self.keep_in_touch_overdue_days

    def circle_latest_of(self, circle: str) -> int | None:
        """A circle's latest interval: the one set, else its ideal plus the usual margin."""
        ideal = self.circle_cadences.get(circle)
        if ideal is None:
            return None
        latest = self.circle_latest.get(circle)
        return max(latest, ideal) if latest is not None else ideal + self.keep_in_touch_overdue_days


# --- creation from user input -------------------------------------------------


def check_circle(circle: str | None, circles: Iterable[str] = CIRCLES) -> str | None:
    if circle is None or circle == "":
        return None
    known = list(circles)
    if circle not in known:
        raise InvalidInput(
            "circle",
            "unknown circle {circle!r}; use one of: {known}",
            circle=circle,
            known=", ".join(known),
        )
    return circle


def check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        raise InvalidInput(
            "channel",
            "unknown channel {channel!r}; use one of: {known}",
            channel=channel,
            known=", ".join(CHANNELS),
        )
    return channel


def check_cadence(days: int | None) -> int | None:
    if days is None:
        return None
    if not 1 <= days <= MAX_CADENCE:
        raise InvalidInput("cadence", "must be between 1 and 3650 days")
    return days


def create_contact(
    name: str, *, created: datetime, circles: Iterable[str] = CIRCLES, **fields: Any
) -> Contact:
    """A new contact from user input, validated; raises `InvalidInput`."""
    return validated_contact(Contact(id=new_id(), name=name, created=created, **fields), circles)


def validated_contact(c: Contact, circles: Iterable[str] = CIRCLES) -> Contact:
    """`c` with its fields checked and cleaned; `circles`: the circles it may be in."""
    tags = tuple(dict.fromkeys(t for t in (clean_text("tag", t, limit=100) for t in c.tags) if t))
    return Contact(
        id=c.id,
        name=clean_text("name", c.name, limit=MAX_NAME, required=True),
        created=check_instant("created", c.created),
        company=clean_text("company", c.company),
        role=clean_text("role", c.role),
        email=clean_text("email", c.email),
        phone=clean_text("phone", c.phone, limit=100),
        url=clean_text("url", c.url),
        circle=check_circle(c.circle, circles),
        tags=tags,
        notes=clean_text("notes", c.notes, limit=MAX_NOTE),
        introduced_by=c.introduced_by,
        cadence_days=check_cadence(c.cadence_days),
        archived=c.archived,
        familiar=c.familiar,
        connected=check_instant("connected", c.connected) if c.connected else None,
        birthday=check_birthday("birthday", c.birthday),
        surname=clean_text("surname", c.surname),
        card_uid=clean_text("card UID", c.card_uid),
        card_version=check_card_version(c.card_version),
        card_extra=check_card_lines(c.card_extra),
    )


def create_promise(
    text: str, *, by_me: bool = True, due: date | None = None, contact_id: str | None = None
) -> Promise:
    return Promise(
        id=new_id(),
        text=clean_text("promise", text, required=True),
        by_me=by_me,
        due=check_date("promise due", due) if due else None,
        contact_id=contact_id,
    )


def create_meeting(
    when: datetime,
    contact_ids: Iterable[str],
    *,
    channel: str = "coffee",
    place: str = "",
    note: str = "",
    learned: str = "",
    advice: str = "",
    leads: Iterable[str] = (),
    promises: Iterable[Promise] = (),
) -> Meeting:
    texts = (place, note, learned, advice)
    meeting = Meeting(new_id(), when, tuple(contact_ids), channel, *texts, tuple(leads))
    return validated_meeting(replace(meeting, promises=tuple(promises)))


def validated_meeting(m: Meeting) -> Meeting:
    """`m` with its fields checked and cleaned: from the form, the shell or a backup."""
    ids = tuple(dict.fromkeys(m.contact_ids))
    if not ids:
        raise InvalidInput("contacts", "a meeting needs at least one person")
    return replace(
        m,
        when=check_instant("when", m.when),
        contact_ids=ids,
        channel=check_channel(m.channel),
        place=clean_text("place", m.place),
        note=clean_text("note", m.note, limit=MAX_NOTE),
        learned=clean_text("learned", m.learned, limit=MAX_NOTE),
        advice=clean_text("advice", m.advice, limit=MAX_NOTE),
        leads=tuple(x for x in (clean_text("lead", lead) for lead in m.leads) if x),
        promises=tuple(validated_promise(p) for p in m.promises),
    )


def validated_promise(p: Promise) -> Promise:
    return replace(
        p,
        text=clean_text("promise", p.text, required=True),
        due=check_date("promise due", p.due) if p.due is not None else None,
    )


def create_milestone(text: str, when: datetime) -> Milestone:
    return validated_milestone(Milestone(new_id(), text, when))


def validated_milestone(m: Milestone) -> Milestone:
    text = clean_text("milestone", m.text, required=True)
    return replace(m, text=text, when=check_instant("when", m.when))


def create_action(
    item_id: str,
    outcome: Outcome,
    at: datetime,
    *,
    until: datetime | None = None,
    channel: str = "",
    text: str = "",
) -> Action:
    if outcome == "snoozed" and until is None:
        raise InvalidInput("until", "a snooze needs a date")
    return validated_action(Action(new_id(), item_id, outcome, at, until, channel, text))


def validated_action(a: Action) -> Action:
    if a.outcome not in OUTCOMES:
        raise InvalidInput("outcome", "unknown outcome {outcome!r}", outcome=a.outcome)
    return replace(
        a,
        at=check_instant("at", a.at),
        until=check_instant("until", a.until) if a.until is not None else None,
        channel=clean_text("channel", a.channel, limit=50),
        text=clean_text("text", a.text, limit=MAX_NOTE),
    )


def validated_settings(settings: Settings) -> Settings:
    """`settings` as read from a backup, each value checked against what the engine takes."""
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if f.name in ("circle_cadences", "circle_latest"):
            days = [v for v in dict(value).values() if v is not None or f.name == "circle_latest"]
            if not all(isinstance(k, str) for k in dict(value)) or not all(
                type(v) is int and 1 <= v <= MAX_CADENCE for v in days
            ):
                raise InvalidInput("settings", "circle cadences must be days from 1 to 3650")
        elif isinstance(f.default, bool):  # whether introducers are thanked, birthdays wished
            if type(value) is not bool:
                raise InvalidInput("settings", "{name} must be true or false", name=f.name)
        elif f.name == "language":
            if value not in (None, "en", "fr"):
                raise InvalidInput("settings", "unknown language {value!r}", value=value)
        elif isinstance(f.default, str):  # the signature: text as typed, one line
            if not isinstance(value, str):
                raise InvalidInput("settings", "{name} must be text", name=f.name)
            clean_text(f.name, value)
        elif type(value) is not int or not 0 <= value <= MAX_DAYS:
            raise InvalidInput("settings", "{name} must be a number of days or hours", name=f.name)
    return settings
