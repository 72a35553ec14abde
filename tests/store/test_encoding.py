"""Tables encoded in slices are byte for byte what one `orjson.dumps` writes."""

from __future__ import annotations

import orjson

from reseau_tui.store.encoding import SLICE, encode, freeze


def test_slices_join_into_the_same_bytes_as_one_dump() -> None:
    tables = {
        "contacts": {
            f"c{i}": {"id": f"c{i}", "name": f"Zoë N'Diaye {i}", "tags": ["a", "é"]}
            for i in range(2 * SLICE + 7)
        },
        "meetings": {},
        "meta": {"schema": {"schema_version": 1}},
    }
    assert b"".join(encode(tables)) == orjson.dumps(tables)
    assert b"".join(encode({})) == orjson.dumps({})


def test_a_frozen_snapshot_keeps_what_it_saw() -> None:
    tables = {"contacts": {"c1": {"id": "c1", "name": "Camille"}}}
    snapshot = freeze(tables)
    tables["contacts"]["c2"] = {"id": "c2", "name": "Zoë"}
    tables["contacts"]["c1"] = {**tables["contacts"]["c1"], "name": "Camille Martin"}
    assert orjson.loads(b"".join(encode(snapshot))) == {
        "contacts": {"c1": {"id": "c1", "name": "Camille"}}
    }
