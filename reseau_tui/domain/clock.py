"""An injectable clock, so tests and `--at` can travel in time.

The real clock tells standard datetimes in a `zoneinfo` zone: every command
reads it, and pendulum (a fifth of a short command's time to import) is
loaded only by the fixed clock of the tests and demos, and to find the
system's zone on a system that keeps it in none of the usual places.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from pendulum import DateTime, Timezone

LOCALTIME = Path("/etc/localtime")


class Clock(Protocol):
    """Tells the current instant and the user's local timezone."""

    @property
    def tz(self) -> tzinfo: ...

    def now(self) -> datetime: ...


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ValueError, OSError):  # unknown, malformed, or a path outside the database
        return None


def local_timezone() -> tzinfo:
    """The user's timezone: `TZ` when set and valid, else the system's."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and (zone := _zone(name)) is not None:
        return zone
    try:  # /etc/localtime links to the zone's file: its name is the end of that path
        target = str(LOCALTIME.resolve(strict=True))
    except (OSError, RuntimeError):
        target = ""
    if "/zoneinfo/" in target and (zone := _zone(target.split("/zoneinfo/", 1)[1])) is not None:
        return zone
    from pendulum.tz import local_timezone as system_zone  # Windows, or a copied zone file

    return system_zone()


class SystemClock:
    """The real clock, in the user's local timezone."""

    def __init__(self, tz: tzinfo | None = None) -> None:
        self._tz = tz or local_timezone()

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> datetime:
        return datetime.now(self._tz)


@dataclass
class FixedClock:
    """A clock that shows a set instant until moved: for tests, demos and `--at`."""

    instant: DateTime
    zone: Timezone

    @classmethod
    def at(cls, iso: str, tz: str = "Europe/Paris") -> FixedClock:
        import pendulum

        zone = pendulum.timezone(tz)
        parsed = pendulum.parse(iso, tz=zone)
        assert isinstance(parsed, pendulum.DateTime)
        return cls(parsed.in_timezone(zone), zone)

    @property
    def tz(self) -> Timezone:
        return self.zone

    def now(self) -> DateTime:
        return self.instant.in_timezone(self.zone)

    def advance(self, **delta: float) -> None:
        self.instant = self.instant.add(**delta)  # type: ignore[arg-type]
