"""A large file's journal is parsed after the first screen, from where the last save put it.

Whatever is parsed later, and whenever, the records are exactly the file's:
reading a table, saving, or another program's change never loses or mixes up
one. A layout that does not fit the file is never trusted.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import orjson
import pytest

from reseau_tui.store import DamagedDatabase, Operation, Store, encoding, loader
from reseau_tui.store.encoding import encode
from reseau_tui.store.files import fingerprint
from reseau_tui.store.layout import layout_path, read_layout

LATER = ("meetings", "actions")


@pytest.fixture(autouse=True)
def split_even_small_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "LAZY_FROM", 0)  # normally only files with megabytes to skip
    monkeypatch.setattr(encoding, "SLICE", 3)  # several slices per table with a few records


def sample(n: int = 10) -> dict[str, dict[str, Any]]:
    """Records whose text holds what a naive splitter would cut on: commas, braces, quotes."""
    return {
        "contacts": {f"c{i}": {"id": f"c{i}", "name": f"Zoë {i}, {{x}}"} for i in range(n)},
        "meetings": {
            f"m{i}": {"id": f"m{i}", "note": 'café, "quoted" },{ "m1": {', "n": i} for i in range(n)
        },
        "actions": {f"a{i}": {"id": f"a{i}", "item_id": f"th-{i}"} for i in range(n)},
    }


def saved(path: Path, data: dict[str, dict[str, Any]]) -> Store:
    store = Store(path, later=LATER)
    for table, docs in data.items():
        for doc in docs.values():
            store.apply(Operation.insert("add", table, doc))
    store.commit()
    return store


def on_disk(path: Path) -> Any:
    return orjson.loads(path.read_bytes())


def test_the_encoder_says_where_each_table_and_each_slice_lies() -> None:
    data: dict[str, Any] = {**sample(), "empty": {}, "list": [1, 2, 3, 4], "number": 5}
    cuts: dict[str, list[int]] = {}
    raw = b"".join(encode(data, cuts))
    assert raw == orjson.dumps(data)
    for name, at in cuts.items():
        assert orjson.loads(raw[at[0] : at[-1] + 1]) == data[name]
        assert all(raw[i : i + 1] == b"," for i in at[1:-1])
    assert len(cuts["meetings"]) == 2 + 3  # ten records in four slices: three commas between


def test_a_saved_file_opens_with_its_journal_left_for_later_and_reads_the_same(
    db_path: Path,
) -> None:
    data = sample()
    saved(db_path, data)
    store = Store(db_path, later=LATER)
    assert not store.rest.ready("meetings") and not store.rest.ready("actions")
    assert "meetings" not in store.tables_so_far
    assert store.db.records("contacts").record("c3") == data["contacts"]["c3"]
    assert store.db.records("meetings").record("m7") == data["meetings"]["m7"]
    assert store.rest.ready("meetings") and not store.rest.ready("actions")
    assert store.tables == on_disk(db_path)  # and now every table, as in the file


def test_a_change_made_while_the_journal_waits_is_saved_with_every_record(
    db_path: Path,
) -> None:
    saved(db_path, sample())
    store = Store(db_path, later=LATER)
    assert not store.rest.ready()
    store.apply(Operation.insert("add", "contacts", {"id": "new", "name": "Anne"}))
    store.commit()
    written = on_disk(db_path)
    assert len(written["meetings"]) == 10 and len(written["actions"]) == 10
    assert written["contacts"]["new"] == {"id": "new", "name": "Anne"}


def test_the_journal_parsed_from_two_threads_at_once_is_whole(db_path: Path) -> None:
    saved(db_path, sample(200))
    store = Store(db_path, later=LATER)
    worker = threading.Thread(target=store.rest.complete)
    worker.start()
    meetings = store.db.records("meetings").records()
    worker.join()
    assert meetings == on_disk(db_path)["meetings"]
    assert store.tables == on_disk(db_path)


def test_a_file_another_program_rewrote_is_read_whole(db_path: Path) -> None:
    saved(db_path, sample())
    rewritten = on_disk(db_path)
    rewritten["meetings"]["m1"]["note"] = "changed elsewhere"
    db_path.write_bytes(orjson.dumps(rewritten, option=orjson.OPT_INDENT_2))
    store = Store(db_path, later=LATER)
    assert store.rest.ready()
    assert store.tables == rewritten


def test_a_layout_that_does_not_fit_the_file_is_not_trusted(db_path: Path) -> None:
    saved(db_path, sample())
    kept = orjson.loads(layout_path(db_path).read_bytes())
    kept["tables"]["meetings"] = [n + 1 for n in kept["tables"]["meetings"]]
    layout_path(db_path).write_bytes(orjson.dumps(kept))
    store = Store(db_path, later=LATER)
    assert store.rest.ready()
    assert store.tables == on_disk(db_path)
    layout_path(db_path).write_bytes(b"{not json")
    assert Store(db_path, later=LATER).tables == on_disk(db_path)


def test_a_file_read_whole_learns_its_layout_only_if_it_encodes_back_to_its_bytes(
    db_path: Path, tmp_path: Path
) -> None:
    data = sample()
    data["meta"] = {"schema": {"schema_version": 1}}
    db_path.write_bytes(orjson.dumps(data))  # written by another program, same encoding
    Store(db_path, later=LATER).keep_layout()
    assert read_layout(db_path, fingerprint(db_path)) is not None
    assert not Store(db_path, later=LATER).rest.ready()

    other = tmp_path / "indented.json"
    other.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    Store(other, later=LATER).keep_layout()
    assert read_layout(other, fingerprint(other)) is None
    assert Store(other, later=LATER).tables == data


def test_a_journal_damaged_behind_an_unchanged_identity_is_reported_as_damage(
    db_path: Path,
) -> None:
    saved(db_path, sample())
    before = os.stat(db_path)
    raw = bytearray(db_path.read_bytes())
    at = read_layout(db_path, fingerprint(db_path))
    assert at is not None
    start = at["meetings"][0]
    raw[start + 1 : start + 5] = b"\x00\x00\x00\x00"  # same size, written in place
    with open(db_path, "r+b") as f:
        f.write(raw)
    os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    store = Store(db_path, later=LATER)
    assert store.db.records("contacts").record("c1") is not None
    with pytest.raises(DamagedDatabase, match="not JSON"):
        store.db.records("meetings").records()


def test_a_journal_written_into_while_it_is_read_is_reported_not_mixed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reseau_tui.store.loader import Rest

    saved(db_path, sample())
    reading = Rest._read

    def another_program_writes_meanwhile(rest: Rest, fd: int, identity: Any) -> None:
        before = os.stat(db_path)
        os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
        reading(rest, fd, identity)

    monkeypatch.setattr(Rest, "_read", another_program_writes_meanwhile)
    store = Store(db_path, later=LATER)
    assert store.db.records("contacts").record("c2") is not None
    with pytest.raises(DamagedDatabase, match="changed while it was being read"):
        store.db.records("meetings").records()
    assert store.changed_on_disk()  # and the next reload or save sees the change
