"""Changes as operations: applied at once in memory, replayed on a newer file if needed.

An operation is a list of record-level changes. Updates name only the fields
they change, so two writers editing different fields of one contact both win.

Applying an operation also gives the one that undoes it, computed from the
records as they were just before (`apply_operation`): an insert is undone by a
remove, a remove by inserting the record back, an update by writing back the
old values of the fields it changed (and removing those it added). That
inverse is an operation like any other: saved, replayed on a file changed
elsewhere, merged. Its changes are conditional (`Change.expect`, `absent`): it
applies only while the records still hold what the undone operation wrote, so
an undo never silently writes over what another writer changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from reseau_tui.domain.codec import Doc
from reseau_tui.store.tinydb_ext import RecordDB

ChangeKind = Literal["insert", "update", "remove"]
_MISSING = object()


@dataclass(frozen=True)
class Change:
    """One record's change. `expect` and `absent` are conditions (an undo has them).

    With `expect`, the record must exist and hold these values (for a remove:
    be exactly `expect`); the fields in `absent` must be missing from it.
    """

    table: str
    record_id: str
    kind: ChangeKind
    fields: Mapping[str, Any] = field(default_factory=dict)
    unset: tuple[str, ...] = ()
    expect: Mapping[str, Any] | None = None
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class Operation:
    """One user action (add a contact, log a meeting, mark done...), described for reports.

    `undoable` False: nothing is kept to undo it (forgetting someone must not
    keep what it removed, even in memory).
    """

    label: str
    changes: tuple[Change, ...]
    undoable: bool = True

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
    """An operation that no longer applies (its record was deleted or changed elsewhere).

    `change` is the change that could not apply, `fields` the fields that hold
    other values than it expected (empty when the record itself is missing or
    in the way).
    """

    def __init__(
        self,
        operation: Operation,
        reason: str,
        change: Change | None = None,
        fields: tuple[str, ...] = (),
    ) -> None:
        super().__init__(f"{operation.label}: {reason}")
        self.operation = operation
        self.reason = reason
        self.change = change
        self.fields = fields


@dataclass
class Applied:
    """An operation applied in memory, and what undoes it as of the records it found.

    The store keeps `inverse` current when it replays the operation on a newer
    file, and sets `lost` when the operation no longer applies there.
    """

    operation: Operation
    inverse: Operation | None  # None: not undoable, or it changed nothing
    lost: bool = False

    @property
    def touched(self) -> list[tuple[str, str]]:
        return [(ch.table, ch.record_id) for ch in self.operation.changes]


def apply_operation(db: RecordDB, op: Operation) -> Operation | None:
    """Apply every change of `op` or none; returns the operation that undoes it.

    Raises `OperationConflict` (nothing applied) when a change does not apply.
    The inverse is None when `op` is not undoable or changed nothing.
    """
    inverse = _checked(db, op)
    for ch in op.changes:
        table = db.records(ch.table)
        if ch.kind == "insert":
            table.put(ch.record_id, ch.fields)
        elif ch.kind == "update":
            table.patch(ch.record_id, ch.fields, ch.unset)
        else:
            table.delete(ch.record_id)
    return inverse


def _checked(db: RecordDB, op: Operation) -> Operation | None:
    """Check every change in order (on the records as the previous ones leave them).

    Nothing is written: the records each change would leave are kept aside, so
    an operation inserting then updating one record checks as it will apply.
    """
    now: dict[tuple[str, str], Mapping[str, Any] | None] = {}
    undo: list[Change] = []
    for ch in op.changes:
        key = (ch.table, ch.record_id)
        doc = now[key] if key in now else db.records(ch.table).record(ch.record_id)
        _check_change(op, ch, doc)
        after = _after(ch, doc)
        now[key] = after
        if op.undoable:
            back = _undo_change(ch, doc, after)
            if back is not None:
                undo.append(back)
    if not undo:
        return None
    return Operation(op.label, tuple(reversed(undo)))


def _check_change(op: Operation, ch: Change, doc: Mapping[str, Any] | None) -> None:
    if ch.kind == "insert" and doc is not None:
        raise OperationConflict(op, "a record with this id already exists", ch)
    if doc is None and (ch.kind == "update" or ch.expect is not None):
        raise OperationConflict(op, "the record no longer exists (deleted elsewhere)", ch)
    if doc is None:
        return
    if ch.kind == "remove" and ch.expect is not None:
        differ = tuple(
            k
            for k in {**doc, **ch.expect}
            if not same(doc.get(k, _MISSING), ch.expect.get(k, _MISSING))
        )
    else:
        expect = ch.expect or {}
        differ = tuple(k for k, v in expect.items() if not same(doc.get(k, _MISSING), v))
    differ += tuple(k for k in ch.absent if k in doc)
    if differ:
        raise OperationConflict(op, "it was changed elsewhere since", ch, differ)


def _after(ch: Change, doc: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    if ch.kind == "insert":
        return ch.fields  # never changed in place: the table keeps its own copy
    if ch.kind == "remove" or doc is None:
        return None
    after = {**doc, **ch.fields}
    for key in ch.unset:
        after.pop(key, None)
    return after


def _undo_change(
    ch: Change, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> Change | None:
    """The change that brings the record from `after` back to `before`, if they differ."""
    if before is None and after is None:
        return None  # removed a record that was not there: nothing to bring back
    if before is None:
        assert after is not None
        return Change(ch.table, ch.record_id, "remove", expect=after)
    if after is None:
        return Change(ch.table, ch.record_id, "insert", dict(before))
    restore: Doc = {}
    unset: list[str] = []
    expect: Doc = {}
    absent: list[str] = []
    for key in dict.fromkeys([*ch.fields, *ch.unset]):
        old, new = before.get(key, _MISSING), after.get(key, _MISSING)
        if same(old, new):
            continue
        if new is _MISSING:
            absent.append(key)
        else:
            expect[key] = new
        if old is _MISSING:
            unset.append(key)
        else:
            restore[key] = old
    if not restore and not unset:
        return None
    return Change(
        ch.table, ch.record_id, "update", restore, tuple(unset), expect=expect, absent=tuple(absent)
    )


def same(a: Any, b: Any) -> bool:
    """Equal as stored: a tuple in memory is the list read back from the file."""
    return bool(_plain(a) == _plain(b))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value
