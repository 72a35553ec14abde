"""The last change a shell command saved, with the operation that undoes it (`reseau undo`).

One small file per database, beside the engine's kept findings (the cache
folder, named by a hash of the database's path; `store.derived`), written
atomically and private (0600) like them, and only by reseau commands. It
holds values of records (what undoing brings back), so `reseau forget`
removes it with the rest (`derived.forget_derived`). The undo itself is a
conditional operation (`store.operations`): stale, it is refused, never
applied over what changed since.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from reseau_tui.locations import derived_folder
from reseau_tui.store.derived import database_prefix, read_cached, write_cached
from reseau_tui.store.operations import Change, Operation

FORMAT = 1
_KINDS = ("insert", "update", "remove")


class UnreadableRecord(Exception):
    """The file is there but is not a record this version of reseau wrote."""


@dataclass(frozen=True)
class LastChange:
    label: str  # what the change was: "log meeting with Camille Martin"
    at: str  # when it was saved (ISO 8601, with its offset)
    undo: Operation


def last_change_path(db: Path) -> Path:
    # A dot, not a dash: saving new findings removes the database's other "-" files.
    return derived_folder() / f"{database_prefix(db)}.undo.json"


def write_last_change(db: Path, change: LastChange) -> bool:
    """Keep `change` as the one `reseau undo` undoes; False if it could not be written.

    When it cannot, the record of an earlier change is removed too: `reseau
    undo` must never undo another change than the last one.
    """
    data = {
        "format": FORMAT,
        "label": change.label,
        "at": change.at,
        "undo": {"label": change.undo.label, "changes": [_encode(c) for c in change.undo.changes]},
    }
    target = last_change_path(db)
    if write_cached(target, orjson.dumps(data)):
        return True
    clear_last_change(db)
    return False


def clear_last_change(db: Path) -> None:
    with suppress(OSError):
        last_change_path(db).unlink()


def read_last_change(db: Path) -> LastChange | None:
    """The last change recorded; None when there is none. Raises `UnreadableRecord`."""
    path = last_change_path(db)
    if not path.exists():
        return None
    found = read_cached(path)
    try:
        if found is None or found.get("format") != FORMAT:
            raise ValueError("format")
        undo = found["undo"]
        changes = tuple(_decode(c) for c in undo["changes"])
        label, at, undo_label = found["label"], found["at"], undo["label"]
        if not (isinstance(label, str) and isinstance(at, str) and isinstance(undo_label, str)):
            raise ValueError("label")
    except (KeyError, TypeError, ValueError) as exc:
        raise UnreadableRecord(str(path)) from exc
    return LastChange(label, at, Operation(undo_label, changes))


def _encode(change: Change) -> dict[str, Any]:
    return {
        "table": change.table,
        "id": change.record_id,
        "kind": change.kind,
        "fields": dict(change.fields),
        "unset": list(change.unset),
        "expect": None if change.expect is None else dict(change.expect),
        "absent": list(change.absent),
    }


def _decode(data: Any) -> Change:
    if not isinstance(data, Mapping):
        raise TypeError("change")
    table, record_id, kind = data["table"], data["id"], data["kind"]
    fields, unset, expect, absent = data["fields"], data["unset"], data["expect"], data["absent"]
    if not (isinstance(table, str) and isinstance(record_id, str) and kind in _KINDS):
        raise ValueError("change")
    if not isinstance(fields, dict) or not (expect is None or isinstance(expect, dict)):
        raise ValueError("fields")
    names = [*unset, *absent] if isinstance(unset, list) and isinstance(absent, list) else [0]
    if not all(isinstance(n, str) for n in names):
        raise ValueError("unset")
    return Change(table, record_id, kind, fields, tuple(unset), expect, tuple(absent))
