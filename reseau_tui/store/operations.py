"""Changes as operations: applied at once in memory, replayed on a newer file if needed.

An operation is a list of record-level changes. Updates name only the fields
they change, so two writers editing different fields of one contact both win.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from reseau_tui.store.tinydb_ext import RecordDB

ChangeKind = Literal["insert", "update", "remove"]


@dataclass(frozen=True)
class Change:
    table: str
    record_id: str
    kind: ChangeKind
    fields: Mapping[str, Any] = field(default_factory=dict)
    unset: tuple[str, ...] = ()


@dataclass(frozen=True)
class Operation:
    """One user action (add a contact, log a meeting, mark done...), described for reports."""

    label: str
    changes: tuple[Change, ...]

    @classmethod
    def insert(cls, label: str, table: str, doc: Mapping[str, Any]) -> Operation:
        return cls(label, (Change(table, doc["id"], "insert", dict(doc)),))

    @classmethod
    def update(
        cls,
        label: str,
        table: str,
        record_id: str,
        fields: Mapping[str, Any],
        unset: tuple[str, ...] = (),
    ) -> Operation:
        return cls(label, (Change(table, record_id, "update", dict(fields), unset),))

    @classmethod
    def remove(cls, label: str, table: str, record_id: str) -> Operation:
        return cls(label, (Change(table, record_id, "remove"),))


class OperationConflict(Exception):
    """An operation that no longer applies (its record was deleted elsewhere)."""

    def __init__(self, operation: Operation, reason: str) -> None:
        super().__init__(f"{operation.label}: {reason}")
        self.operation = operation
        self.reason = reason


def apply_operation(db: RecordDB, op: Operation) -> list[tuple[str, str]]:
    """Apply every change of `op` or none; returns the (table, id) pairs touched."""
    for ch in op.changes:
        exists = db.records(ch.table).has(ch.record_id)
        if ch.kind == "update" and not exists:
            raise OperationConflict(op, "the record no longer exists (deleted elsewhere)")
        if ch.kind == "insert" and exists:
            raise OperationConflict(op, "a record with this id already exists")
    for ch in op.changes:
        table = db.records(ch.table)
        if ch.kind == "insert":
            table.put(ch.record_id, ch.fields)
        elif ch.kind == "update":
            table.patch(ch.record_id, ch.fields, ch.unset)
        else:
            table.delete(ch.record_id)
    return [(ch.table, ch.record_id) for ch in op.changes]
