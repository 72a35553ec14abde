"""TinyDB, extended through its own extension points for a database kept in memory.

- `MemoryStorage` holds the parsed tables; TinyDB reads and writes it without any
  I/O. Durability is the `Store`'s job (atomic commit), not a side effect of
  every table write, which is what makes TinyDB's default storage slow and unsafe.
  Tables the loader left for later (`loader.Rest`) are parsed when a table
  asks for them, and all of them before anything reads or writes the whole.
- `RecordTable` keys documents by reseau's own string ids and updates the table
  in place, instead of rebuilding the whole table dict on each write (0.25 s at
  100,000 documents). Its `record`/`put`/`patch`/`delete` methods are the typed,
  O(1) record API the store uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from reseau_tui.domain.codec import Doc
from reseau_tui.domain.state import Later

Tables = dict[str, dict[str, Doc]]


class MemoryStorage(Storage):
    def __init__(self, tables: Tables | None = None, later: Later | None = None) -> None:
        self.tables: Tables = tables if tables is not None else {}
        self.later = later

    def read(self) -> Tables:
        if self.later is not None:
            self.later.complete()
        return self.tables

    def table(self, name: str) -> dict[str, Doc]:
        """One table, parsing only that one if it was left for later."""
        if self.later is not None:
            self.later.complete(name)
        return self.tables.get(name, {})

    def write(self, data: Tables) -> None:
        self.read()
        self.tables = data

    def close(self) -> None:
        pass


class RecordTable(Table):
    document_id_class = str  # type: ignore[assignment]

    def _get_next_id(self) -> str:
        raise ValueError("reseau records carry their own ids")

    def _read_table(self) -> dict[str, Mapping[str, Any]]:
        return cast(
            dict[str, Mapping[str, Any]], cast(MemoryStorage, self._storage).table(self.name)
        )

    def _update_table(self, updater: Callable[[MutableMapping[str, Any]], None]) -> None:  # type: ignore[override]
        tables = cast(Tables, self._storage.read())
        raw = tables.setdefault(self.name, {})
        updater(raw)
        self._storage.write(tables)
        self.clear_cache()

    def records(self) -> dict[str, Doc]:
        return cast(dict[str, Doc], self._read_table())

    def record(self, record_id: str) -> Doc | None:
        return self.records().get(record_id)

    def has(self, record_id: str) -> bool:
        return record_id in self.records()

    def put(self, record_id: str, doc: Mapping[str, Any]) -> None:
        def updater(table: MutableMapping[str, Any]) -> None:
            table[record_id] = dict(doc)

        self._update_table(updater)

    def patch(self, record_id: str, fields: Mapping[str, Any], unset: tuple[str, ...] = ()) -> None:
        def updater(table: MutableMapping[str, Any]) -> None:
            # A new document, never the old one changed in place: a commit may be
            # encoding a snapshot that shares the old one (see `encoding.freeze`).
            doc = {**table[record_id], **fields}
            for key in unset:
                doc.pop(key, None)
            table[record_id] = doc

        self._update_table(updater)

    def delete(self, record_id: str) -> None:
        def updater(table: MutableMapping[str, Any]) -> None:
            table.pop(record_id, None)

        self._update_table(updater)


class RecordDB(TinyDB):
    table_class = RecordTable

    def records(self, name: str) -> RecordTable:
        return cast(RecordTable, self.table(name))


def open_memory_db(tables: Tables, later: Later | None = None) -> RecordDB:
    storage = MemoryStorage(tables, later)
    return RecordDB(storage=lambda: storage)
