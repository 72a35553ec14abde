"""Reading the database file, and saying exactly what is wrong with it when it is damaged."""

from __future__ import annotations

import gc
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from reseau_tui.store.backups import list_backups, newest_readable
from reseau_tui.store.errors import DamagedDatabase
from reseau_tui.store.migrations import CURRENT_SCHEMA, migrate, schema_of
from reseau_tui.store.tinydb_ext import Tables


class _Unreadable(Exception):
    def __init__(self, problem: str, **values: object) -> None:
        super().__init__(problem.format(**values))
        self.problem = problem
        self.values = values


def read_tables(path: Path, check: Callable[[Tables], None] | None = None) -> Tables | None:
    """The file's tables, migrated to the current schema; None when there is no file yet.

    Raises `DamagedDatabase` for anything that is not a sound reseau database,
    naming the newest backup that does load. Never writes.
    """
    try:
        return _parse(path, check)
    except _Unreadable as exc:
        backup = newest_readable(path, lambda b: _loads_cleanly(b, check))
        raise DamagedDatabase(path, exc.problem, backup, **exc.values) from None


def _loads_cleanly(path: Path, check: Callable[[Tables], None] | None) -> bool:
    try:
        return _parse(path, check) is not None
    except _Unreadable:
        return False


def _parse(path: Path, check: Callable[[Tables], None] | None) -> Tables | None:
    try:
        kind = path.stat().st_mode
        if stat.S_ISDIR(kind):
            raise _Unreadable("is a folder, not a database file")
        if not stat.S_ISREG(kind):
            # Reading a pipe would wait forever, and a device such as /dev/null
            # would read as empty and then be replaced by a file.
            raise _Unreadable("is not a regular file (a device, a pipe or a socket)")
        raw = path.read_bytes()
    except FileNotFoundError:
        # Gone while its backups remain: a sync tool mid-transfer, or a mistake. Reading it
        # as a new, empty database would let the next save bury the backups in rotation.
        if list_backups(path):
            raise _Unreadable("is missing, although backups of it exist") from None
        return None
    except PermissionError:
        raise _Unreadable("cannot be read (permission denied)") from None
    except OSError as exc:
        raise _Unreadable("cannot be read ({reason})", reason=exc.strerror) from None
    if not raw.strip():
        if list_backups(path):
            raise _Unreadable("is empty, although backups of it exist")
        return None
    collecting = gc.isenabled()  # the caller may have paused it for longer (see Network)
    gc.disable()  # the cyclic collector doubles the parse time of a large document
    try:
        data: Any = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        # orjson checks UTF-8 too; decoding (a copy of the whole file) only to say where.
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise _Unreadable("is not UTF-8 text (byte {offset})", offset=bad.start) from None
        raise _Unreadable("is truncated or not JSON ({reason})", reason=str(exc)) from None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(data, dict) or not all(
        # Every document an object; `set(map(type, ...))` walks 300,000 of them in C.
        isinstance(t, dict) and set(map(type, t.values())) <= {dict}
        for t in data.values()
    ):
        raise _Unreadable("is JSON but not a reseau database (wrong shape)")
    version = schema_of(data)
    if version is None:
        raise _Unreadable("is JSON but not a reseau database (bad schema version)")
    if version > CURRENT_SCHEMA:
        raise _Unreadable(
            "was written by a newer reseau (schema {version}; this one reads up to {current})",
            version=version,
            current=CURRENT_SCHEMA,
        )
    tables: Tables = migrate(data)
    if check is not None:
        try:
            check(tables)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _Unreadable(
                "has a record of the wrong shape ({reason})", reason=f"{type(exc).__name__}: {exc}"
            ) from None
    return tables
