"""Dates and durations as people say them, in the user's language.

Day-level wording ("today", "yesterday", "3 days ago", "in 2 weeks"), because
pendulum's `diff_for_humans` says "a few seconds ago" for today and never
"yesterday". With `short`, the wording fits a narrow column: French abbreviates
("il y a 3 j", "retard 36 j"), English is short enough as it is.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from functools import cache

from reseau_tui.i18n import _, c_, current_language, n_, nc_

_MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MONTHS_FR_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def relative_day(when: datetime, now: datetime, tz: tzinfo, *, short: bool = False) -> str:
    days = (when.astimezone(tz).date() - now.astimezone(tz).date()).days
    if days == 0:
        return _("today")
    if days == -1:
        return _("yesterday")
    if days == 1:
        return _("tomorrow")
    span = _short_span(abs(days)) if short else _span(abs(days))
    return _("{span} ago", span=span) if days < 0 else _("in {span}", span=span)


def _span(days: int) -> str:
    if days < 14:
        return n_("{count} day", "{count} days", days)
    if days < 60:
        return n_("{count} week", "{count} weeks", days // 7)
    if days < 730:
        return n_("{count} month", "{count} months", days // 30)
    return n_("{count} year", "{count} years", days // 365)


def _short_span(days: int) -> str:
    if days < 14:
        return nc_("short", "{count} day", "{count} days", days)
    if days < 60:
        return nc_("short", "{count} week", "{count} weeks", days // 7)
    if days < 730:
        return nc_("short", "{count} month", "{count} months", days // 30)
    return nc_("short", "{count} year", "{count} years", days // 365)


def lateness(
    due: datetime, overdue_at: datetime, now: datetime, tz: tzinfo, *, short: bool = False
) -> str:
    """When an item fell or falls due ("yesterday", "in 3 days"), or how late it is."""
    # Timestamps: two readings in the same zone compare by wall clock, wrong for an
    # hour each autumn.
    if now.timestamp() < overdue_at.timestamp():
        return relative_day(due, now, tz, short=short)
    days = (now.astimezone(tz).date() - overdue_at.astimezone(tz).date()).days
    if days == 0:
        time = clock_time(overdue_at, tz)
        if short:
            return c_("short", "late since {time}", time=time)
        return _("overdue since {time}", time=time)
    if days >= 60:  # "4134 days late" is a number to decode: "11 years late" is not
        if short:
            return c_("short", "{span} late", span=_short_span(days))
        return _("{span} late", span=_span(days))
    if short:
        return nc_("short", "{count} day late", "{count} days late", days)
    return n_("{count} day late", "{count} days late", days)


def long_date(when: datetime, tz: tzinfo, *, short: bool = False) -> str:
    """ "26 November 2026" / "26 novembre 2026"; short, French drops the year: "1er déc."."""
    local = when.astimezone(tz)
    if current_language() == "fr":
        day = "1er" if local.day == 1 else str(local.day)
        if short:
            return f"{day} {_MONTHS_FR_SHORT[local.month - 1]}"
        return f"{day} {_MONTHS_FR[local.month - 1]} {local.year}"
    return f"{local.day} {_MONTHS_EN[local.month - 1]} {local.year}"


def short_day(when: datetime, now: datetime | None, tz: tzinfo) -> str:
    """A day for a row: "25 Aug" / "25 août", "1er déc."; the year added when it is not
    this year ("25 Aug 2025"), or when there is no `now` to say which year this is."""
    local = when.astimezone(tz)
    if current_language() == "fr":
        day = "1er" if local.day == 1 else str(local.day)
        text = f"{day} {_MONTHS_FR_SHORT[local.month - 1]}"
    else:
        text = f"{local.day} {_MONTHS_EN[local.month - 1][:3]}"
    if now is None or now.astimezone(tz).year != local.year:
        text += f" {local.year}"
    return text


def short_day_width(with_year: bool) -> int:
    """The widest `short_day` of the current language: a column that never cuts a date."""
    return _short_day_width(current_language(), with_year)


@cache
def _short_day_width(language: str, with_year: bool) -> int:
    days = [datetime(2026, m, d, 12, tzinfo=UTC) for m in range(1, 13) for d in (1, 28)]
    return max(len(short_day(day, None if with_year else day, UTC)) for day in days)


def clock_time(when: datetime, tz: tzinfo) -> str:
    return when.astimezone(tz).strftime("%H:%M")
