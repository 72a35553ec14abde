"""`reseau undo`: the last change a shell command saved, and undoing it.

Each command that saves notes what it saved with the operation that undoes it
(`store.last_change`); the next one that saves replaces that note. `reseau
undo` applies it as a change like any other (saved, replayed, merged), and
only while the records still hold what that change wrote: after another
writer changed them, it is refused with what changed. Undone, the note is
removed: a second `reseau undo` has nothing left to undo (it does not redo,
nor reach further back; the app's `u` does that for its own session).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reseau_tui.i18n import _
from reseau_tui.services.history import UndoRefused, refuse_if_people_gone, why_refused
from reseau_tui.services.network import Network
from reseau_tui.store import CommitReport, Operation, OperationConflict
from reseau_tui.store.last_change import (
    LastChange,
    UnreadableRecord,
    clear_last_change,
    read_last_change,
    write_last_change,
)
from reseau_tui.store.operations import Applied

__all__ = [
    "LastChange",
    "ShellChanges",
    "Undoing",
    "UnreadableRecord",
    "apply_undo",
    "forget_shell_change",
    "last_shell_change",
]


class ShellChanges:
    """What one command applies, noted for `reseau undo` once a commit has saved it."""

    def __init__(self, network: Network, path: Path, applied: list[Applied] | None = None) -> None:
        """`applied`: the operations applied so far, gathered by the caller's own hook on
        `network.on_applied` (a command that changes nothing need not load this module)."""
        self.network = network
        self.path = path  # the database as named to the command (as the findings are kept)
        self.keep = True  # False for `reseau undo` itself: an undo is not undone from the shell
        if applied is None:
            applied = []
            network.on_applied.append(applied.append)
        self._applied = applied
        self._saved: list[Applied] = []

    def saved(self, report: CommitReport) -> bool:
        """Note what this command has saved so far; False if the note could not be written.

        A change that cannot be undone (forgetting someone) removes the note: what
        came before it must not come back either.
        """
        if not self.keep or not report.operations:
            return True
        durable = {id(op) for op in report.operations}
        self._saved += [a for a in self._applied if id(a.operation) in durable]
        if any(not a.operation.undoable for a in self._saved):
            clear_last_change(self.path)
            return True
        undoable = [a for a in self._saved if a.inverse is not None]
        if not undoable:
            return True  # it changed nothing: the earlier note still says the last change
        label = "; ".join(a.operation.label for a in undoable)
        changes = tuple(ch for a in reversed(undoable) if a.inverse for ch in a.inverse.changes)
        undo = Operation(_("undo: {what}", what=label), changes)
        return write_last_change(self.path, LastChange(label, self.network.now().isoformat(), undo))


def last_shell_change(path: Path) -> LastChange | None:
    """The change `reseau undo` would undo; None if none. Raises `UnreadableRecord`."""
    return read_last_change(path)


@dataclass
class Undoing:
    """The last shell change's undo, applied in memory: committed, or dropped by exiting."""

    change: LastChange
    applied: Applied


def apply_undo(network: Network, change: LastChange) -> Undoing:
    """Apply the undo in memory (the caller commits). Raises `UndoRefused`, nothing applied."""
    refuse_if_people_gone(network, change.undo, change.label)
    try:
        applied = network.apply(change.undo)
    except OperationConflict as conflict:
        raise UndoRefused(change.label, why_refused(network, conflict)) from None
    return Undoing(change, applied)


def forget_shell_change(path: Path) -> None:
    """Undone: nothing is left to undo from the shell."""
    clear_last_change(path)
