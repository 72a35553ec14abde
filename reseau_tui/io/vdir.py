"""A vdir: a folder with one file per card (`.vcf`) or per calendar entry (`.ics`).

The layout khard, khal and vdirsyncer share (https://vdirsyncer.pimutils.org/
en/stable/vdir.html): any name ending in the extension is an item, a name
starting with a dot is not (temp files of a write in progress, as reseau's
atomic writes make them), and the UID inside a file, not its name, says which
item it is. reseau names the files it creates by the UID when the UID is
plain letters, digits and `_.-+` (as vdirsyncer does), else by the contact's
id or a digest of the UID.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-+")
MAX_NAME = 200  # characters of a UID used as a file name


@dataclass(frozen=True)
class Listed:
    """A file of the folder, as `stat` sees it: enough to tell it was not touched."""

    href: str
    size: int
    mtime_ns: int


def list_items(folder: Path, extension: str) -> dict[str, Listed]:
    """The items of the folder by file name (raises `OSError` if it cannot be listed)."""
    found: dict[str, Listed] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.endswith(extension):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                found[name] = Listed(name, st.st_size, st.st_mtime_ns)
    return found


def listed(path: Path) -> Listed | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return Listed(path.name, st.st_size, st.st_mtime_ns) if stat.S_ISREG(st.st_mode) else None


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def safe_name(uid: str) -> bool:
    return 0 < len(uid) <= MAX_NAME and set(uid) <= SAFE and not uid.startswith(".")


def name_for(uid: str, fallback: str, extension: str, taken: set[str]) -> str:
    """A file name for a new item: its UID when plain, else `fallback` (an id), else a digest."""
    for stem in (uid, fallback):
        if safe_name(stem) and stem + extension not in taken:
            return stem + extension
    n = 0
    while True:
        stem = hashlib.blake2b(f"{uid}\x00{n}".encode(), digest_size=10).hexdigest()
        if stem + extension not in taken:
            return stem + extension
        n += 1
