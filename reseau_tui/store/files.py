"""Crash-safe file primitives: atomic replace, fingerprints, and the commit lock."""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from reseau_tui.i18n import N_
from reseau_tui.store.errors import SaveError

Fingerprint = tuple[int, int, int, int] | None

PRIVATE = 0o600


def fingerprint(path: Path) -> Fingerprint:
    """Identity of the file on disk: a replace, an edit or a sync changes it."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        # Not reachable (a folder that is a file, no permission): never equal to a real
        # file's identity, so the next load says what is wrong instead of a traceback.
        return (-1, exc.errno or 0, 0, 0)
    return identity_of(st)


def identity_of(st: os.stat_result) -> Fingerprint:
    """The `fingerprint` of a file already stat'ed (`os.fstat` of an open one, say)."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def real_path(path: Path) -> Path:
    """The file a link points to: a save replaces that file and leaves the link in place.

    People keep the database in a synced folder and link to it; replacing the
    link itself would quietly stop the sync.
    """
    return path.resolve() if path.is_symlink() else path


def describe_os_error(exc: OSError) -> str:
    """What went wrong, in English (marked for the catalog: shown translated)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return N_("the disk is full")
    if exc.errno == errno.EFBIG:
        return N_("the file is larger than this system allows")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return N_("the file or its folder is read-only")
    return exc.strerror or str(exc)


def atomic_write(path: Path, data: bytes | Sequence[bytes]) -> None:
    """Write `data` to `path` so that a crash at any instant leaves the old or the new file.

    Temp file in the same folder, fsync, `os.replace`, then fsync the folder so the
    rename itself is durable. The file is created 0600: it holds notes about people.
    `data` may come in slices, written in order (no joined copy of a large file).
    """
    folder = path.parent
    tmp = folder / f"{temp_prefix(path)}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
        try:
            for part in [data] if isinstance(data, bytes) else data:
                view = memoryview(part)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink()
        raise SaveError(path, describe_os_error(exc)) from exc
    fsync_folder(folder)


def temp_prefix(path: Path) -> str:
    return f".{path.name}.tmp-"


def remove_stale_temp_files(path: Path) -> None:
    """Remove temp files that a save killed midway left behind (a few MB of personal data each).

    Only the holder of the commit lock writes temp files, so while it is held,
    any temp file of `path` belongs to a save that will never finish.
    """
    prefix = temp_prefix(path)
    with suppress(OSError):
        for name in os.listdir(path.parent):
            if name.startswith(prefix):
                with suppress(OSError):
                    (path.parent / name).unlink()


def fsync_folder(folder: Path) -> None:
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def ensure_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise SaveError(path, describe_os_error(exc)) from exc


@contextmanager
def commit_lock(path: Path) -> Iterator[None]:
    """An exclusive lock for the length of one commit, shared with every other reseau process.

    `atomic_write` on the database is only ever called while holding it.
    """
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, PRIVATE)
    except OSError as exc:
        raise SaveError(path, describe_os_error(exc)) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
