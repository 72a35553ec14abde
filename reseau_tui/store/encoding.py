"""The tables as JSON bytes, in slices: a commit on a worker thread never freezes the UI.

`orjson.dumps` of 80 MB holds the interpreter lock for a seventh of a second,
so typing stalls while a commit runs on a worker. Encoded a few thousand
records at a time, the lock changes hands between slices; the bytes are
exactly those of `orjson.dumps(tables)`. The caller passes a snapshot
(`freeze`): tables copied shallowly, whose records are never changed in place
(see `RecordTable.patch`), so the UI thread can go on changing the live ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import Any

import orjson

SLICE = 2_000  # records per call: about a millisecond of work


def freeze(tables: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """A consistent snapshot to encode while the live tables go on changing (C-speed copies)."""
    return {name: dict(table) for name, table in tables.items()}


def encode(tables: Mapping[str, Mapping[str, Any]]) -> list[bytes]:
    """`orjson.dumps(tables)`, as a list of slices to write one after the other."""
    parts = [b"{"]
    for t, (name, table) in enumerate(tables.items()):
        parts.append((b"," if t else b"") + orjson.dumps(name) + b":{")
        # islice, not a list of every (id, record) pair: 300,000 pairs that outlive
        # a few collections would set off a full collection, a pause of its own.
        records = iter(table.items())
        comma = b""
        while chunk := dict(islice(records, SLICE)):
            parts.append(comma + orjson.dumps(chunk)[1:-1])
            comma = b","
        parts.append(b"}")
    parts.append(b"}")
    return parts
