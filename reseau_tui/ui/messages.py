"""Typed messages from worker threads to the UI: no widget is touched from a thread."""

from __future__ import annotations

from textual.message import Message

from reseau_tui.store import CommitReport, OperationConflict


class Saved(Message):
    """A commit finished; `report.reloaded` means another writer's changes came in."""

    def __init__(self, report: CommitReport, changes: str = "") -> None:
        super().__init__()
        self.report = report
        self.changes = changes  # what came in from another writer, in words


class SaveFailed(Message):
    """A commit could not reach the disk; the changes stay in memory and are retried."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


class Reloaded(Message):
    """The file changed on disk (a shell command, a sync) and was taken in."""

    def __init__(self, conflicts: list[OperationConflict], changes: str = "") -> None:
        super().__init__()
        self.conflicts = conflicts
        self.changes = changes  # what came in, in words ("1 meeting logged elsewhere.")


class JournalReady(Message):
    """The meetings are built (on a worker after start): the journal can be shown."""


class JournalUnreadable(Message):
    """The journal's part of the file could not be read after start (see `loader.Rest`)."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem
