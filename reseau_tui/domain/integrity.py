"""Values the engine computes with, checked once when a file is loaded.

Records read from the file are not validated one by one (that would slow the
load of 100,000 meetings), but a file edited by hand or by another program can
hold an instant without a timezone, a year 9999 that overflows once shifted to
local time, or a cadence that is text. Those load fine and break the queue
later; checked here, they make the file "damaged" with a message instead.
Cheap: a type and range test per value, no parsing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date, datetime
from typing import Any

from reseau_tui.domain.models import OUTCOMES, Settings
from reseau_tui.domain.state import ACTIONS, MEETINGS, NetworkState
from reseau_tui.domain.validation import MAX_YEAR, MIN_YEAR


def _instant(what: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{what}: not a date and time with a timezone: {value!r}")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"{what}: year {value.year} is outside {MIN_YEAR}–{MAX_YEAR}")


def _instant_text(what: str, text: Any) -> None:
    """An instant as stored: "2026-11-26T10:00:00+01:00", as reseau writes them, passes at
    once (an offset, a year in range); anything else is parsed and checked in full."""
    if (
        isinstance(text, str)
        and len(text) in (25, 32)
        and text[-6] in "+-"
        and text[-3] == ":"
        and "1900" <= text[:4] <= "2200"
    ):
        return
    _instant(what, datetime.fromisoformat(text))


def _day(what: str, value: Any) -> None:
    if value is not None and not (isinstance(value, date) and MIN_YEAR <= value.year <= MAX_YEAR):
        raise ValueError(f"{what}: not a date within {MIN_YEAR}–{MAX_YEAR}: {value!r}")


def _count(what: str, value: Any, low: int, high: int, optional: bool = True) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{what}: not a whole number from {low} to {high}: {value!r}")


def _ids(what: str, values: Any) -> None:
    if not all(isinstance(v, str) for v in values):
        raise ValueError(f"{what}: not a list of ids: {values!r}")


def check_state(state: NetworkState, tables: Mapping[str, Mapping[str, Any]]) -> None:
    """Raise `ValueError` naming the first value the engine could not compute with.

    Contacts, milestones and settings are checked as built; meetings and
    decisions from their documents, so a state that builds those on first use
    is not made to build them here.
    """
    for c in state.contacts.values():
        _instant("contact created", c.created)
        _instant("contact connected", c.connected)
        _count("contact cadence", c.cadence_days, 1, 3650)
        if c.introduced_by is not None and not isinstance(c.introduced_by, str):
            raise ValueError(f"contact introduced by: not an id: {c.introduced_by!r}")
        if c.circle is not None and not isinstance(c.circle, str):
            raise ValueError(f"contact circle: not a name: {c.circle!r}")
    for ms in state.milestones.values():
        _instant("milestone when", ms.when)
    for doc in tables.get(MEETINGS, {}).values():
        _instant_text("meeting when", doc["when"])
        ids = doc["contact_ids"]
        if not ids or not isinstance(ids, list) or not all(isinstance(c, str) for c in ids):
            raise ValueError(f"meeting {doc['id']}: nobody was met, or not ids: {ids!r}")
        for p in doc.get("promises", ()):
            if p.get("due"):
                _day("promise due", date.fromisoformat(p["due"]))
            if p.get("contact_id") is not None and not isinstance(p["contact_id"], str):
                raise ValueError(f"promise contact: not an id: {p['contact_id']!r}")
    for doc in tables.get(ACTIONS, {}).values():
        _instant_text("decision at", doc["at"])
        if doc.get("until"):
            _instant_text("decision until", doc["until"])
        if doc.get("outcome") not in OUTCOMES or not isinstance(doc.get("item_id"), str):
            raise ValueError(f"decision {doc['id']}: unknown outcome or item")
    s = state.settings
    for name in (
        "thank_overdue_hours",
        "news_after_days",
        "news_overdue_days",
        "promise_default_days",
        "keep_in_touch_overdue_days",
        "milestone_lookback_days",
        "snooze_days",
    ):
        _count(f"setting {name}", getattr(s, name), 0, 36_500, optional=False)
    if not isinstance(s.circle_cadences, dict):
        raise ValueError("setting circle_cadences: not a table of circles")
    for circle, days in s.circle_cadences.items():
        _count(f"setting cadence of {circle}", days, 1, 3650)
    for name in (f.name for f in fields(Settings) if isinstance(f.default, str)):
        if not isinstance(getattr(s, name), str):  # the signature ends every draft
            raise ValueError(f"setting {name}: not text: {getattr(s, name)!r}")
