"""An injectable clock, so tests and `--at` can travel in time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol

import pendulum
from pendulum import DateTime, Timezone
from pendulum.tz import local_timezone as get_local_timezone


class Clock(Protocol):
    """Tells the current instant and the user's local timezone."""

    @property
    def tz(self) -> Timezone: ...

    def now(self) -> DateTime: ...


def local_timezone() -> Timezone:
    """The user's timezone: `TZ` when set and valid, else the system's."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            zone = pendulum.timezone(name)
        except Exception:  # an unknown TZ falls back to the system's
            zone = None
        if isinstance(zone, Timezone):
            return zone
    tz = get_local_timezone()
    return tz if isinstance(tz, Timezone) else pendulum.UTC


class SystemClock:
    """The real clock, in the user's local timezone."""

    def __init__(self, tz: Timezone | None = None) -> None:
        self._tz = tz or local_timezone()

    @property
    def tz(self) -> Timezone:
        return self._tz

    def now(self) -> DateTime:
        return pendulum.now(self._tz)


@dataclass
class FixedClock:
    """A clock that shows a set instant until moved: for tests, demos and `--at`."""

    instant: DateTime
    zone: Timezone

    @classmethod
    def at(cls, iso: str, tz: str = "Europe/Paris") -> FixedClock:
        zone = pendulum.timezone(tz)
        parsed = pendulum.parse(iso, tz=zone)
        assert isinstance(parsed, DateTime)
        return cls(parsed.in_timezone(zone), zone)

    @property
    def tz(self) -> Timezone:
        return self.zone

    def now(self) -> DateTime:
        return self.instant.in_timezone(self.zone)

    def advance(self, **delta: float) -> None:
        self.instant = self.instant.add(**delta)  # type: ignore[arg-type]
