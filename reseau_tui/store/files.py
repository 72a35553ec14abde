"""Crash-safe file primitives: atomic replace, fingerprints, and the commit lock."""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from reseau_tui.i18n import N_
from reseau_tui.store.errors import SaveError

Fingerprint = tuple[int, int, int, int] | None

PRIVATE = 0o600

# Seconds a commit waits for another writer's lock before giving up with a `SaveError`.
# A save takes well under a second; a lock held longer belongs to a command suspended
# (ctrl+z) or stuck, and waiting on it would hang every other writer without a word.
LOCK_WAIT = 10.0
_LOCK_POLL = 0.05


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
    link itself would quietly stop the sync. Asked again at each save, as the
    file may have been turned into a link since. A path that cannot be resolved
    (a loop of links, a name too long) is returned as given: reading or writing
    it then says what is wrong.
    """
    try:
        return path.resolve() if path.is_symlink() else path
    except (OSError, RuntimeError):  # RuntimeError: a loop of links, before Python 3.13
        return path


def describe_os_error(exc: OSError) -> str:
    """What went wrong, in English (marked for the catalog: shown translated)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return N_("the disk is full")
    if exc.errno == errno.EFBIG:
        return N_("the file is larger than this system allows")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return N_("the file or its folder is read-only")
    return exc.strerror or str(exc)


def atomic_write(path: Path, data: bytes | Sequence[bytes], *, folder_sync: bool = True) -> None:
    """Write `data` to `path` so that a crash at any instant leaves the old or the new file.

    Temp file in the same folder, fsync, `os.replace`, then fsync the folder so the
    rename itself is durable. The file is created 0600: it holds notes about people.
    `data` may come in slices, written in order (no joined copy of a large file).
    Without `folder_sync`, the caller fsyncs the folder once after many files
    (`fsync_folder`): each file is still whole, old or new.
    """
    folder = path.parent
    tmp = folder / f"{temp_prefix(path)}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
        try:
            with suppress(OSError):  # a file system without owners (FAT) keeps its own
                keep_owner(fd, path)
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
    if folder_sync:
        fsync_folder(folder)


def keep_owner(fd: int, path: Path) -> None:
    """Give the file about to replace `path` the owner `path` has, when the superuser saves it.

    `sudo reseau ...` on someone's database would otherwise leave it owned by
    root, 0600: its owner locked out of their own network. Only root can give a
    file away; anyone else's new file is theirs, as the one it replaces was.
    """
    if os.geteuid() != 0:
        return
    try:
        st = os.stat(path)
    except OSError:
        return  # a new file: whoever creates it owns it
    mine = os.fstat(fd)
    if (st.st_uid, st.st_gid) != (mine.st_uid, mine.st_gid):
        os.fchown(fd, st.st_uid, st.st_gid)


def temp_prefix(path: Path) -> str:
    return f".{path.name}.tmp-"


def temp_target(name: str) -> str | None:
    """The name of the file a temp file of `atomic_write` was to replace; None for other names."""
    start = name.rfind(".tmp-")
    if not name.startswith(".") or start <= 1:
        return None
    return name[1:start]


def remove_stale_temp_files(path: Path, copy: Callable[[str], bool] | None = None) -> None:
    """Remove temp files that a save killed midway left behind (a few MB of personal data each).

    Only the holder of the commit lock writes temp files, so while it is held,
    any temp file of `path` belongs to a save that will never finish. So do
    those of the files `copy` accepts by name (the backups and merged copies
    that `reseau forget --purge-backups` rewrites, also under the lock): they
    hold the person being forgotten.
    """
    prefix = temp_prefix(path)
    with suppress(OSError):
        for name in os.listdir(path.parent):
            target = temp_target(name)
            if name.startswith(prefix) or (copy is not None and target and copy(target)):
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
def commit_lock(path: Path, wait: float | None = None) -> Iterator[None]:
    """An exclusive lock for the length of one commit, shared with every other reseau process.

    `atomic_write` on the database is only ever called while holding it. The
    holder writes its pid into the lock file, so that a writer that waited
    `wait` seconds (`LOCK_WAIT` by default) in vain can say who holds it: a
    `SaveError`, the changes kept for a later try.
    """
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, PRIVATE)
    except OSError as exc:
        raise SaveError(path, describe_os_error(exc)) from exc
    try:
        _take(fd, path, LOCK_WAIT if wait is None else wait)
    except BaseException:
        os.close(fd)
        raise
    try:
        with suppress(OSError):
            keep_owner(fd, path)  # root's lock file would shut its owner out of saving
        with suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        with suppress(OSError):
            os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _take(fd: int, path: Path, wait: float) -> None:
    """Take the lock on `fd`, trying for `wait` seconds; `SaveError` naming the holder if not."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as exc:
            raise SaveError(path, describe_os_error(exc)) from exc
        if time.monotonic() >= deadline:
            break
        time.sleep(_LOCK_POLL)
    holder = _holder(fd)
    if holder is None:
        raise SaveError(path, "another reseau is saving this file")
    raise SaveError(path, "another reseau (pid {pid}) is saving this file", pid=holder)


def _holder(fd: int) -> int | None:
    """The pid the holder of the lock wrote into it, if it did."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() and int(text) > 0 else None
