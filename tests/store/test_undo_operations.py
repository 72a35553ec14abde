"""Every operation comes with what undoes it, and an undo never overwrites another's change.

The inverse is computed as the operation applies, from the records as they
were: undoing a whole sequence, newest first, gives back the tables exactly;
an undo whose records another writer changed since is refused, nothing applied.
"""

from __future__ import annotations

import copy
from contextlib import suppress
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reseau_tui.store import Change, Operation, OperationConflict, Store
from reseau_tui.store.operations import apply_operation
from reseau_tui.store.tinydb_ext import Tables, open_memory_db

CONTACTS = "contacts"


def tables_of(db: Any) -> Tables:
    """The records, empty tables left out (a table emptied by an undo is as one never made)."""
    raw = copy.deepcopy(db.storage.read())
    return {name: docs for name, docs in raw.items() if docs}


def start() -> Tables:
    return {
        CONTACTS: {
            "c1": {"id": "c1", "name": "Camille Martin", "company": "Airbus", "tags": ["a"]},
            "c2": {"id": "c2", "name": "Zoë N'Diaye"},
        },
        "meetings": {"m1": {"id": "m1", "contact_ids": ["c1"], "note": "Café"}},
    }


# --- a random history, undone ----------------------------------------------------

TABLES = st.sampled_from([CONTACTS, "meetings", "actions"])
IDS = st.sampled_from(["c1", "c2", "m1", "x1", "x2", "x3"])
FIELDS = st.sampled_from(["name", "company", "note", "tags", "archived"])
VALUES = st.one_of(
    st.text(max_size=5), st.integers(), st.booleans(), st.lists(st.text(max_size=3), max_size=2)
)


@st.composite
def changes(draw: st.DrawFn) -> Change:
    table, record_id = draw(TABLES), draw(IDS)
    kind = draw(st.sampled_from(["insert", "update", "remove"]))
    fields = draw(st.dictionaries(FIELDS, VALUES, max_size=3))
    if kind == "insert":
        return Change(table, record_id, "insert", {"id": record_id, **fields})
    if kind == "update":
        unset = tuple(draw(st.lists(FIELDS, max_size=2, unique=True)))
        return Change(table, record_id, "update", fields, unset)
    return Change(table, record_id, "remove")


OPERATIONS = st.lists(
    st.lists(changes(), min_size=1, max_size=4).map(lambda c: Operation("op", tuple(c))),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(OPERATIONS)
def test_undoing_every_operation_newest_first_gives_back_the_tables(ops: list[Operation]) -> None:
    db = open_memory_db(start())
    before = tables_of(db)
    inverses, states = [], [before]
    for op in ops:
        try:
            inverse = apply_operation(db, op)
        except OperationConflict:  # an operation that does not apply changes nothing
            assert tables_of(db) == states[-1]
            continue
        if inverse is None:
            assert tables_of(db) == states[-1]
            continue
        inverses.append(inverse)
        states.append(tables_of(db))
    redos = []
    for inverse in reversed(inverses):
        redos.append(apply_operation(db, inverse))
        states.pop()
        assert tables_of(db) == states[-1]
    assert tables_of(db) == before
    for redo in reversed(redos):  # and redone, oldest first, the end state comes back
        assert redo is not None
        apply_operation(db, redo)
    assert tables_of(db) == tables_of_after(ops)


def tables_of_after(ops: list[Operation]) -> Tables:
    db = open_memory_db(start())
    for op in ops:
        with suppress(OperationConflict):
            apply_operation(db, op)
    return tables_of(db)


# --- an undo applies only over what the undone change wrote ------------------------


def test_an_edit_is_undone_field_by_field_added_fields_removed() -> None:
    db = open_memory_db(start())
    undo = apply_operation(
        db, Operation.update("edit", CONTACTS, "c1", {"company": "Thales", "role": "Buyer"})
    )
    assert undo is not None
    apply_operation(db, undo)
    assert tables_of(db) == start()


def test_undoing_an_edit_is_refused_once_another_writer_changed_that_field() -> None:
    db = open_memory_db(start())
    undo = apply_operation(db, Operation.update("edit", CONTACTS, "c1", {"company": "Thales"}))
    assert undo is not None
    apply_operation(db, Operation.update("theirs", CONTACTS, "c1", {"company": "Safran"}))
    with pytest.raises(OperationConflict) as refused:
        apply_operation(db, undo)
    assert refused.value.fields == ("company",)
    record = db.records(CONTACTS).record("c1")
    assert record is not None
    assert record["company"] == "Safran"  # theirs stays


def test_undoing_an_edit_keeps_what_another_writer_changed_in_other_fields() -> None:
    db = open_memory_db(start())
    undo = apply_operation(db, Operation.update("edit", CONTACTS, "c1", {"company": "Thales"}))
    assert undo is not None
    apply_operation(db, Operation.update("theirs", CONTACTS, "c1", {"email": "c@airbus.example"}))
    apply_operation(db, undo)
    record = db.records(CONTACTS).record("c1")
    assert record is not None
    assert (record["company"], record["email"]) == ("Airbus", "c@airbus.example")


def test_undoing_an_insert_is_refused_once_the_record_was_edited_elsewhere() -> None:
    db = open_memory_db(start())
    undo = apply_operation(db, Operation.insert("add", CONTACTS, {"id": "c3", "name": "Inès"}))
    assert undo is not None
    apply_operation(db, Operation.update("theirs", CONTACTS, "c3", {"notes": "met at the fair"}))
    with pytest.raises(OperationConflict) as refused:
        apply_operation(db, undo)
    assert refused.value.fields == ("notes",)
    assert db.records(CONTACTS).has("c3")


def test_undoing_a_removal_is_refused_once_the_id_is_taken_again() -> None:
    db = open_memory_db(start())
    undo = apply_operation(db, Operation.remove("delete", "meetings", "m1"))
    assert undo is not None
    apply_operation(db, Operation.insert("theirs", "meetings", {"id": "m1", "contact_ids": []}))
    with pytest.raises(OperationConflict):
        apply_operation(db, undo)
    assert db.records("meetings").record("m1") == {"id": "m1", "contact_ids": []}


def test_an_undo_refused_in_its_second_change_applies_none_of_them() -> None:
    db = open_memory_db(start())
    op = Operation(
        "two",
        (
            Change(CONTACTS, "c2", "update", {"company": "Safran"}),
            Change(CONTACTS, "c1", "update", {"company": "Thales"}),
        ),
    )
    undo = apply_operation(db, op)
    assert undo is not None
    apply_operation(db, Operation.remove("theirs", CONTACTS, "c1"))
    after = tables_of(db)
    with pytest.raises(OperationConflict):
        apply_operation(db, undo)
    assert tables_of(db) == after


def test_a_change_that_changed_nothing_has_nothing_to_undo() -> None:
    db = open_memory_db(start())
    same = Operation.update("edit", CONTACTS, "c1", {"company": "Airbus"})
    assert apply_operation(db, same) is None


def test_a_value_read_back_from_the_file_is_the_value_written() -> None:
    """Lists in the file, tuples in memory: the same tags, so the undo applies."""
    db = open_memory_db(start())
    undo = apply_operation(db, Operation.update("edit", CONTACTS, "c1", {"tags": ("a", "b")}))
    assert undo is not None
    reread = open_memory_db(orjson.loads(orjson.dumps(db.storage.read())))
    apply_operation(reread, undo)
    assert tables_of(reread) == start()


# --- replayed on a newer file: the undo is computed again ----------------------------


def test_replayed_on_another_writers_file_the_undo_gives_back_their_value(tmp_path: Path) -> None:
    path = tmp_path / "reseau.json"
    first = Store(path)
    first.apply(Operation.insert("add", CONTACTS, {"id": "c1", "name": "Camille", "company": "A"}))
    first.commit()
    mine, theirs = Store(path), Store(path)
    applied = mine.apply(Operation.update("edit", CONTACTS, "c1", {"company": "Mine"}))
    theirs.apply(Operation.update("theirs", CONTACTS, "c1", {"company": "Theirs", "role": "R"}))
    theirs.commit()
    report = mine.commit()  # reloads their file and replays the edit on it
    assert report.reloaded and not report.conflicts
    assert applied.inverse is not None
    mine.apply(applied.inverse)
    mine.commit()
    record = Store(path).tables[CONTACTS]["c1"]
    assert (record["company"], record["role"]) == ("Theirs", "R")  # not "A": theirs came between


def test_an_operation_lost_on_replay_is_marked_so(tmp_path: Path) -> None:
    path = tmp_path / "reseau.json"
    first = Store(path)
    first.apply(Operation.insert("add", CONTACTS, {"id": "c1", "name": "Camille"}))
    first.commit()
    mine, theirs = Store(path), Store(path)
    applied = mine.apply(Operation.update("edit", CONTACTS, "c1", {"company": "Mine"}))
    theirs.apply(Operation.remove("forget", CONTACTS, "c1"))
    theirs.commit()
    report = mine.commit()
    assert len(report.conflicts) == 1
    assert applied.lost
