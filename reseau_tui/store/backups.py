"""Rotating backups next to the database: the last few saves and one per day for a week.

A backup is a hard link to the file that a save is about to replace, so it costs
no copying and keeps the file's 0600 mode.
"""

from __future__ import annotations

import os
import shutil
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
    prefix = f"{path.name}.bak-"
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix)]
    except OSError:
        return []
    backups = [path.with_name(n) for n in sorted(names, reverse=True)]
    return [b for b in backups if _stamp_of(b) is not None]


def _stamp_of(backup: Path) -> datetime | None:
    try:
        return datetime.strptime(backup.name.rsplit(".bak-", 1)[1], _STAMP)
    except (IndexError, ValueError):
        return None


def keep_previous_version(path: Path, now: datetime) -> None:
    """Keep the file about to be replaced as a backup, then prune old backups."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    backups = list_backups(path)
    if backups and _same_file(backups[0], path):
        return  # a save that failed (disk full) or was killed already kept this version
    target = backup_name(path, _after_newest(backups, now))
    try:
        os.link(path, target)
    except FileExistsError:
        return
    except OSError:
        try:
            shutil.copy2(path, target)
        except OSError:
            return
    # A link shares the mode of the file it keeps, which is about to be replaced
    # anyway: a file someone made readable to others is not kept that way.
    with suppress(OSError):
        os.chmod(target, 0o600)
    prune(path, now)


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
