"""What the user is told about a change once it is on disk, and not before.

A change is applied at once and saved a moment later on a worker. "Saved
Camille Martin." said at once would be a promise the disk has not kept yet:
a kill, a closed terminal or a full disk in between would make it false. So
each notice waits for the commit whose report lists every operation of its
change (`CommitReport.operations`, the very objects applied). A failed save
names the changes still waiting, once; an operation that no longer applies
(its record was removed elsewhere) is never said to be saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from reseau_tui.store import CommitReport, Operation, OperationConflict


@dataclass
class Notice:
    saved: str  # said once the whole change is durable
    what: str  # names the change when a save fails: "Camille Martin"
    waiting: list[Operation] = field(default_factory=list)  # not durable yet
    warned: bool = False  # already named as not saved by a failed save


class SaveNotices:
    def __init__(self) -> None:
        self._notices: list[Notice] = []

    def expect(self, operations: Iterable[Operation], saved: str, what: str) -> None:
        """Say `saved` once every one of `operations` is durable."""
        self._notices.append(Notice(saved, what, list(operations)))

    @property
    def waiting(self) -> int:
        return len(self._notices)

    def saved(self, report: CommitReport) -> list[str]:
        """The notices this commit completed, in the order their changes were made."""
        self.dropped(report.conflicts)
        durable = {id(op) for op in report.operations}  # alive: held by the notices too
        done = []
        for notice in self._notices:
            notice.waiting = [op for op in notice.waiting if id(op) not in durable]
            if not notice.waiting:
                done.append(notice)
        self._notices = [n for n in self._notices if n.waiting]
        return [n.saved for n in done]

    def failed(self) -> list[str]:
        """The changes a failed save left unsaved, each named once until it is saved."""
        fresh = [n for n in self._notices if not n.warned]
        for notice in fresh:
            notice.warned = True
        return [n.what for n in fresh]

    def dropped(self, conflicts: Iterable[OperationConflict]) -> None:
        """Changes that no longer apply are reported as conflicts, never as saved."""
        gone = {id(c.operation) for c in conflicts}
        if gone:
            self._notices = [
                n for n in self._notices if not any(id(op) in gone for op in n.waiting)
            ]
