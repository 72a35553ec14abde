"""Follow-ups as an iCalendar file, so they show up in any calendar or to-do app.

Each follow-up becomes a `VTODO` (due at its due time) or, for calendars that
show no tasks, an all-day `VEVENT`. The UID is derived from the follow-up's id,
which the engine keeps stable run after run: importing a newer export updates
the entries instead of adding copies. A to-do and an event are two entries, so
their UIDs differ (`-event`): a calendar given both keeps both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar

from reseau_tui import __version__

UID_DOMAIN = "reseau"
# Control characters have no place in an iCalendar line (RFC 5545 §3.1); tabs and line
# breaks are kept, the rest is dropped so strict readers still open the file.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Entry:
    item_id: str
    summary: str
    description: str
    due: datetime
    day: date  # the local day an event is shown on
    category: str


def uid_for(item_id: str, *, event: bool = False) -> str:
    return f"{item_id}{'-event' if event else ''}@{UID_DOMAIN}"


def _clean(text: str) -> str:
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def write_calendar(entries: Iterable[Entry], *, now: datetime, events: bool, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//reseau//reseau {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _clean(name))
    stamp = now.astimezone(UTC)
    for entry in entries:
        component: icalendar.Component
        if events:
            component = icalendar.Event()
            component.add("dtstart", entry.day)
            component.add("dtend", entry.day + timedelta(days=1))
            component.add("transp", "TRANSPARENT")
        else:
            component = icalendar.Todo()
            component.add("due", entry.due.astimezone(UTC))
            component.add("status", "NEEDS-ACTION")
        component.add("uid", uid_for(entry.item_id, event=events))
        component.add("dtstamp", stamp)
        component.add("summary", _clean(entry.summary))
        component.add("description", _clean(entry.description))
        component.add("categories", [_clean(entry.category)])
        cal.add_component(component)
    ical: bytes = cal.to_ical()
    return ical
