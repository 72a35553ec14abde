"""Validation at the boundary: what the user types or imports is checked once, here."""

from __future__ import annotations

import re
from datetime import date, datetime

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.text import Count

MAX_NAME = 300
MAX_FIELD = 2_000
MAX_NOTE = 100_000
MIN_YEAR = 1900
MAX_YEAR = 2200
MAX_CADENCE = 3650  # days between two keep-in-touch reminders, at most ten years
MAX_DAYS = 36_500  # any other delay or window in the settings, in days or hours
CARD_VERSIONS = ("", "3.0")  # the vCard versions a contact's card is kept in ("": 4.0)
MAX_CARD_LINE = 10_000_000  # a photo inline: as large as a CardDAV server takes a card
MAX_CARD_LINES = 2_000


def clean_text(field: str, value: str, *, limit: int = MAX_FIELD, required: bool = False) -> str:
    """Return `value` stripped of surrounding spaces, or raise `InvalidInput`.

    NUL bytes and lone surrogates cannot be stored faithfully in the JSON file,
    and an absurd length is a mistake (a pasted file), so both are refused.
    """
    if not isinstance(value, str):
        raise InvalidInput(field, "must be text")
    if "\x00" in value:
        raise InvalidInput(field, "contains a NUL byte")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(field, "contains an invalid character (lone surrogate)") from None
    value = value.strip()
    if required and not value:
        raise InvalidInput(field, "must not be empty")
    if len(value) > limit:
        raise InvalidInput(
            field,
            "is too long ({length} characters; at most {limit})",
            length=Count(len(value)),
            limit=Count(limit),
        )
    return value


def check_card_version(value: str) -> str:
    if value not in CARD_VERSIONS:
        raise InvalidInput(
            "card version", "not a vCard version reseau writes: {value!r}", value=value
        )
    return value


def check_card_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The lines of a card kept as written: each one line of text (folded, perhaps, as the
    card had it), none absurdly long."""
    if len(lines) > MAX_CARD_LINES:
        raise InvalidInput("card", "has too many lines ({count})", count=Count(len(lines)))
    for line in lines:
        clean_text("card line", line, limit=MAX_CARD_LINE)
        one = line.replace("\r\n ", "").replace("\r\n\t", "")  # kept as it was folded
        if not one or "\n" in one or "\r" in one:
            raise InvalidInput("card line", "must be one line of text")
    return tuple(lines)


def check_instant(field: str, value: datetime) -> datetime:
    """Refuse naive datetimes and years outside 1900–2200."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(field, "needs a timezone (naive date and time)")
    check_year(field, value.year)
    return value


def check_date(field: str, value: date) -> date:
    check_year(field, value.year)
    return value


def check_year(field: str, year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(
            field, "year {year} is outside {low}–{high}", year=year, low=MIN_YEAR, high=MAX_YEAR
        )


# A birthday: "1985-05-17", or "--05-17" when the year is unknown (as vCard 4 writes it,
# with dashes). "05-17" and "--0517" are read too.
_BIRTHDAY = re.compile(r"^(?:(\d{4})-|--|)(\d{2})-?(\d{2})$")


def birthday_parts(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a stored or typed birthday; None if it is not one.

    29 February is a birthday without a year too (checked in a leap year); a year
    is any year a date can have here, as an import may have written it.
    """
    found = _BIRTHDAY.match(text.strip())
    if found is None:
        return None
    year = int(found[1]) if found[1] else None
    month, day = int(found[2]), int(found[3])
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return year, month, day


def check_birthday(field: str, value: str) -> str:
    """A birthday as stored ("1985-05-17", "--05-17"), or "" for none; raises `InvalidInput`."""
    text = clean_text(field, value, limit=20)
    if not text:
        return ""
    parts = birthday_parts(text)
    if parts is None:
        raise InvalidInput(
            field, "not a date: give YYYY-MM-DD, or MM-DD without the year (05-17 for 17 May)"
        )
    year, month, day = parts
    if year is None:
        return f"--{month:02d}-{day:02d}"
    check_year(field, year)
    return f"{year:04d}-{month:02d}-{day:02d}"
