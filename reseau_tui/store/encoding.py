"""The tables as JSON bytes, in slices: a commit on a worker thread never freezes the UI.

`orjson.dumps` of 80 MB holds the interpreter lock for a seventh of a second,
so typing stalls while a commit runs on a worker. Encoded a few thousand
records at a time, the lock changes hands between slices; the bytes are
exactly those of `orjson.dumps(tables)`. The caller passes a snapshot
(`freeze`): tables copied shallowly, whose records are never changed in place
(see `RecordTable.patch`), so the UI thread can go on changing the live ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

import orjson

SLICE = 2_000  # records per call: about a millisecond of work


def freeze(tables: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """A consistent snapshot to encode while the live tables go on changing (C-speed copies)."""
    return {name: dict(table) for name, table in tables.items()}


def encode(data: Mapping[str, Any], cuts: dict[str, list[int]] | None = None) -> list[bytes]:
    """`orjson.dumps(data)`, as a list of slices to write one after the other.

    Each value that is a mapping (a table) or a list is encoded a few thousand
    entries at a time; anything else in one call. `cuts`, when given, receives
    for each value where its slices are cut in the bytes: the offsets of its
    opening bracket, of the commas between slices and of its closing bracket
    (see `store.layout`).
    """
    parts = [b"{"]
    size = 1
    for n, (name, value) in enumerate(data.items()):
        parts.append((b"," if n else b"") + orjson.dumps(name) + b":")
        size += len(parts[-1])
        if isinstance(value, Mapping):
            # islice, not a list of every (id, record) pair: 300,000 pairs that outlive
            # a few collections would set off a full collection, a pause of its own.
            entries = iter(value.items())
            chunks = iter(lambda: dict(islice(entries, SLICE)), {})  # noqa: B023 - used at once
            encoded, at = _bracketed(b"{", (orjson.dumps(c)[1:-1] for c in chunks), b"}")
        elif isinstance(value, list):
            starts = range(0, len(value), SLICE)
            slices = (orjson.dumps(value[i : i + SLICE])[1:-1] for i in starts)
            encoded, at = _bracketed(b"[", slices, b"]")
        else:
            encoded = [orjson.dumps(value)]
            at = [0, len(encoded[0]) - 1]
        if cuts is not None:
            cuts[str(name)] = [size + offset for offset in at]
        parts += encoded
        size += sum(map(len, encoded))
    parts.append(b"}")
    return parts


def _bracketed(
    opening: bytes, slices: Iterator[bytes], closing: bytes
) -> tuple[list[bytes], list[int]]:
    """The slices comma-separated between brackets, kept apart: no joined copy of a table.

    With the offsets of the brackets and of the commas between slices.
    """
    parts, at, size = [opening], [0], len(opening)
    for piece in slices:
        if len(parts) > 1:
            piece = b"," + piece
            at.append(size)
        parts.append(piece)
        size += len(piece)
    at.append(size)
    parts.append(closing)
    return parts, at
