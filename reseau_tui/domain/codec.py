"""Records to and from the plain documents stored in the file.

Documents leave out empty fields, so the file stays small and `--json` output
shows "every field that is set". Instants are ISO 8601 strings with an offset.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields as dc_fields
from datetime import date, datetime
from typing import Any, cast

from reseau_tui.domain.models import (
    CIRCLES,
    Action,
    Contact,
    Meeting,
    Milestone,
    Outcome,
    Promise,
    Settings,
)

Doc = dict[str, Any]


def doc_update(old: Doc, new: Doc) -> tuple[Doc, tuple[str, ...]]:
    """What turns `old` into `new`: the fields to set and the fields to remove.

    Documents leave out empty fields, so a field emptied by an edit is one to remove.
    """
    fields = {k: v for k, v in new.items() if old.get(k) != v}
    return fields, tuple(k for k in old if k not in new)


def _instant(value: Any) -> datetime:
    return datetime.fromisoformat(value)


def _set(doc: Doc, key: str, value: Any) -> None:
    if value not in (None, "", (), [], False):
        doc[key] = value


def contact_to_doc(c: Contact) -> Doc:
    doc: Doc = {"id": c.id, "name": c.name, "created": c.created.isoformat()}
    for key in (
        "company",
        "role",
        "email",
        "phone",
        "url",
        "circle",
        "notes",
        "introduced_by",
        "cadence_days",
        "archived",
        "familiar",
        "birthday",
        "surname",
        "card_uid",
        "card_version",
    ):
        _set(doc, key, getattr(c, key))
    _set(doc, "tags", list(c.tags))
    _set(doc, "card_extra", list(c.card_extra))
    if c.connected:
        doc["connected"] = c.connected.isoformat()
    return doc


def contact_from_doc(d: Mapping[str, Any]) -> Contact:
    get = d.get
    connected = get("connected")
    return _contact(
        (
            d["id"],
            d["name"],
            _instant(d["created"]),
            get("company", ""),
            get("role", ""),
            get("email", ""),
            get("phone", ""),
            get("url", ""),
            get("circle"),
            tuple(get("tags", ())),
            get("notes", ""),
            get("introduced_by"),
            get("cadence_days"),
            get("archived", False),
            get("familiar", False),
            _instant(connected) if connected else None,
            get("birthday", ""),
            get("surname", ""),
            get("card_uid", ""),
            get("card_version", ""),
            tuple(get("card_extra", ())),
        )
    )


# Every command decodes every contact (30,000 at LinkedIn scale, a tenth of a second):
# the frozen dataclass's __init__ sets each field through `object.__setattr__`, a
# third slower than the slots' own setters. The record is the same, field for field.
_CONTACT_SLOTS = [getattr(Contact, f.name).__set__ for f in dc_fields(Contact)]


def _contact(values: tuple[Any, ...]) -> Contact:
    """A `Contact` from its fields' values, in the order they are declared."""
    contact = object.__new__(Contact)
    for put, value in zip(_CONTACT_SLOTS, values, strict=True):
        put(contact, value)
    return contact


def promise_to_doc(p: Promise) -> Doc:
    doc: Doc = {"id": p.id, "text": p.text, "by_me": p.by_me}
    if p.due:
        doc["due"] = p.due.isoformat()
    _set(doc, "contact_id", p.contact_id)
    return doc


def promise_from_doc(d: Mapping[str, Any]) -> Promise:
    return Promise(
        id=d["id"],
        text=d["text"],
        by_me=d.get("by_me", True),
        due=date.fromisoformat(d["due"]) if d.get("due") else None,
        contact_id=d.get("contact_id"),
    )


def meeting_to_doc(m: Meeting) -> Doc:
    doc: Doc = {
        "id": m.id,
        "when": m.when.isoformat(),
        "contact_ids": list(m.contact_ids),
        "channel": m.channel,
    }
    for key in ("place", "note", "learned", "advice"):
        _set(doc, key, getattr(m, key))
    _set(doc, "leads", list(m.leads))
    _set(doc, "promises", [promise_to_doc(p) for p in m.promises])
    return doc


def meeting_from_doc(d: Mapping[str, Any]) -> Meeting:
    return Meeting(
        id=d["id"],
        when=_instant(d["when"]),
        contact_ids=tuple(d["contact_ids"]),
        channel=d.get("channel", "other"),
        place=d.get("place", ""),
        note=d.get("note", ""),
        learned=d.get("learned", ""),
        advice=d.get("advice", ""),
        leads=tuple(d.get("leads", ())),
        promises=tuple(promise_from_doc(p) for p in d.get("promises", ())),
    )


def milestone_to_doc(m: Milestone) -> Doc:
    return {"id": m.id, "text": m.text, "when": m.when.isoformat()}


def milestone_from_doc(d: Mapping[str, Any]) -> Milestone:
    return Milestone(d["id"], d["text"], _instant(d["when"]))


def action_to_doc(a: Action) -> Doc:
    doc: Doc = {"id": a.id, "item_id": a.item_id, "outcome": a.outcome, "at": a.at.isoformat()}
    if a.until:
        doc["until"] = a.until.isoformat()
    _set(doc, "channel", a.channel)
    _set(doc, "text", a.text)
    return doc


def action_from_doc(d: Mapping[str, Any]) -> Action:
    return Action(
        id=d["id"],
        item_id=d["item_id"],
        outcome=cast(Outcome, d["outcome"]),
        at=_instant(d["at"]),
        until=_instant(d["until"]) if d.get("until") else None,
        channel=d.get("channel", ""),
        text=d.get("text", ""),
    )


_SETTING_NAMES = {f.name for f in dc_fields(Settings)}
_TABLES = ("circle_cadences", "circle_latest")  # stored one circle per field, below
# Each circle's intervals are fields of their own ("cadence:friend", "latest:friend"), so
# two writers changing two circles both keep theirs (an update writes only its fields).
CADENCE, LATEST = "cadence:", "latest:"


def settings_to_doc(s: Settings) -> Doc:
    """The settings as stored: every rule, every circle."""
    doc: Doc = {name: getattr(s, name) for name in _SETTING_NAMES if name not in _TABLES}
    for circle, days in s.circle_cadences.items():
        doc[CADENCE + circle] = days
    for circle, days in s.circle_latest.items():
        doc[LATEST + circle] = days
    return doc


def settings_from_doc(d: Mapping[str, Any] | None) -> Settings:
    """The settings a document holds; older files keep every circle in one table
    (`circle_cadences`), which the fields of one circle override."""
    if not d:
        return Settings()
    known = {k: v for k, v in d.items() if k in _SETTING_NAMES and k not in _TABLES}
    cadences = dict(CIRCLES)
    cadences.update(d.get("circle_cadences") or {})
    latest: dict[str, int] = {}
    for key, value in d.items():
        if key.startswith(CADENCE):
            cadences[key[len(CADENCE) :]] = value
        elif key.startswith(LATEST) and value is not None:
            latest[key[len(LATEST) :]] = value
    return Settings(**known, circle_cadences=cadences, circle_latest=latest)
