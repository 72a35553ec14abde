"""Reading the database file, and saying exactly what is wrong with it when it is damaged.

A large file whose layout is known (`store.layout`) is read in two steps: the
tables the first screen needs at once, the ones the caller names as `later`
on first use, from the same bytes (`Rest`).
"""

from __future__ import annotations

import gc
import os
import stat
import threading
from collections.abc import Callable, Collection
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson

from reseau_tui.i18n import N_
from reseau_tui.store.backups import list_backups, newest_readable
from reseau_tui.store.errors import WRONG_SHAPE, DamagedDatabase
from reseau_tui.store.files import Fingerprint, fingerprint, identity_of
from reseau_tui.store.layout import Cuts, read_layout
from reseau_tui.store.migrations import CURRENT_SCHEMA, migrate, schema_of
from reseau_tui.store.tinydb_ext import Tables

LAZY_FROM = 1_000_000  # bytes of later tables below which a file is parsed whole (a few ms)


class _Unreadable(Exception):
    def __init__(self, problem: str, **values: object) -> None:
        super().__init__(problem.format(**values))
        self.problem = problem
        self.values = values


class Rest:
    """The tables of a loaded file that are not parsed yet: parsed into its tables on first use.

    Their bytes are read at once on a thread of their own (reading lets go of
    the interpreter: it overlaps the parse of the early tables), from the file
    as it was opened: a save that replaces it meanwhile does not matter, and a
    program writing into it in place makes them unreadable, never mixed. They
    are parsed one slice of a few thousand records at a time (the slices the
    save wrote, see `store.layout`): a worker doing it lets the interpreter go
    to the UI thread every few milliseconds. `complete` may be called from any
    thread; the first caller parses, the others wait for it.
    """

    def __init__(
        self,
        path: Path,
        tables: Tables,
        cuts: Cuts,
        fd: int | None = None,
        identity: Fingerprint = None,
    ) -> None:
        self._path = path
        self._tables = tables
        self._cuts = dict(cuts)
        self._bytes: dict[str, bytes] = {}
        self._problem = ""  # why the reader could not read them, if it could not
        self._reason = ""
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None
        if fd is not None:
            self._reader = threading.Thread(
                target=self._read, args=(fd, identity), name="reseau-read", daemon=True
            )
            self._reader.start()

    @classmethod
    def nothing(cls) -> Rest:
        """For a file read whole: everything is ready."""
        return cls(Path(), {}, {})

    def ready(self, name: str | None = None) -> bool:
        return not self._cuts if name is None else name not in self._cuts

    def _read(self, fd: int, identity: Fingerprint) -> None:
        try:
            for name, at in list(self._cuts.items()):
                self._bytes[name] = _read_at(fd, at[0], at[-1] + 1)
            if identity_of(os.fstat(fd)) != identity:
                self._problem = N_("changed while it was being read: another program wrote into it")
        except OSError as exc:
            self._problem = "cannot be read ({reason})"
            self._reason = exc.strerror or str(exc)
        except Exception as exc:  # out of memory, say: told when the tables are asked for
            self._problem = "cannot be read ({reason})"
            self._reason = f"{type(exc).__name__}: {exc}"
        finally:
            os.close(fd)

    def complete(self, name: str | None = None) -> None:
        """Parse table `name` (default: every one left) into the loaded tables.

        One table at a time under the lock: a thread that needs the meetings
        waits for them, not for the decisions another thread parses next.
        """
        if self.ready(name):
            return
        for table in [name] if name is not None else list(self._cuts):
            with self._lock:
                if self._reader is not None:
                    self._reader.join()
                if self._problem:
                    raise DamagedDatabase(self._path, self._problem, None, reason=self._reason)
                if table not in self._cuts:
                    continue  # parsed by another thread while this one waited
                self._tables[table] = _sliced(self._bytes.pop(table), self._cuts[table], self._path)
                del self._cuts[table]  # ready only once it is in the tables
        gc.freeze()  # hundreds of thousands of documents, kept: out of the collector's way


def _sliced(raw: bytes, at: list[int], path: Path) -> dict[str, Any]:
    """A table's documents from its bytes, parsed slice by slice between the cuts `at`."""
    if len(raw) != at[-1] + 1 - at[0]:
        problem = "is truncated or not JSON ({reason})"
        raise DamagedDatabase(path, problem, None, reason=f"it ends before byte {at[-1]}")
    view, base = memoryview(raw), at[0]
    records: dict[str, Any] = {}
    for n, (start, end) in enumerate(pairwise(at)):
        opening, closing = raw[start - base], raw[end - base]
        if opening != (ord("{") if n == 0 else ord(",")) or closing not in b",}":
            problem = "is truncated or not JSON ({reason})"
            raise DamagedDatabase(path, problem, None, reason=f"no slice at byte {start}")
        records.update(_records(b"{" + view[start - base + 1 : end - base] + b"}", path))
    return records


def _read_at(fd: int, start: int, end: int) -> bytes:
    """Bytes `start` to `end` of the file (a short read only at its end)."""
    parts, position = [], start
    while position < end:
        part = os.pread(fd, end - position, position)
        if not part:
            break
        parts.append(part)
        position += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _records(raw: bytes | memoryview, path: Path) -> dict[str, Any]:
    """Documents parsed from some of the file's bytes (the layout said where they are)."""
    try:
        table = _loads(raw)
    except orjson.JSONDecodeError as exc:
        problem = "is truncated or not JSON ({reason})"
        raise DamagedDatabase(path, problem, None, reason=str(exc)) from None
    if not isinstance(table, dict) or not set(map(type, table.values())) <= {dict}:
        raise DamagedDatabase(path, "is JSON but not a reseau database (wrong shape)", None)
    return table


def _loads(raw: bytes | memoryview) -> Any:
    """`orjson.loads` with the cyclic collector paused: it doubles the parse of a large document.

    The caller may have paused it for longer (see `Network`): it is left as it was.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return orjson.loads(raw)
    finally:
        if collecting:
            gc.enable()


def read_tables(path: Path, check: Callable[[Tables], None] | None = None) -> Tables | None:
    """The file's tables, migrated to the current schema; None when there is no file yet.

    Raises `DamagedDatabase` for anything that is not a sound reseau database,
    naming the newest backup that does load. Never writes.
    """
    whole = None if check is None else (lambda tables, _rest: check(tables))
    return open_tables(path, whole)[0]


Check = Callable[[Tables, Rest], None]


def open_tables(
    path: Path, check: Check | None = None, later: Collection[str] = ()
) -> tuple[Tables | None, Rest]:
    """Like `read_tables`, leaving the tables named in `later` unparsed when the layout allows.

    `check` gets the `Rest` too, to `complete()` it before it looks at those tables.
    """
    try:
        return _parse(path, check, later)
    except _Unreadable as exc:
        backup = newest_readable(path, lambda b: _loads_cleanly(b, check))
        raise DamagedDatabase(path, exc.problem, backup, **exc.values) from None


def _loads_cleanly(path: Path, check: Check | None) -> bool:
    try:
        return _parse(path, check, ())[0] is not None
    except _Unreadable:
        return False


def _parse(path: Path, check: Check | None, later: Collection[str]) -> tuple[Tables | None, Rest]:
    identity = fingerprint(path)  # before reading: a layout is for these very bytes
    cuts = read_layout(path, identity) if later else None
    split = _read_split(path, identity, cuts, later) if cuts is not None else None
    if split is not None:
        data, rest = split
    else:
        raw = _read(path)
        if raw is None:
            return None, Rest.nothing()
        data, rest = _whole(raw), Rest.nothing()
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
    if version != CURRENT_SCHEMA:
        rest.complete()  # a migration may need every table
    tables: Tables = migrate(data)
    if check is not None:
        try:
            check(tables, rest)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _Unreadable(WRONG_SHAPE, reason=f"{type(exc).__name__}: {exc}") from None
    return tables, rest


def _read(path: Path) -> bytes | None:
    """The whole file; None when there is no database yet (no file, or an empty one)."""
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
    return raw


def _whole(raw: bytes) -> Any:
    try:
        return _loads(raw)
    except orjson.JSONDecodeError as exc:
        # orjson checks UTF-8 too; decoding (a copy of the whole file) only to say where.
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise _Unreadable("is not UTF-8 text (byte {offset})", offset=bad.start) from None
        raise _Unreadable("is truncated or not JSON ({reason})", reason=str(exc)) from None


def _read_split(
    path: Path, identity: Fingerprint, cuts: Cuts, later: Collection[str]
) -> tuple[dict[str, Any], Rest] | None:
    """The early tables parsed, the later ones left to a `Rest`; None to read the file whole."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    split = None
    try:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode) and identity_of(st) == identity:
            split = _split(fd, st.st_size, path, cuts, later)
    except OSError:
        split = None
    if split is None:
        os.close(fd)
        return None
    data, deferred = split
    return data, Rest(path, data, deferred, fd, identity)  # the Rest reads on, and closes fd


def _split(
    fd: int, size: int, path: Path, cuts: Cuts, later: Collection[str]
) -> tuple[dict[str, Any], Cuts] | None:
    """The early tables parsed, and the cuts of the later ones; None if the layout does not fit.

    The layout was kept for this very file; still, the tables must tile the
    top-level object exactly (`{"name":{...},"name":{...}}`) where it says.
    """
    spans = sorted(cuts.items(), key=lambda item: item[1][0])
    position = 1
    if _read_at(fd, 0, 1) != b"{" or _read_at(fd, size - 1, size) != b"}":
        return None
    for n, (name, at) in enumerate(spans):
        token = (b"," if n else b"") + orjson.dumps(name) + b":{"
        if at[0] + 1 - position != len(token) or _read_at(fd, position, at[0] + 1) != token:
            return None
        if _read_at(fd, at[-1], at[-1] + 1) != b"}":
            return None
        position = at[-1] + 1
    if position != size - 1:
        return None
    deferred = {name: at for name, at in spans if name in later}
    if sum(at[-1] - at[0] for at in deferred.values()) < LAZY_FROM:
        return None
    data: dict[str, Any] = {}
    try:
        for name, at in spans:
            if name not in deferred:
                data[name] = _records(_read_at(fd, at[0], at[-1] + 1), path)
    except DamagedDatabase:
        return None  # read whole, to say exactly what is wrong
    return data, deferred
