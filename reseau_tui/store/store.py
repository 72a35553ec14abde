"""The store: load once, apply operations in memory, commit atomically and safely.

A commit takes the commit lock, checks that the file is still the one it loaded
(its fingerprint), and if another writer replaced it, reloads it and replays the
pending operations on the newer tables before writing. An operation that no
longer applies is reported in the `CommitReport`, never dropped silently.
Commits may run on a worker thread while the UI thread applies new operations.

Two locks: `_mutex` guards the tables and the queue, held only for moments, so
applying an operation never waits for a write; `_saving` is held for a whole
commit and a whole reload, so that neither runs in the middle of the other (a
reload between the write and the new fingerprint would take the file just
written for another writer's, and replay what it already holds).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import orjson

from reseau_tui.store import loader
from reseau_tui.store.backups import is_backup_name, keep_previous_version
from reseau_tui.store.encoding import encode, freeze
from reseau_tui.store.errors import SaveError
from reseau_tui.store.files import (
    Fingerprint,
    atomic_write,
    commit_lock,
    describe_os_error,
    ensure_folder,
    fingerprint,
    real_path,
    remove_stale_temp_files,
)
from reseau_tui.store.layout import learn_layout, read_layout, write_layout
from reseau_tui.store.loader import Check, Rest, open_tables
from reseau_tui.store.migrations import stamp
from reseau_tui.store.operations import Applied, Operation, OperationConflict, apply_operation
from reseau_tui.store.sync import merged_copies, stamp_revision
from reseau_tui.store.tinydb_ext import MemoryStorage, RecordDB, Tables, open_memory_db


@dataclass
class CommitReport:
    saved: int = 0  # operations made durable
    reloaded: bool = False  # another writer had changed the file: tables were replaced
    conflicts: list[OperationConflict] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)  # the ones made durable


def remove_leftovers(path: Path) -> None:
    """Temp files of killed saves, and of killed rewrites of backups and merged copies.

    Call it holding the commit lock (see `remove_stale_temp_files`).
    """
    merged = {copy.name for copy in merged_copies(path)}
    remove_stale_temp_files(path, lambda name: is_backup_name(path, name) or name in merged)


def may_write(path: Path) -> bool:
    """Writable, and not marked read-only: no write bit at all is read-only, even for root."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK)


class Store:
    """`later`: tables a large file may leave unparsed until first used (see `loader.Rest`)."""

    def __init__(self, path: Path, check: Check | None = None, later: Collection[str] = ()) -> None:
        self._given = path
        self._check = check
        self._later = tuple(later)
        self._mutex = threading.RLock()
        self._saving = threading.Lock()  # one commit or reload at a time (see the module's note)
        self._pending: list[Applied] = []  # applied in memory, not durable yet
        self._fingerprint = fingerprint(self.path)
        tables, self.rest = self._load()
        self.db: RecordDB = open_memory_db(tables, self.rest)
        self.saves = 0  # commits that wrote the file
        self._laid_out = not self.rest.ready()  # the file's layout is kept (it was used)

    @property
    def path(self) -> Path:
        """The file itself: what a link points to now (a file may become a link while open)."""
        return real_path(self._given)

    def _load(self) -> tuple[Tables, Rest]:
        tables, rest = open_tables(self.path, self._check, self._later)
        if tables is None:
            tables = {}
            stamp(tables)
        return tables, rest

    @property
    def tables(self) -> Tables:
        """Every table (parsing what was left for later, if anything was)."""
        return cast(Tables, self.db.storage.read())

    @property
    def tables_so_far(self) -> Tables:
        """The tables, those left for later included only once parsed (see `rest`)."""
        return cast(MemoryStorage, self.db.storage).tables

    def snapshot(self) -> Tables:
        """A deep copy of the tables as they are now (a commit may be running on a thread)."""
        with self._mutex:
            copied: Tables = orjson.loads(orjson.dumps(self.tables))
        return copied

    @property
    def fingerprint(self) -> Fingerprint:
        """The file as last loaded or saved: what `tables` hold, when nothing is pending."""
        return self._fingerprint

    @property
    def size(self) -> int:
        """Bytes of the file as last loaded or saved."""
        return self._fingerprint[2] if self._fingerprint is not None else 0

    @property
    def pending(self) -> int:
        return len(self._pending)

    @property
    def exists(self) -> bool:
        return self._fingerprint is not None

    def writable(self) -> bool:
        """Whether a commit may write here (the file and its folder, or the nearest folder).

        A file or folder without any write permission bit counts as read-only even
        for the superuser, whom `os.access` lets through: it is what the user asked.
        """
        path = self.path
        try:
            if path.exists():
                return may_write(path) and may_write(path.parent)
            folder = path.parent
            while not folder.exists() and folder != folder.parent:
                folder = folder.parent
        except OSError:  # a name too long, say: the write says what is wrong
            return True
        return may_write(folder)

    def apply(self, op: Operation) -> Applied:
        """Apply at once in memory; durable at the next commit. Raises `OperationConflict`.

        The result holds what undoes `op`, kept current if `op` is replayed on a
        newer file (and marked `lost` if it no longer applies there).
        """
        with self._mutex:
            applied = Applied(op, apply_operation(self.db, op))
            self._pending.append(applied)
            return applied

    def changed_on_disk(self) -> bool:
        return fingerprint(self.path) != self._fingerprint

    def reload(self) -> list[OperationConflict]:
        """Take the file's newer tables, replaying what is not saved yet on top of them."""
        with self._saving, self._mutex:
            return self._reload_and_replay()

    def reload_if_changed(self) -> list[OperationConflict] | None:
        """`reload`, if the file is still another than the one loaded or saved; else None.

        Asked once the commit running meanwhile, if any, is over: the file it
        wrote is no change to take in.
        """
        with self._saving, self._mutex:
            if not self.changed_on_disk():
                return None
            return self._reload_and_replay()

    def _reload_and_replay(self) -> list[OperationConflict]:
        # The fingerprint is taken before reading (a change in between only causes
        # another reload) and kept only once the file has loaded: a file that
        # turns out damaged must keep counting as changed, so no commit writes over it.
        seen = fingerprint(self.path)
        tables, rest = self._load()
        fresh = open_memory_db(tables, rest)
        self._fingerprint, self.rest = seen, rest
        self._laid_out = not rest.ready()
        kept, conflicts = [], []
        for applied in self._pending:
            try:
                # What undoes it now: the newer records may hold other values than it found.
                applied.inverse = apply_operation(fresh, applied.operation)
                kept.append(applied)
            except OperationConflict as conflict:
                applied.lost = True
                conflicts.append(conflict)
        self.db = fresh
        self._pending = kept
        return conflicts

    def commit(self, now: datetime | None = None) -> CommitReport:
        """Make pending operations durable. Raises `SaveError` (changes stay in memory)."""
        with self._saving:
            return self._commit(now)

    def _commit(self, now: datetime | None) -> CommitReport:
        report = CommitReport()
        with self._mutex:
            if not self._pending and not self.changed_on_disk():
                return report
        path = self.path  # resolved once for the whole commit
        if self._pending and not self.writable():
            raise SaveError(path, "the file or its folder is read-only")
        ensure_folder(path)
        with commit_lock(path):
            with self._mutex:
                if self.changed_on_disk():
                    report.reloaded = True
                    report.conflicts = self._reload_and_replay()
                if not self._pending:
                    return report
                count = len(self._pending)
                stamp_revision(self.tables)
                snapshot = freeze(self.tables)
            # Encoded outside the mutex and in slices: the UI thread applies and draws meanwhile.
            cuts: dict[str, list[int]] = {}
            data = encode(snapshot, cuts)
            remove_leftovers(path)
            try:
                keep_previous_version(path, now or datetime.now(UTC))
            except OSError as exc:
                raise SaveError(path, describe_os_error(exc)) from exc
            atomic_write(path, data)
            with self._mutex:
                self._fingerprint = fingerprint(path)
                report.operations = [applied.operation for applied in self._pending[:count]]
                del self._pending[:count]
            if self._later and self.size >= loader.LAZY_FROM:  # for the next run's quick start
                write_layout(path, self._fingerprint, cuts)
            self._laid_out = True
            self.saves += 1
            report.saved = count
        return report

    def keep_layout(self) -> None:
        """Learn where the tables lie in a large file this store read whole (see `store.layout`).

        Encodes every table again and compares with the file: a fifth of a second
        at scale, once per file version. Call it from a worker or after output.
        """
        with self._mutex:
            identity = self._fingerprint
            if self._laid_out or not self._later or self._pending or identity is None:
                return
            self._laid_out = True  # tried once per file version, whatever comes of it
            if self.size < loader.LAZY_FROM or read_layout(self.path, identity) is not None:
                return
            snapshot = freeze(self.tables)
        learn_layout(self.path, identity, snapshot)
