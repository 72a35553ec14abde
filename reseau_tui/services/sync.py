"""Sync conflicts in words: which record, which field, the two values, and what was merged.

The merge itself is the store's (`reseau_tui.store.sync`); this module only
says it, for the CLI (`reseau sync`) and the TUI's sync screen alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, MILESTONES, SETTINGS
from reseau_tui.i18n import _, n_
from reseau_tui.store.sync import ABSENT, FieldConflict, Merge


@dataclass(frozen=True)
class ConflictView:
    what: str  # the record: "Camille Martin (contact)"
    field: str  # the field: "company"
    mine: str  # this machine's value, as text
    theirs: str  # the other copy's value


def field_label(name: str) -> str:
    return {
        "name": _("name"),
        "company": _("company"),
        "role": _("role"),
        "email": _("email"),
        "phone": _("phone"),
        "url": _("profile link"),
        "circle": _("circle"),
        "tags": _("tags"),
        "notes": _("notes"),
        "introduced_by": _("introduced by"),
        "cadence_days": _("keep-in-touch cadence"),
        "archived": _("archived"),
        "familiar": _("familiar form"),
        "birthday": _("birthday"),
        "when": _("date"),
        "contact_ids": _("people met"),
        "channel": _("channel"),
        "place": _("place"),
        "note": _("note"),
        "learned": _("learned"),
        "advice": _("advice"),
        "leads": _("leads"),
        "promises": _("promises"),
        "text": _("text"),
        "outcome": _("decision"),
        "until": _("snoozed until"),
    }.get(name, name)


def _names(merge: Merge, ids: Any) -> str:
    if not isinstance(ids, list):
        return ""
    names = []
    for cid in ids:
        doc = (
            merge.merged.get(CONTACTS, {}).get(cid)
            or merge.mine.get(CONTACTS, {}).get(cid)
            or merge.theirs.get(CONTACTS, {}).get(cid)
        )
        names.append(str(doc.get("name", "?")) if doc else "?")
    return ", ".join(names)


def record_label(merge: Merge, table: str, record_id: str) -> str:
    doc = merge.merged.get(table, {}).get(record_id) or {}
    if table == CONTACTS:
        return _("{name} (contact)", name=str(doc.get("name", record_id)))
    if table == MEETINGS:
        day = str(doc.get("when", ""))[:10]
        return _(
            "meeting of {day} with {names}",
            day=day,
            names=_names(merge, doc.get("contact_ids")),
        )
    if table == MILESTONES:
        return _("milestone {text}", text=str(doc.get("text", record_id)))
    if table == ACTIONS:
        return _("follow-up decision {id}", id=str(doc.get("item_id", record_id)))
    if table == SETTINGS:
        return _("settings")
    return f"{table} {record_id}"


def value_text(merge: Merge, conflict: FieldConflict, value: Any) -> str:
    if value is ABSENT or value in ("", None, [], {}):
        return _("(empty)")
    if conflict.field in ("contact_ids",):
        return _names(merge, value)
    if conflict.field == "introduced_by" and isinstance(value, str):
        return _names(merge, [value])
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return "; ".join(str(v.get("text", "")) for v in value)
    return str(value)


def conflict_views(merge: Merge) -> list[ConflictView]:
    return [
        ConflictView(
            record_label(merge, c.table, c.record_id),
            field_label(c.field),
            value_text(merge, c, c.mine),
            value_text(merge, c, c.theirs),
        )
        for c in merge.conflicts
    ]


def merge_summary(merge: Merge) -> str:
    """What the merge brought: "3 changes from the other copy merged"."""
    text = n_(
        "{count} change from the other copy merged",
        "{count} changes from the other copy merged",
        merge.taken,
    )
    if merge.kept:
        text += "; " + n_(
            "{count} record deleted on one side but changed on the other was kept",
            "{count} records deleted on one side but changed on the other were kept",
            merge.kept,
        )
    return text
