"""Every record of a file, checked once when it is loaded, before anything is built from it.

A file edited by hand or by another program can hold a date that does not
exist (month 13, 24:00, an offset of 99 hours), an instant without a timezone,
a year 9999 that overflows once shifted to local time, a name that is a
number, tags that are one string, a meeting's people that are not a list of
ids. Those would load and then break the queue, an export or the app; checked
here, they make the file "damaged", with a message naming the table, the
record and the field, and the file is left as it is.

Only what reseau itself could have written passes; lengths and words (a
channel or circle reseau does not know) are not judged, types and dates are.
Cheap: a type test per field and one C parse per instant (a second at most
for 300,000 records, and only when no earlier run checked the very same file).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date, datetime
from typing import Any

from reseau_tui.domain.codec import CADENCE, LATEST
from reseau_tui.domain.models import OUTCOMES, Settings
from reseau_tui.domain.state import (
    ACTIONS,
    CONTACTS,
    MEETINGS,
    MILESTONES,
    SETTINGS,
    SETTINGS_KEY,
)
from reseau_tui.domain.validation import (
    CARD_VERSIONS,
    MAX_CADENCE,
    MAX_DAYS,
    MAX_YEAR,
    MIN_YEAR,
    birthday_parts,
)

Doc = Mapping[str, Any]
Tables = Mapping[str, Mapping[str, Doc]]

_CONTACT_TEXT = ("company", "role", "email", "phone", "url", "notes", "birthday", "surname")
_CARD_TEXT = ("card_uid", "card_version")
_MEETING_TEXT = ("place", "note", "learned", "advice")
_ACTION_TEXT = ("channel", "text")
_SETTING_COUNTS = tuple(
    f.name
    for f in fields(Settings)
    if isinstance(f.default, int) and not isinstance(f.default, bool)
)
_SETTING_FLAGS = tuple(f.name for f in fields(Settings) if isinstance(f.default, bool))
_SHOWN = 60  # characters of a bad value or id quoted in the message


class _Bad(Exception):
    """One field of the record being checked is wrong (`check_tables` names the record)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field, problem)
        self.field = field
        self.problem = problem


def check_tables(tables: Tables) -> None:
    """Raise `ValueError` naming the first record of the wrong shape: table, id and field.

    Called before the network is built from the tables, so that nothing is
    built from a record it could not compute with.
    """
    for table, sound, check in _CHECKS:
        key: str | None = None
        try:
            for key, doc in tables.get(table, {}).items():
                if not sound(key, doc):
                    check(key, doc)  # field by field, to say which one is wrong
        except _Bad as bad:
            raise ValueError(
                f"{table}, record {_shown(key)}, field {bad.field!r}: {bad.problem}"
            ) from None


# --- one function per table -------------------------------------------------------------


def _contact(key: str, d: Doc) -> None:
    _id(key, d)
    _text(d, "name", required=True)
    _instant(d, "created", required=True)
    for name in _CONTACT_TEXT:
        _text(d, name)
    _optional_id(d, "circle")
    _optional_id(d, "introduced_by")
    _texts(d, "tags")
    for name in _CARD_TEXT:
        _text(d, name)
    _texts(d, "card_extra")
    if d.get("card_version", "") not in CARD_VERSIONS:
        raise _Bad(
            "card_version", f"not a vCard version reseau writes: {_shown(d['card_version'])}"
        )
    _count(d, "cadence_days", 1, MAX_CADENCE)
    _flag(d, "archived")
    _flag(d, "familiar")
    _instant(d, "connected")
    _birthday(d, "birthday")


def _meeting(key: str, d: Doc) -> None:
    _id(key, d)
    _instant(d, "when", required=True)
    ids = d.get("contact_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise _Bad("contact_ids", f"not a list of the ids of the people met: {_shown(ids)}")
    _text(d, "channel")
    for name in _MEETING_TEXT:
        _text(d, name)
    _texts(d, "leads")
    promises = d.get("promises", [])
    if not isinstance(promises, list):
        raise _Bad("promises", f"not a list of promises: {_shown(promises)}")
    for n, p in enumerate(promises):
        try:
            _promise(p)
        except _Bad as bad:
            inside = f".{bad.field}" if bad.field else ""
            raise _Bad(f"promises[{n}]{inside}", bad.problem) from None


def _promise(p: Any) -> None:
    if not isinstance(p, dict):
        raise _Bad("", f"not a promise: {_shown(p)}")
    _text(p, "id", required=True)
    _text(p, "text", required=True)
    _flag(p, "by_me")
    _day(p, "due")
    _optional_id(p, "contact_id")


def _action(key: str, d: Doc) -> None:
    _id(key, d)
    _text(d, "item_id", required=True)
    if d.get("outcome") not in OUTCOMES:
        raise _Bad("outcome", f"not one of {', '.join(OUTCOMES)}: {_shown(d.get('outcome'))}")
    _instant(d, "at", required=True)
    _instant(d, "until")
    for name in _ACTION_TEXT:
        _text(d, name)


def _milestone(key: str, d: Doc) -> None:
    _id(key, d)
    _text(d, "text", required=True)
    _instant(d, "when", required=True)


def _settings(key: str, d: Doc) -> None:
    if key != SETTINGS_KEY:
        return  # the engine reads one document of the settings table, and only that one
    for name in _SETTING_COUNTS:
        _count(d, name, 0, MAX_DAYS, nullable=False)
    cadences = d.get("circle_cadences")
    if cadences:
        if not isinstance(cadences, dict):
            raise _Bad("circle_cadences", f"not a table of circles: {_shown(cadences)}")
        for circle in cadences:
            try:
                _count(cadences, circle, 1, MAX_CADENCE)
            except _Bad as bad:
                raise _Bad(f"circle_cadences.{circle}", bad.problem) from None
    for name in d:  # one circle's intervals: "cadence.friend", "latest.friend"
        if isinstance(name, str) and name.startswith((CADENCE, LATEST)):
            _count(d, name, 1, MAX_CADENCE)
    for name in _SETTING_FLAGS:
        _flag(d, name)
    _optional_id(d, "language")
    for name in (f.name for f in fields(Settings) if isinstance(f.default, str)):
        _text(d, name)  # the signature ends every draft: text, or the draft cannot be built


# --- the same, at once: 300,000 meetings and decisions in a fraction of a second ---------
# Each tells whether a record is sound in a few calls to C, without saying what is
# wrong; the checks above then name the field (they decide: a record they pass is sound).

_TEXT = {str}
_NO_TEXTS: list[str] = []


def _sound_instant(value: Any) -> bool:
    try:
        at = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return at.utcoffset() is not None and MIN_YEAR <= at.year <= MAX_YEAR


def _all_text(values: Any) -> bool:
    return type(values) is list and set(map(type, values)) <= _TEXT


def _sound_meeting(key: str, d: Doc) -> bool:
    get = d.get
    ids, promises = get("contact_ids"), get("promises", _NO_TEXTS)
    return (
        get("id") == key
        and _sound_instant(get("when"))
        and bool(ids)
        and _all_text(ids)
        and set(map(type, map(get, _MEETING_TEXT_AND_CHANNEL, _BLANKS))) == _TEXT
        and _all_text(get("leads", _NO_TEXTS))
        and type(promises) is list
        and all(map(_sound_promise, promises))
    )


def _sound_promise(p: Any) -> bool:
    if type(p) is not dict:
        return False
    get = p.get
    due = get("due")
    return (
        type(get("id")) is str
        and type(get("text")) is str
        and type(get("by_me", False)) is bool
        and type(get("contact_id", "")) is str
        and (not due or _sound_day(due))
    )


def _sound_day(value: Any) -> bool:
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return MIN_YEAR <= day.year <= MAX_YEAR


def _sound_action(
    key: str, d: Doc, parse: Callable[[Any], datetime] = datetime.fromisoformat
) -> bool:
    get = d.get
    try:
        at = parse(get("at"))
    except (TypeError, ValueError):
        return False
    until = get("until")
    return (
        get("id") == key
        and at.utcoffset() is not None
        and MIN_YEAR <= at.year <= MAX_YEAR
        and type(get("item_id")) is str
        and get("outcome") in OUTCOMES
        and (not until or _sound_instant(until))
        and type(get("channel", "")) is str
        and type(get("text", "")) is str
    )


def _unsure(key: str, d: Doc) -> bool:
    """For the smaller tables: checked field by field."""
    return False


_MEETING_TEXT_AND_CHANNEL = ("channel", *_MEETING_TEXT)
_BLANKS = ("",) * len(_MEETING_TEXT_AND_CHANNEL)

_CHECKS: tuple[tuple[str, Callable[[str, Doc], bool], Callable[[str, Doc], None]], ...] = (
    (SETTINGS, _unsure, _settings),
    (CONTACTS, _unsure, _contact),
    (MILESTONES, _unsure, _milestone),
    (MEETINGS, _sound_meeting, _meeting),
    (ACTIONS, _sound_action, _action),
)


# --- one function per kind of field ---------------------------------------------------


def _id(key: str, d: Doc) -> None:
    """The record's id is text, and the key it is filed under (changes find it by that key)."""
    if d.get("id") != key:
        raise _Bad("id", f"not the key the record is filed under: {_shown(d.get('id'))}")


def _text(d: Doc, name: str, *, required: bool = False) -> None:
    value = d.get(name, None if required else "")
    if not isinstance(value, str):
        raise _Bad(name, f"not text: {_shown(value)}" if name in d else "missing")


def _optional_id(d: Doc, name: str) -> None:
    value = d.get(name)
    if value is not None and not isinstance(value, str):
        raise _Bad(name, f"not text: {_shown(value)}")


def _texts(d: Doc, name: str) -> None:
    value = d.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(name, f"not a list of texts: {_shown(value)}")


def _flag(d: Doc, name: str) -> None:
    value = d.get(name, False)
    if not isinstance(value, bool):
        raise _Bad(name, f"not true or false: {_shown(value)}")


def _count(d: Doc, name: str, low: int, high: int, *, nullable: bool = True) -> None:
    value = d.get(name)
    if value is None and (nullable or name not in d):
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Bad(name, f"not a whole number from {low} to {high}: {_shown(value)}")


def _instant(d: Doc, name: str, *, required: bool = False) -> None:
    """An ISO 8601 date and time with an offset, that exists, in the years reseau computes with.

    Optional instants read as absent when empty, as the records are built.
    """
    value = d.get(name)
    if not value:
        if required:
            raise _Bad(
                name, "missing" if value is None else f"not a date and time: {_shown(value)}"
            )
        return
    if not isinstance(value, str):
        raise _Bad(name, f"not a date and time: {_shown(value)}")
    try:
        at = datetime.fromisoformat(value)
    except ValueError as exc:
        raise _Bad(name, f"not a date and time that exists: {_shown(value)} ({exc})") from None
    if at.utcoffset() is None:
        raise _Bad(name, f"a date and time without a timezone: {_shown(value)}")
    if not MIN_YEAR <= at.year <= MAX_YEAR:
        raise _Bad(name, f"year {at.year} is outside {MIN_YEAR}–{MAX_YEAR}")


def _day(d: Doc, name: str) -> None:
    value = d.get(name)
    if not value:
        return
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError as exc:
        raise _Bad(name, f"not a date that exists: {_shown(value)} ({exc})") from None
    if day is None:
        raise _Bad(name, f"not a date: {_shown(value)}")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _Bad(name, f"year {day.year} is outside {MIN_YEAR}–{MAX_YEAR}")


def _birthday(d: Doc, name: str) -> None:
    """A month and day that exist, with or without a year ("1985-05-17", "--05-17")."""
    value = d.get(name)
    if value and (not isinstance(value, str) or birthday_parts(value) is None):
        raise _Bad(name, f"not a birthday (YYYY-MM-DD or --MM-DD): {_shown(value)}")


def _shown(value: Any) -> str:
    """A value as it is in the file, short, with control characters escaped (`repr`)."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
