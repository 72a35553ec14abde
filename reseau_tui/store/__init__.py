"""Persistence: one TinyDB JSON file, written atomically, shared safely with other writers.

The names below are imported on first use (PEP 562), so that a command reading
`reseau_tui.store.errors` or `.files` does not load TinyDB and the whole store.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reseau_tui.store.errors import DamagedDatabase, SaveError
    from reseau_tui.store.operations import Change, Operation, OperationConflict
    from reseau_tui.store.store import CommitReport, Store

_HOMES = {
    "DamagedDatabase": "errors",
    "SaveError": "errors",
    "Change": "operations",
    "Operation": "operations",
    "OperationConflict": "operations",
    "CommitReport": "store",
    "Store": "store",
}

__all__ = [
    "Change",
    "CommitReport",
    "DamagedDatabase",
    "Operation",
    "OperationConflict",
    "SaveError",
    "Store",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
