"""Instants and local calendar days: the arithmetic every follow-up's dates rest on.

Instants are compared and stored in plain UTC, exact to add hours to; days are
added on the local wall clock, so 09:00 stays 09:00 across a daylight-saving
change. Pure: the time zone is always passed in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def utc(value: datetime) -> datetime:
    """The same instant as a plain UTC datetime: exact to add hours to and to compare."""
    u = value.astimezone(UTC)
    return datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond, UTC)


def wall(value: datetime, tz: tzinfo) -> datetime:
    """The local wall-clock reading of an instant, as a naive datetime."""
    v = value.astimezone(tz)
    return datetime(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond)


def at_wall(reading: datetime, tz: tzinfo) -> datetime:
    """The instant a local wall-clock reading means (a time skipped in spring moves on)."""
    return utc(reading.replace(tzinfo=tz))


def add_days(value: datetime, days: int, tz: tzinfo) -> datetime:
    """Calendar days in local time: 09:00 stays 09:00 across a daylight-saving change."""
    return at_wall(wall(value, tz) + timedelta(days=days), tz)


def local_day(value: datetime, tz: tzinfo) -> date:
    """The day an instant falls on, on the local calendar."""
    return value.astimezone(tz).date()


def start_of_day(day: date, tz: tzinfo) -> datetime:
    """The instant a local day begins."""
    return at_wall(datetime.combine(day, time(0)), tz)
