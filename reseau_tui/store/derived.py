"""What the engine derived from a database file, kept so the next run need not derive it again.

Scanning 100,000 meetings and their decisions takes seconds; the open
follow-ups it finds fit in a small file. That file lives in the user's cache
folder (named by hashes of the database's path and of the key below), never
beside the data: it is not the user's data, a sync tool should not carry it,
and deleting it loses nothing.

Beside it, a small head (`head_path`): what `reseau due` prints, the due
and overdue items, and each person's last meeting, so that a command that
needs no more does not read the whole findings (larger than the database
itself: most of the tens of thousands of open items are upcoming or lapsed).

It is trusted only for the very file it was derived from: its key holds the
file's identity (device, inode, size, modification time) and the revision id
each save stamps inside the file. Any save, by reseau or anything else, moves
one of them. A save that derives nothing (a shell command) leaves a note
instead: the key of the findings its file descends from and the records it
changed (`write_changes`), which the next run replays on them. What was kept
for a database no run used for a month is pruned.

Everything here is best effort: a cache that cannot be read, written or
understood is the same as no cache.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

import orjson

from reseau_tui import __version__
from reseau_tui.locations import derived_folder
from reseau_tui.store.encoding import encode
from reseau_tui.store.errors import SaveError
from reseau_tui.store.files import atomic_write

FORMAT = 6  # bump when the engine's rules or the saved shape change


def database_prefix(db: Path) -> str:
    return hashlib.blake2b(str(db).encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()


def derived_path(db: Path, key: Mapping[str, Any]) -> Path:
    """Named by the database and the key: a run that finds no file for its key reads nothing.

    (`reseau log` on a file another program changed would otherwise parse megabytes
    of findings only to see that they are for another version.)
    """
    digest = hashlib.blake2b(orjson.dumps(key, option=orjson.OPT_SORT_KEYS), digest_size=8)
    return derived_folder() / f"{database_prefix(db)}-{digest.hexdigest()}.json"


def head_path(db: Path, key: Mapping[str, Any]) -> Path:
    """The head of the findings `derived_path` names (a dot, not a dash: not in `derived_files`)."""
    name = derived_path(db, key).name.removesuffix(".json")
    prefix, digest = name.rsplit("-", 1)
    return derived_folder() / f"{prefix}.{digest}.head.json"


def derived_files(db: Path) -> list[Path]:
    """Whatever is kept for this database (normally one file, for its latest version)."""
    return sorted(derived_folder().glob(f"{database_prefix(db)}-*.json"))


def derived_key(identity: Any, revision: str | None, zone: str) -> dict[str, Any] | None:
    """The key of a file's derived data; None when the file cannot be told apart from others."""
    if identity is None or revision is None or identity[0] == -1:
        return None
    return {
        "format": FORMAT,
        "reseau": __version__,
        "file": list(identity),
        "revision": revision,
        "zone": zone,
    }


def read_cached(path: Path) -> dict[str, Any] | None:
    """A file of the cache folder as a JSON object, marked in use; None if it is not one.

    Marked in use (its time touched) so that `_prune` keeps what a run still reads.
    """
    try:
        found = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(found, dict):
        return None
    with suppress(OSError):
        os.utime(path)
    return found


def read_derived(db: Path, key: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The data derived from this very file, or None."""
    if key is None:
        return None
    found = read_cached(derived_path(db, key))
    if found is None or found.pop("key", None) != key:
        return None
    return found


def read_head(db: Path, key: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The head of the data derived from this very file, or None."""
    if key is None:
        return None
    found = read_cached(head_path(db, key))
    if found is None or found.pop("key", None) != key:
        return None
    return found


def write_derived(
    db: Path, key: Mapping[str, Any] | None, data: Mapping[str, Any], head: Mapping[str, Any]
) -> None:
    """Keep `data` and its head for this file (replacing whatever was kept); silent when it cannot.

    The head is written last: a run that finds it finds the data written before it.
    """
    if key is None:
        return
    target, top = derived_path(db, key), head_path(db, key)
    # Encoded in slices: the app keeps its findings from a worker after each save, and
    # one call encoding megabytes would hold the interpreter lock long enough to stall typing.
    if not write_cached(target, encode({"key": key, **data})):
        return
    if not write_cached(top, encode({"key": key, **head})):
        return
    older = [*derived_files(db), *derived_folder().glob(f"{database_prefix(db)}.*.head.json")]
    for file in older:  # what was kept for earlier versions is of no use now
        if file not in (target, top):
            with suppress(OSError):
                file.unlink()
    _prune(target.parent)


def write_cached(target: Path, data: bytes | list[bytes]) -> bool:
    """Atomic and private like the database itself (a torn cache would only be ignored)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(target, data)
    except (OSError, SaveError):
        return False
    return True


STALE_DAYS = 30  # a database not opened for a month (a demo, a moved file): its findings go


def _prune(folder: Path) -> None:
    """Remove what was kept for databases no run has opened for a month."""
    limit = time.time() - STALE_DAYS * 86_400
    with suppress(OSError):
        for kept in folder.glob("*.json"):
            with suppress(OSError):
                if kept.stat().st_mtime < limit:
                    kept.unlink()


def forget_derived(db: Path) -> None:
    """Remove whatever was kept about this file: findings, noted changes, its layout."""
    for kept in derived_folder().glob(f"{database_prefix(db)}[-.]*.json"):
        with suppress(OSError):
            kept.unlink()


# --- changes made since, by a run that had no queue to keep (a shell command) ---------


def _changes_path(db: Path) -> Path:
    return derived_folder() / f"{database_prefix(db)}-changes.json"


def write_changes(
    db: Path, base: Mapping[str, Any], key: Mapping[str, Any] | None, changes: list[Any]
) -> None:
    """Note that the file `key` is the file `base` plus these record changes.

    `reseau log` saves without deriving the queue (that would cost it most of a
    second); the next run that has the findings for `base` replays these few
    changes on them instead of scanning the whole journal.
    """
    if key is not None:
        write_cached(
            _changes_path(db), orjson.dumps({"key": key, "base": base, "changes": changes})
        )


def read_changes(
    db: Path, key: Mapping[str, Any] | None
) -> tuple[dict[str, Any], list[tuple[str, str, str]]] | None:
    """The findings' key this file descends from, and the record changes since; or None."""
    if key is None:
        return None
    found = read_cached(_changes_path(db))
    if found is None or found.get("key") != key:
        return None
    base, changes = found.get("base"), found.get("changes")
    if not isinstance(base, dict) or not isinstance(changes, list):
        return None
    kept: list[tuple[str, str, str]] = []
    for change in changes:
        if not (isinstance(change, list) and len(change) == 3):
            return None
        if not all(isinstance(part, str) for part in change):
            return None
        kept.append((change[0], change[1], change[2]))
    return base, kept
