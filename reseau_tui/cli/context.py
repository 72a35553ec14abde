"""What every command needs: the network, opened lazily, and a way to refuse politely."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reseau_tui.cli.output import note
from reseau_tui.domain.clock import SystemClock
from reseau_tui.i18n import _
from reseau_tui.locations import database_path

if TYPE_CHECKING:  # imported when the network is opened: `reseau --help` needs none of it
    from reseau_tui.domain.models import Contact
    from reseau_tui.services.network import Network
    from reseau_tui.services.shell_undo import ShellChanges
    from reseau_tui.store import CommitReport, Operation
    from reseau_tui.store.operations import Applied

REPLANS = 5  # other writers saving meanwhile are caught up this many times at most


class Planned(Protocol):
    """A plan for one change (`plan_forget`, `plan_merge`): None when nothing is left to do."""

    @property
    def operation(self) -> Operation | None: ...


class Refused(Exception):
    """A command that cannot do what was asked; the message says why, nothing was written."""


class Context:
    def __init__(self, db: Path | None) -> None:
        """Raises `PathProblem` for a `--db` (or `RESEAU_DB`) that cannot name a file."""
        self.path = database_path(db)
        self._applied: list[Applied] = []

    @cached_property
    def network(self) -> Network:
        from reseau_tui.services.network import Network

        network = Network(self.path, SystemClock())
        network.on_applied.append(self._applied.append)  # for `changes`, when it is needed
        return network

    @cached_property
    def changes(self) -> ShellChanges:
        """What `reseau undo` undoes next: noted by the commands that change something.

        Made on first use (by `commit` at the latest), from the operations the
        network applied until then.
        """
        from reseau_tui.services.shell_undo import ShellChanges

        return ShellChanges(self.network, self.path, self._applied)

    def finish(self) -> None:
        """After the command's output: keep what its queue found, for the next command."""
        if "network" in self.__dict__:  # opened by the command (not every one opens it)
            sys.stdout.flush()
            self.network.keep_findings()

    def find(self, name: str) -> Contact:
        from reseau_tui.services.matching import AmbiguousName, NameNotFound

        try:
            return self.network.find(name)
        except NameNotFound:
            raise Refused(_("no contact matches {name!r}", name=name)) from None
        except AmbiguousName as exc:
            from reseau_tui.services.explain import ambiguous_name

            raise Refused(ambiguous_name(name, exc.candidates)) from None

    def apply_planned(self, plan: Planned, replan: Callable[[], Planned]) -> None:
        """Apply a plan made from the records, and plan again while other writers add to them.

        Forgetting or merging a person must cover what another writer saved
        meanwhile (a meeting logged with them): after a commit that took in
        another writer's change, the plan is made again on the newer records.
        """
        for _attempt in range(REPLANS):
            op = plan.operation
            if op is None:
                return
            self.network.apply(op)
            if not self.commit().reloaded:
                return
            plan = replan()

    def commit(self) -> CommitReport:
        report = self.network.commit()
        if not self.changes.saved(report):
            note(_("reseau undo cannot undo this change: its record could not be written."))
        if report.conflicts:
            details = "; ".join(f"{c.operation.label}: {_(c.reason)}" for c in report.conflicts)
            raise Refused(
                _("not saved, the database changed meanwhile: {details}", details=details)
            )
        return report
