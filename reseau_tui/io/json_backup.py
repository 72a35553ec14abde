"""The full backup: every table, as the database holds it, in one JSON document.

    {"format": "reseau-backup", "schema_version": 1, "exported_at": "...",
     "contacts": [...], "meetings": [...], "milestones": [...], "actions": [...],
     "settings": {...} or null}

Promises live inside their meeting. Records are sorted by id and indented one
field per line, so two backups compare well with `diff` and a problem is
reported with its line. A database file itself (or one of its `.bak-` copies)
is read too, so any of them can be restored with `reseau import json`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from reseau_tui.io.common import Problem, decode_text

FORMAT = "reseau-backup"
TABLES = ("contacts", "meetings", "milestones", "actions")
_ID = re.compile(r'"id"\s*:\s*"((?:[^"\\]|\\.)*)"')


@dataclass
class Backup:
    schema_version: int
    records: dict[str, list[tuple[int, dict[str, Any]]]]  # table -> (line, document)
    settings: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)


def dump_backup(
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    settings: Mapping[str, Any] | None,
    schema_version: int,
    exported_at: str,
) -> bytes:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "schema_version": schema_version,
        "exported_at": exported_at,
    }
    for name in TABLES:
        doc[name] = sorted(tables.get(name, ()), key=lambda d: str(d["id"]))
    doc["settings"] = dict(settings) if settings is not None else None
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"


def load_backup(data: bytes) -> Backup:
    """The backup's records with their lines; `problems` says what is not a record."""
    backup = Backup(0, {name: [] for name in TABLES})
    text = decode_text(data)  # raises NotUtf8
    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        backup.problems.append(
            Problem(
                "the file is not JSON ({reason})", {"reason": exc.msg}, line=exc.lineno, fatal=True
            )
        )
        return backup
    if not isinstance(doc, dict):
        backup.problems.append(Problem("the file is JSON but not a reseau backup", fatal=True))
        return backup
    if doc.get("format") != FORMAT:
        doc = _from_database_file(doc)
        if doc is None:
            backup.problems.append(
                Problem(
                    "the file is JSON but not a reseau backup "
                    '(no "format": "reseau-backup", and not a reseau database)',
                    fatal=True,
                )
            )
            return backup
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        backup.problems.append(Problem("the backup has no valid schema_version", fatal=True))
        return backup
    backup.schema_version = version
    lines = _id_lines(text)
    for name in TABLES:
        records = doc.get(name, [])
        if not isinstance(records, list):
            backup.problems.append(
                Problem("{table} must be a list of records", {"table": name}, fatal=True)
            )
            continue
        for number, record in enumerate(records, start=1):
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                backup.problems.append(
                    Problem(
                        "{table}: not a record with an id",
                        {"table": name},
                        unit="record",
                        number=number,
                    )
                )
                continue
            backup.records[name].append((lines.get(record["id"], 0), record))
    settings = doc.get("settings")
    if settings is not None and not isinstance(settings, dict):
        backup.problems.append(Problem("settings must be an object", fatal=True))
    else:
        backup.settings = settings
    return backup


def _from_database_file(doc: dict[str, Any]) -> dict[str, Any] | None:
    """A database file's tables ({table: {id: document}}) in the backup's shape."""
    if not all(isinstance(t, dict) for t in doc.values()) or not (
        set(doc) & {*TABLES, "meta", "settings"}
    ):
        return None
    meta = doc.get("meta", {}).get("schema")
    version = meta.get("schema_version") if isinstance(meta, dict) else 1
    shaped: dict[str, Any] = {"schema_version": version}
    for name in TABLES:
        shaped[name] = list(doc.get(name, {}).values())
    settings = doc.get("settings", {}).get("settings")
    shaped["settings"] = settings
    return shaped


def _id_lines(text: str) -> dict[str, int]:
    """The line of each record, found by its `"id": "..."` (the first one is the record's)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found: dict[str, int] = {}
    for m in _ID.finditer(text):
        try:
            key = orjson.loads(f'"{m.group(1)}"')
        except orjson.JSONDecodeError:
            continue
        if isinstance(key, str) and key not in found:
            found[key] = bisect.bisect_right(starts, m.start())
    return found
