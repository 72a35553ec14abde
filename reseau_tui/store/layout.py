"""Where each table lies in the database file, so a start parses only the tables it shows.

At LinkedIn scale the file is 80 MB, of which the contacts are 9: the
meetings and the decisions are four fifths of a full parse (a third of a
second), and the first screen shows neither. Knowing the byte range of each
table, the loader parses the contacts at once and the rest on first use
(`loader.Rest`), a slice of a few thousand records at a time, as the save
wrote them, so that a worker parsing them never holds the interpreter for
more than a few milliseconds.

A layout is trusted only for the very file it describes: it is kept with the
file's identity (device, inode, size, modification time), which any save by
anyone changes. It is written by the save that wrote the file (the encoder
knows the ranges), or learned once after reading a file this program did not
write: the tables as read, encoded again, must give back the file byte for
byte. Like the engine's findings it lives in the cache folder, and is best
effort: a layout that cannot be read or written means a full parse, no more.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

import orjson

from reseau_tui import __version__
from reseau_tui.locations import derived_folder
from reseau_tui.store.derived import database_prefix, read_cached, write_cached
from reseau_tui.store.encoding import encode
from reseau_tui.store.files import Fingerprint, fingerprint

FORMAT = 1
Cuts = dict[
    str, list[int]
]  # per table: its opening brace, the commas between slices, its closing brace


def layout_path(db: Path) -> Path:
    """One per database, beside its findings (`derived_files` does not list it)."""
    return derived_folder() / f"{database_prefix(db)}.layout.json"


def _header(identity: Fingerprint) -> dict[str, Any]:
    return {"format": FORMAT, "reseau": __version__, "file": list(identity or ())}


def write_layout(db: Path, identity: Fingerprint, cuts: Cuts) -> None:
    """Keep where the tables lie in the file `identity`; silent when it cannot."""
    if identity is None or identity[0] == -1:
        return
    record = _header(identity) | {"tables": cuts}
    write_cached(layout_path(db), orjson.dumps(record))


def read_layout(db: Path, identity: Fingerprint) -> Cuts | None:
    """The cuts kept for exactly this file, or None."""
    if identity is None:
        return None
    found = read_cached(layout_path(db))
    if found is None or not isinstance(tables := found.pop("tables", None), dict):
        return None
    if found != _header(identity):
        return None
    for at in tables.values():
        if not (isinstance(at, list) and len(at) >= 2 and all(type(n) is int for n in at)):
            return None
        if any(a >= b for a, b in pairwise(at)):
            return None
    return tables


def learn_layout(db: Path, identity: Fingerprint, tables: Mapping[str, Any]) -> bool:
    """Keep the layout of the file `identity`, if `tables` encode to exactly its bytes.

    For a file another program wrote (or an older reseau): the tables read from
    it are encoded again, in slices (this runs on a worker or after a command's
    output), and compared with the file. Any difference, or a file that changed
    meanwhile, and nothing is kept.
    """
    cuts: Cuts = {}
    parts = encode(tables, cuts)
    try:
        raw = db.read_bytes()
    except OSError:
        return False
    if fingerprint(db) != identity or len(raw) != sum(map(len, parts)):
        return False
    view, offset = memoryview(raw), 0
    for part in parts:
        if view[offset : offset + len(part)] != part:
            return False
        offset += len(part)
    write_layout(db, identity, cuts)
    return True
