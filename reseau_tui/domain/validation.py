"""Validation at the boundary: what the user types or imports is checked once, here."""

from __future__ import annotations

from datetime import date, datetime

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.i18n import Num

MAX_NAME = 300
MAX_FIELD = 2_000
MAX_NOTE = 100_000
MIN_YEAR = 1900
MAX_YEAR = 2200


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
            length=Num(len(value)),
            limit=Num(limit),
        )
    return value


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
