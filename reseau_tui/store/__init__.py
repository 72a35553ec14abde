"""Persistence: one TinyDB JSON file, written atomically, shared safely with other writers."""

from reseau_tui.store.errors import DamagedDatabase, SaveError
from reseau_tui.store.operations import Change, Operation, OperationConflict
from reseau_tui.store.store import CommitReport, Store

__all__ = [
    "Change",
    "CommitReport",
    "DamagedDatabase",
    "Operation",
    "OperationConflict",
    "SaveError",
    "Store",
]
