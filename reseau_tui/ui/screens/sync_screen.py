"""Sync conflict copies in the app: found on start and on the timer, merged, asked about.

`SyncConflicts` is the app's side of `store.sync`: it looks for conflict copies
next to the file, merges those that need no question at once, and shows
`SyncScreen` for the fields both machines changed. The merged result is saved
like any change (lock, replay, atomic write); the copy is moved aside only once
the save that holds the merge has succeeded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, RadioButton, RadioSet, Static

from reseau_tui.domain.text import one_line, printable
from reseau_tui.i18n import N_, _
from reseau_tui.services.sync import conflict_views, merge_summary
from reseau_tui.store import CommitReport, DamagedDatabase, Operation, OperationConflict
from reseau_tui.store.sync import Merge, Side, move_aside
from reseau_tui.ui.keymap import hint

if TYPE_CHECKING:
    from reseau_tui.ui.host import ReseauHost

Choices = dict[int, Side]


class SyncScreen(ModalScreen[Choices | None]):
    """One question per field changed on both machines: this machine's value or the copy's."""

    DEFAULT_CSS = """
    SyncScreen .conflicts { height: 1fr; }
    SyncScreen .conflict-what { color: $text-muted; padding: 1 0 0 0; }
    SyncScreen RadioSet { width: 1fr; background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "merge", N_("Merge"), priority=True, id="sync-merge"),
        Binding("escape", "later", N_("Later"), id="sync-later"),
    ]

    def __init__(self, merge: Merge) -> None:
        super().__init__(classes="form-screen")
        self.merge = merge

    def compose(self) -> ComposeResult:
        views = conflict_views(self.merge)
        with Vertical(classes="form"):
            yield Label(Content(_("Sync conflict")), classes="form-title")
            yield Static(
                Content(
                    printable(
                        _(
                            "{copy} was saved on another machine while this one saved too. "
                            "Changes made on one side only are merged. These fields were "
                            "changed on both: choose which value to keep.",
                            copy=self.merge.copy.name,
                        )
                    )
                ),
                classes="subtitle",
            )
            with VerticalScroll(classes="conflicts"):
                for n, view in enumerate(views):
                    yield Label(
                        Content(one_line(f"{view.what} · {view.field}", 100)),
                        classes="conflict-what",
                    )
                    yield RadioSet(
                        RadioButton(
                            Content(one_line(_("this machine: {value}", value=view.mine), 100)),
                            value=True,
                        ),
                        RadioButton(
                            Content(one_line(_("the copy: {value}", value=view.theirs), 100))
                        ),
                        id=f"conflict-{n}",
                    )
            yield Static(  # a Static wraps on a narrow screen, where a Label is cut
                Content(
                    hint(
                        self.app,
                        self.BINDINGS,
                        _("↑ ↓ choose"),
                        _("tab next field"),
                        ("sync-merge", N_("merge")),
                        ("sync-later", N_("later")),
                    )
                ),
                classes="hint",
            )

    def choices(self) -> Choices:
        found: Choices = {}
        for n in range(len(self.merge.conflicts)):
            radio = self.query_one(f"#conflict-{n}", RadioSet)
            found[n] = "theirs" if radio.pressed_index == 1 else "mine"
        return found

    def action_merge(self) -> None:
        self.dismiss(self.choices())

    def action_later(self) -> None:
        self.dismiss(None)


class SyncConflicts:
    """Conflict copies next to the app's file: checked on start and on every tick."""

    def __init__(self, app: ReseauHost) -> None:
        self.app = app
        self.postponed: set[Path] = set()  # declined or failed: offered again next start
        self.merging: list[tuple[Operation, Merge]] = []  # applied, waiting for their save
        self.asking = False
        self.told_read_only = False

    def check(self) -> None:
        app = self.app
        if self.asking or self.merging or app.importing:
            return
        copies = [c for c in app.network.conflict_copies() if c not in self.postponed]
        if not copies:
            return
        if app.read_only:
            if not self.told_read_only:
                self.told_read_only = True
                app.notify(
                    _(
                        "A sync conflict copy is waiting next to the database, but the "
                        "database is read-only: it cannot be merged here."
                    ),
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
            return
        copy = copies[0]
        try:
            merge = app.network.prepare_merge(copy)
        except DamagedDatabase as exc:
            self.postponed.add(copy)
            app.notify(
                _(
                    "The sync conflict copy {copy} {problem}; it was left as it is.",
                    copy=copy.name,
                    problem=_(exc.problem, **exc.values),
                ),
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        if not merge.conflicts:
            self.apply(merge, "mine")
            return
        self.asking = True
        app.push_screen(SyncScreen(merge), lambda choices: self.answered(merge, choices))

    def answered(self, merge: Merge, choices: Choices | None) -> None:
        self.asking = False
        if choices is None:
            self.postponed.add(merge.copy)
            self.app.notify(
                _(
                    "The sync conflict copy stays next to the database; it will be offered "
                    "again next time (or run: reseau sync)."
                ),
                markup=False,
                timeout=10,
            )
            return
        self.apply(merge, choices)

    def apply(self, merge: Merge, choices: Choices | Side) -> None:
        app = self.app
        op = merge.operation(choices)
        if op is None:  # the file already holds everything the copy has
            self._done(merge)
            return
        try:
            app.change(lambda network: network.apply(op))
        except OperationConflict:
            self._failed(merge)
            return
        self.merging.append((op, merge))

    def saved(self, report: CommitReport) -> None:
        """After a save: move aside the copies whose merge it made durable."""
        for op, merge in list(self.merging):
            if any(o is op for o in report.operations):
                self.merging.remove((op, merge))
                self._done(merge)
        self.dropped(report.conflicts)

    def dropped(self, conflicts: list[OperationConflict]) -> None:
        """A merge that no longer applied (the file changed meanwhile): the copy stays."""
        for op, merge in list(self.merging):
            if any(c.operation is op for c in conflicts):
                self.merging.remove((op, merge))
                self._failed(merge)

    def _done(self, merge: Merge) -> None:
        try:
            aside = move_aside(merge.copy)
        except OSError:
            self.postponed.add(merge.copy)
            return
        self.app.notify(
            _(
                "Merged {copy}: {summary}. The copy was kept as {aside}.",
                copy=merge.copy.name,
                summary=merge_summary(merge),
                aside=aside.name,
            ),
            markup=False,
            timeout=10,
        )

    def _failed(self, merge: Merge) -> None:
        self.postponed.add(merge.copy)
        self.app.notify(
            _(
                "Could not merge {copy}: the database changed meanwhile. The copy stays; "
                "run reseau sync to try again.",
                copy=merge.copy.name,
            ),
            severity="error",
            markup=False,
            timeout=15,
        )
