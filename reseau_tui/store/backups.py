"""Rotating backups next to the database: the last few saves and one per day for a week.

A backup is a hard link to the file that a save is about to replace, so it costs
no copying and keeps the file's owner; the save then puts a new file in its
place, leaving the backup the only name of the old version. Where a link cannot
be made, the bytes are copied. A backup is never a symbolic link: a link to the
database would show the current version, not the previous one.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

KEEP_LAST = 5
KEEP_DAYS = 7
_STAMP = "%Y%m%dT%H%M%S%f"


def _utc(when: datetime) -> datetime:
    """Backup stamps are UTC, so names sort in time order whatever the timezone."""
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def backup_name(path: Path, when: datetime) -> Path:
    return path.with_name(f"{path.name}.bak-{_utc(when).strftime(_STAMP)}")


def list_backups(path: Path) -> list[Path]:
    """Backups of `path` made by reseau, newest first.

    Only names carrying a stamp count: a copy the user made by hand, such as
    `reseau.json.bak-1`, is neither suggested nor ever pruned.
    """
    return [b for b in _stamped(path) if not b.is_symlink()]


def _stamped(path: Path) -> list[Path]:
    """Every name of a backup of `path`, newest first, links that once passed for one included."""
    prefix = f"{path.name}.bak-"
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix)]
    except OSError:
        return []
    backups = [path.with_name(n) for n in sorted(names, reverse=True)]
    return [b for b in backups if _stamp_of(b) is not None]


def is_backup_name(path: Path, name: str) -> bool:
    """Whether `name` is that of a backup of `path` made by reseau (see `list_backups`)."""
    return name.startswith(f"{path.name}.bak-") and _stamp_of(path.with_name(name)) is not None


def _stamp_of(backup: Path) -> datetime | None:
    try:
        return datetime.strptime(backup.name.rsplit(".bak-", 1)[1], _STAMP)
    except (IndexError, ValueError):
        return None


def keep_previous_version(path: Path, now: datetime) -> None:
    """Keep the file about to be replaced as a backup, then prune old backups.

    `path` is the file itself (`files.real_path`); were it a link, the version
    kept is still that of the file it points to.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode) or st.st_size == 0:
        return
    backups = list_backups(path)
    if backups and _same_file(backups[0], path):
        return  # a save that failed (disk full) or was killed already kept this version
    target = backup_name(path, _after_newest(backups, now))
    try:
        # A hard link to a symbolic link is one more symbolic link (Linux's `link` does
        # not follow it, whatever `follow_symlinks` says before Python 3.14): link the file.
        os.link(os.path.realpath(path), target)
    except FileExistsError:
        return
    except OSError:
        if not _copy(path, target, st):
            return
    # A link shares the mode of the file it keeps, which is about to be replaced
    # anyway: a file someone made readable to others is not kept that way.
    with suppress(OSError):
        os.chmod(target, 0o600)
    prune(path, now)


def _copy(path: Path, target: Path, st: os.stat_result) -> bool:
    """The bytes of `path` into a new file `target`, owned as `path` is; False if it failed."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError:
        return False
    try:
        with open(fd, "wb") as copy, open(path, "rb") as source:
            shutil.copyfileobj(source, copy)
    except OSError:
        with suppress(OSError):
            target.unlink()
        return False
    if os.geteuid() == 0:  # the superuser's copy of someone's file stays theirs
        with suppress(OSError):
            os.chown(target, st.st_uid, st.st_gid)
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _after_newest(backups: list[Path], now: datetime) -> datetime:
    """`now`, or just after the newest backup when the clock stood still or went back.

    Names sort in the order the backups were taken, so the newest name is always
    the previous version, even after a clock correction.
    """
    now = _utc(now)
    newest = _stamp_of(backups[0]) if backups else None
    if newest is not None and newest >= now:
        return newest + timedelta(microseconds=1)
    return now


def prune(path: Path, now: datetime) -> None:
    now = _utc(now)
    for name in _stamped(path):
        if name.is_symlink():  # a link an older reseau made for a backup: it kept nothing
            with suppress(OSError):
                name.unlink()
    backups = list_backups(path)
    keep = set(backups[:KEEP_LAST])
    seen_days: set[str] = set()
    for b in backups:
        stamp = _stamp_of(b)
        if stamp is None or now - stamp > timedelta(days=KEEP_DAYS):
            continue
        day = stamp.strftime("%Y%m%d")
        if day not in seen_days:
            seen_days.add(day)
            keep.add(b)
    for b in backups:
        if b not in keep:
            with suppress(OSError):
                b.unlink()


def newest_readable(path: Path, readable: Callable[[Path], bool]) -> Path | None:
    return next((b for b in list_backups(path) if readable(b)), None)
