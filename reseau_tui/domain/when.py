"""WHEN words shared by the CLI and the TUI: ISO dates, `today`, `+3d`, `hier`...

Day words and offsets move the current instant by calendar days in local time
(`yesterday` is this time yesterday); an ISO date alone means the start of that
day in local time; an ISO datetime without an offset is local time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.validation import check_instant
from reseau_tui.i18n import Msg

# Shown in help and error messages, translated there (French shows its own words).
EXAMPLES = Msg("2026-11-26, 2026-11-26T14:30, now, today, yesterday, tomorrow, +3d, -2d, +1w, hier")
_DAY_WORDS = {
    "now": 0,
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "maintenant": 0,
    "aujourd'hui": 0,
    "aujourd’hui": 0,
    "aujourdhui": 0,
    "hier": -1,
    "demain": 1,
    "avant-hier": -2,
    "apres-demain": 2,
    "après-demain": 2,
}
_OFFSET = re.compile(r"^([+-])\s*(\d{1,5})\s*([dwjsh])$")
_UNIT_DAYS = {"d": 1, "j": 1, "w": 7, "s": 7}


def parse_when(text: str, now: datetime, tz: tzinfo) -> datetime:
    """The instant `text` means, relative to `now`; raises `InvalidInput` with examples."""
    word = " ".join(text.strip().lower().split())
    if word in _DAY_WORDS:
        return _days_later(now, _DAY_WORDS[word], tz)
    offset = _OFFSET.match(word)
    if offset:
        amount = int(offset.group(2)) * (-1 if offset.group(1) == "-" else 1)
        try:
            if offset.group(3) == "h":
                moved = (_plain(now).astimezone(UTC) + timedelta(hours=amount)).astimezone(tz)
                return check_instant("when", _plain(moved))
            return check_instant("when", _days_later(now, amount * _UNIT_DAYS[offset.group(3)], tz))
        except OverflowError:
            raise _not_understood(text) from None
    return _parse_iso(text.strip(), tz)


def _plain(value: datetime) -> datetime:
    """A standard datetime of the same wall time and zone (pendulum's adds exact seconds)."""
    return datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        value.tzinfo,
        fold=value.fold,
    )


def _days_later(now: datetime, days: int, tz: tzinfo) -> datetime:
    """The same local wall time `days` calendar days away (a time skipped in spring moves on)."""
    if days == 0:
        return _plain(now.astimezone(tz))
    wall = _plain(now.astimezone(tz)).replace(tzinfo=None) + timedelta(days=days)
    return wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def _parse_iso(text: str, tz: tzinfo) -> datetime:
    try:
        if len(text) == 10:
            value = datetime.combine(date.fromisoformat(text), time(0), tzinfo=tz)
        else:
            value = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise _not_understood(text) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return check_instant("when", value)


def _not_understood(text: str) -> InvalidInput:
    return InvalidInput(
        "when",
        "{text!r} is not a date I understand; try one of: {examples}",
        text=text,
        examples=EXAMPLES,
    )
