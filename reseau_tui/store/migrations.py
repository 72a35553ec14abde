"""Schema versions and the steps that bring an older file up to date.

Each step takes the tables of version N and returns those of version N + 1.
Later versions add their step to `STEPS`; the file is rewritten (after a backup)
on the next save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reseau_tui.store.tinydb_ext import Tables

CURRENT_SCHEMA = 1
META, SCHEMA_KEY = "meta", "schema"

STEPS: dict[int, Callable[[Tables], Tables]] = {}


def schema_of(data: dict[str, Any]) -> int | None:
    """The file's schema version; a file without one (created empty) is version 1."""
    meta = data.get(META, {}).get(SCHEMA_KEY)
    if meta is None:
        return 1
    version = meta.get("schema_version")
    return version if isinstance(version, int) and version >= 1 else None


def migrate(data: Tables) -> Tables:
    version = schema_of(data) or 1
    while version < CURRENT_SCHEMA:
        data = STEPS[version](data)
        version += 1
    stamp(data)
    return data


def stamp(data: Tables) -> None:
    data.setdefault(META, {})[SCHEMA_KEY] = {"schema_version": CURRENT_SCHEMA}
