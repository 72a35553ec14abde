"""The JSON backup read back: every record checked, new ones inserted, none overwritten.

Records new to the database are inserted; a contact already there (same id)
gets its empty fields filled; any other record already there is kept as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from reseau_tui.domain.codec import (
    action_from_doc,
    action_to_doc,
    contact_from_doc,
    contact_to_doc,
    doc_update,
    meeting_from_doc,
    meeting_to_doc,
    milestone_from_doc,
    milestone_to_doc,
    settings_from_doc,
    settings_to_doc,
)
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import (
    CIRCLES,
    Contact,
    Settings,
    check_circle,
    validated_action,
    validated_contact,
    validated_meeting,
    validated_milestone,
    validated_settings,
)
from reseau_tui.domain.state import (
    ACTIONS,
    CONTACTS,
    MEETINGS,
    MILESTONES,
    SETTINGS,
    SETTINGS_KEY,
)
from reseau_tui.i18n import _
from reseau_tui.io import json_backup
from reseau_tui.io.common import Draft, Problem, Progress, differences, fill_empty
from reseau_tui.services.importing.report import PROGRESS_EVERY, ImportReport, Tally, difference
from reseau_tui.services.labels import table_name
from reseau_tui.services.network import Network
from reseau_tui.store import Change, Operation
from reseau_tui.store.migrations import CURRENT_SCHEMA, META, SCHEMA_KEY, migrate


def _checked_contact(c: Contact, circles: Iterable[str]) -> Contact:
    checked = validated_contact(replace(c, circle=None))
    return replace(checked, circle=check_circle(c.circle, circles))


_DECODERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    CONTACTS: contact_from_doc,
    MEETINGS: meeting_from_doc,
    MILESTONES: milestone_from_doc,
    ACTIONS: action_from_doc,
}
_ENCODERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    CONTACTS: contact_to_doc,
    MEETINGS: meeting_to_doc,
    MILESTONES: milestone_to_doc,
    ACTIONS: action_to_doc,
}


def import_backup(
    network: Network, data: bytes, report: ImportReport, tick: Progress
) -> Operation | None:
    backup = json_backup.load_backup(data)  # raises NotUtf8
    report.problems.extend(backup.problems)
    if backup.schema_version > CURRENT_SCHEMA:
        report.problems.append(
            Problem(
                "the backup was written by a newer reseau (schema {version}; "
                "this one reads up to {current})",
                {"version": backup.schema_version, "current": CURRENT_SCHEMA},
                fatal=True,
            )
        )
    if report.fatal:
        return None
    tables = _migrated(backup)
    state = network.state
    report.total = sum(len(tables[t]) for t in _DECODERS)
    settings_doc = backup.settings
    circles = dict.fromkeys([*CIRCLES, *state.settings.circle_cadences])
    settings: Settings | None = None
    if settings_doc is not None:
        try:
            settings = validated_settings(settings_from_doc(settings_doc))
            circles.update(dict.fromkeys(settings.circle_cadences))
        except (InvalidInput, TypeError, ValueError) as exc:
            report.problems.append(_backup_problem(exc, 0, 0, "settings", ""))
    records: dict[str, list[tuple[int, Any]]] = {t: [] for t in _DECODERS}
    invalid = 0
    done = 0
    for table, decode in _DECODERS.items():
        seen: set[str] = set()
        for number, (line, doc) in enumerate(tables[table], start=1):
            done += 1
            if done % PROGRESS_EVERY == 0:
                tick("checking", done, report.total)
            try:
                record = decode(doc)
                if record.id in seen:
                    raise InvalidInput("id", "appears twice in {table}", table=table)
                seen.add(record.id)
                record = _check_record(table, record, circles)
            except (InvalidInput, KeyError, TypeError, ValueError, AttributeError) as exc:
                report.problems.append(
                    _backup_problem(exc, line, number, table, str(doc.get("name", "")))
                )
                invalid += 1
                continue
            records[table].append((line, record))
    report.invalid = invalid
    in_backup = {str(doc.get("id")) for _line, doc in tables[CONTACTS]}
    _warn_dangling(records, set(state.contacts) | in_backup, report)
    operation = _backup_operation(network, records, settings, settings_doc, report)
    report.problems.sort(key=lambda p: (p.line or 0, not p.blocking))
    return operation


def _migrated(backup: json_backup.Backup) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """The backup's records brought to the current schema (lines kept by id)."""
    lines = {doc["id"]: line for t in backup.records.values() for line, doc in t}
    tables: dict[str, dict[str, dict[str, Any]]] = {
        t: {} for t in (CONTACTS, MEETINGS, MILESTONES, ACTIONS)
    }
    duplicates: dict[str, list[tuple[int, dict[str, Any]]]] = {t: [] for t in tables}
    for table, items in backup.records.items():
        for line, doc in items:
            if doc["id"] in tables[table]:
                duplicates[table].append((line, doc))
            else:
                tables[table][doc["id"]] = doc
    raw: dict[str, dict[str, dict[str, Any]]] = dict(tables)
    raw[META] = {SCHEMA_KEY: {"schema_version": backup.schema_version}}
    migrated = migrate(raw)
    out = {t: [(lines.get(i, 0), d) for i, d in migrated.get(t, {}).items()] for t in tables}
    for t, extra in duplicates.items():
        out[t].extend(extra)  # reported as duplicates when checked
    return out


def _check_record(table: str, record: Any, circles: Iterable[str]) -> Any:
    if table == CONTACTS:
        return _checked_contact(record, circles)
    if table == MEETINGS:
        return validated_meeting(record)
    if table == MILESTONES:
        return validated_milestone(record)
    return validated_action(record)


def _backup_problem(exc: Exception, line: int, number: int, table: str, name: str) -> Problem:
    where: dict[str, Any] = {
        "line": line or None,
        "unit": "record",
        "number": number or None,
        "name": name,
    }
    if isinstance(exc, InvalidInput):
        return Problem(exc.template, exc.values, field=f"{table}: {exc.field}", **where)
    reason = f"{type(exc).__name__}: {exc}"
    return Problem(
        "{table}: the record has the wrong shape ({reason})",
        {"table": table, "reason": reason},
        **where,
    )


def _warn_dangling(
    records: dict[str, list[tuple[int, Any]]], known: set[str], report: ImportReport
) -> None:
    for line, m in records[MEETINGS]:
        missing = [cid for cid in m.contact_ids if cid not in known]
        missing += [p.contact_id for p in m.promises if p.contact_id and p.contact_id not in known]
        if missing:
            report.problems.append(
                Problem(
                    "meeting {id} names contacts that are neither in the backup nor in "
                    "the database: {ids}",
                    {"id": m.id, "ids": ", ".join(missing)},
                    line=line or None,
                    unit="record",
                    blocking=False,
                )
            )


def _backup_operation(
    network: Network,
    records: dict[str, list[tuple[int, Any]]],
    settings: Settings | None,
    settings_doc: dict[str, Any] | None,
    report: ImportReport,
) -> Operation:
    """Records new to the database are inserted; a contact already there (same id) gets its
    empty fields filled; any other record already there is kept as it is."""
    state = network.state
    existing: dict[str, dict[str, Any]] = {
        CONTACTS: state.contacts,
        MEETINGS: state.meetings,
        MILESTONES: state.milestones,
        ACTIONS: state.actions,
    }
    changes: list[Change] = []
    for table, items in records.items():
        tally = report.contacts if table == CONTACTS else report.others.setdefault(table, Tally())
        encode = _ENCODERS[table]
        for line, record in items:
            current = existing[table].get(record.id)
            if current is None:
                changes.append(Change(table, record.id, "insert", encode(record)))
                tally.new += 1
                continue
            if table != CONTACTS:
                tally.unchanged += 1
                continue
            kept = differences(current, record)
            where = Draft(line, 0, current.name)
            report.problems.extend(
                replace(difference(where, "record", *diff), line=line or None, number=None)
                for diff in kept
            )
            report.differing += bool(kept)
            merged = fill_empty(current, record)
            if current.introduced_by is None and record.introduced_by is not None:
                merged = replace(merged, introduced_by=record.introduced_by)
            diff, unset = doc_update(contact_to_doc(current), contact_to_doc(merged))
            if diff or unset:
                changes.append(Change(CONTACTS, record.id, "update", diff, unset))
                tally.merged += 1
            else:
                tally.unchanged += 1
    if settings is not None and settings_doc is not None:
        tally = report.others.setdefault(SETTINGS, Tally())
        if network.store.db.records(SETTINGS).has(SETTINGS_KEY):
            tally.unchanged += 1
        else:
            doc = settings_to_doc(settings) | {"id": SETTINGS_KEY}
            changes.append(Change(SETTINGS, SETTINGS_KEY, "insert", doc))
            tally.new += 1
    counts = Counter(c.table for c in changes)
    label = _(
        "import backup: {counts}",
        counts=", ".join(f"{n} {table_name(t)}" for t, n in sorted(counts.items())),
    )
    return Operation(label, tuple(changes))
