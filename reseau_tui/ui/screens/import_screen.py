"""Import contacts from the app: check the file first, then import it, with progress.

Reading and matching run on a worker thread and report back with typed
messages; the app's timer holds still while records are applied.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, ProgressBar, Select, Static

from reseau_tui.domain.text import one_line
from reseau_tui.i18n import N_, _
from reseau_tui.services.explain import read_only
from reseau_tui.services.import_summary import describe_problem, guess_format, summary_lines
from reseau_tui.ui.host import Hosted
from reseau_tui.ui.keymap import hint, key_for
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from reseau_tui.io import ImportFormat
    from reseau_tui.services.importing import ImportReport

FORMATS = (
    (N_("LinkedIn (Connections.csv)"), "linkedin"),
    (N_("vCard (.vcf)"), "vcard"),
    (N_("CSV"), "csv"),
    (N_("JSON backup"), "json"),
)
MAX_PROBLEMS_SHOWN = 50


class ImportProgress(Message):
    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage, self.done, self.total = stage, done, total


class ImportFinished(Message):
    def __init__(self, report: ImportReport | None, problem: str = "") -> None:
        super().__init__()
        self.report = report
        self.problem = problem


class ImportScreen(TranslatedBindings, Hosted, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "import_file", N_("Import"), priority=True, id="import-file"),
        Binding("escape", "close", N_("Close"), id="close-import"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="form-screen")
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(_("Import contacts"), classes="form-title")
            with Horizontal(classes="row"):
                yield Label(_("File"), classes="field-label")
                yield SafeInput(compact=True, id="path", placeholder=_("path to the file, ~ works"))
            with Horizontal(classes="row"):
                yield Label(_("Format"), classes="field-label")
                yield Select(
                    [(_(label), value) for label, value in FORMATS],
                    value="linkedin",
                    allow_blank=False,
                    compact=True,
                    id="format",
                )
            yield Checkbox(
                _("Import the valid part if some records have problems"), id="skip-invalid"
            )
            yield ProgressBar(id="progress", show_eta=False)
            with VerticalScroll(id="import-report"):
                yield Static(id="report")
            yield Static(  # a Static wraps on a narrow screen, where a Label is cut
                Content(
                    hint(
                        self.app,
                        self.BINDINGS,
                        _("enter check the file (nothing is written)"),
                        ("import-file", N_("import")),
                        ("close-import", N_("close")),
                    )
                ),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#path", Input).focus()

    @property
    def path(self) -> Path:
        return Path(self.query_one("#path", Input).value.strip()).expanduser()

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        try:
            with self.path.open("rb") as f:
                head = f.read(4096)
        except OSError:
            return
        self.query_one("#format", Select).value = guess_format(self.path.name, head)

    @on(Input.Submitted, "#path")
    def _check(self) -> None:
        self._start(dry_run=True)

    def action_import_file(self) -> None:
        self._start(dry_run=False)

    def _start(self, *, dry_run: bool) -> None:
        if self.busy:
            return
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            self._show(
                Content.styled(
                    _(
                        "{file}: cannot be read ({reason})",
                        file=str(self.path),
                        reason=exc.strerror or "",
                    ),
                    "$error",
                )
            )
            return
        if not dry_run and self.reseau.read_only:
            self._show(Content.styled(read_only(), "$error"))
            return
        fmt = self.query_one("#format", Select).value
        skip = self.query_one("#skip-invalid", Checkbox).value
        self.busy = True
        self.reseau.importing = not dry_run
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self._run(data, str(fmt), dry_run, skip)

    @work(thread=True, exclusive=True, group="import")
    def _run(self, data: bytes, fmt: str, dry_run: bool, skip: bool) -> None:
        from reseau_tui.services.importing import import_file

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(ImportProgress(stage, done, total))

        try:
            report = import_file(
                self.reseau.network,
                cast("ImportFormat", fmt),
                data,
                dry_run=dry_run,
                skip_invalid=skip,
                progress=progress,
            )
        except Exception as exc:  # a bug must not leave the app waiting forever
            self.post_message(ImportFinished(None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(ImportFinished(report))

    def on_import_progress(self, message: ImportProgress) -> None:
        self.query_one("#progress", ProgressBar).update(
            total=max(message.total, 1), progress=message.done
        )

    def on_import_finished(self, message: ImportFinished) -> None:
        self.busy = False
        app = self.reseau
        app.importing = False
        self.query_one("#progress", ProgressBar).display = False
        report = message.report
        if report is None:
            self._show(
                Content.styled(_("The import failed: {problem}", problem=message.problem), "$error")
            )
            return
        lines = [Content.styled(line, "bold") for line in summary_lines(report)]
        problems = report.problems[:MAX_PROBLEMS_SHOWN]
        lines += [
            Content.styled(
                one_line(describe_problem(self.path.name, p)),
                "$error" if p.blocking else "$warning",
            )
            for p in problems
        ]
        if len(report.problems) > len(problems):
            lines.append(
                Content(
                    _("… and {count} more problems", count=len(report.problems) - len(problems))
                )
            )
        if report.applied:
            app.applied()
            lines.insert(
                0, Content.styled(_("Imported. Saving in the background."), "bold $success")
            )
        elif report.blocked:
            lines.insert(
                0,
                Content.styled(
                    _(
                        "Nothing was imported: fix the problems below, "
                        "or tick the box to import the valid part."
                    ),
                    "bold $error",
                ),
            )
        else:
            lines.insert(
                0,
                Content.styled(
                    _(
                        "Checked: nothing was written. Press {key} to import.",
                        key=key_for(self.app, self.BINDINGS, "import-file"),
                    ),
                    "bold $accent",
                ),
            )
        self._show(Content("\n").join(lines))

    def _show(self, content: Content) -> None:
        self.query_one("#report", Static).update(content)

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss()
