"""The reseau app: the screens, the keys that work everywhere, and what they open.

Everything else is in the mixins it is made of: `SessionApp` (the network in
memory, saves off the UI thread, the live timer, other writers' changes) and
`LocalizedApp` (language, theme, palette, safe notifications). Opening the
user's file is `launch.open_network`. Screens never import this module: they
reach the app through `ui.host.ReseauHost`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reseau_tui.domain.clock import Clock
from reseau_tui.i18n import N_, _
from reseau_tui.store import SaveError
from reseau_tui.ui.commands import ReseauCommands
from reseau_tui.ui.idle_collector import IdleCollector
from reseau_tui.ui.launch import open_network
from reseau_tui.ui.localized_app import LocalizedApp
from reseau_tui.ui.screens.main_screen import MainScreen
from reseau_tui.ui.session import SessionApp

T = TypeVar("T")


class ReseauApp(LocalizedApp, SessionApp):
    CSS_PATH = "app.tcss"
    TITLE = "reseau"
    # Each screen gets the class of its width: under 60 columns (a phone in portrait,
    # Termux or Blink), forms and dialogs take the whole screen (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-phone"), (60, "-wide")]  # noqa: RUF012 (Textual's own type)
    COMMANDS = App.COMMANDS | {ReseauCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit"), id="quit", show=False),
        Binding("question_mark", "help", N_("Help"), id="help", key_display="?"),
        Binding("r", "review", N_("Review"), id="review"),
        Binding("f8", "private_screenshot", N_("Screenshot"), show=False, id="screenshot"),
    ]

    def __init__(self, network: Any, **options: Any) -> None:
        super().__init__(network, **options)
        self.idle_collector = IdleCollector()

    @classmethod
    def open(
        cls, db: Path | None, *, demo: bool = False, clock: Clock | None = None
    ) -> ReseauApp | None:
        """The app on the user's database (or a demo copy); None after explaining a damaged file."""
        network = open_network(db, demo=demo, clock=clock)
        return None if network is None else cls(network, demo=demo)

    def on_mount(self) -> None:
        from reseau_tui.ui.keymap import apply_keymap

        apply_keymap(self)  # the user's [keys], before any screen shows a key
        self.use_saved_theme()
        self.push_screen(MainScreen())
        self.start_session()
        self.idle_collector.start()
        self.set_interval(20, self.idle_collector.collect_if_idle, name="idle-collector")

    def on_unmount(self) -> None:
        self.idle_collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste | events.MouseDown):
            self.idle_collector.touched()  # the next full collection waits for a pause
        await super().on_event(event)

    # --- the screens -----------------------------------------------------------------

    @property
    def main(self) -> MainScreen:
        return self.get_screen_of(MainScreen)

    def get_screen_of(self, kind: type[T]) -> T:
        for screen in self.screen_stack:
            if isinstance(screen, kind):
                return screen
        raise LookupError(kind)

    def new_main_screen(self) -> Screen[Any]:
        return MainScreen()

    def show_network(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.refresh_panes()

    def show_status(self, owed: str, saving: str, severity: str) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.status.show(owed, saving, severity)

    # --- global actions ----------------------------------------------------------

    def action_help(self) -> None:
        from reseau_tui.ui.screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_undo(self) -> None:
        from reseau_tui.ui.undoing import undo

        undo(self)

    def action_redo(self) -> None:
        from reseau_tui.ui.undoing import redo

        redo(self)

    def action_review(self) -> None:
        from reseau_tui.ui.screens.review_screen import ReviewScreen

        items = self.queue.actionable()
        if not items:
            self.notify(_("Nothing is due: your review is done."), markup=False)
            return
        self.push_screen(ReviewScreen(items))

    def action_import(self) -> None:
        from reseau_tui.ui.screens.import_screen import ImportScreen

        self.push_screen(ImportScreen())

    def action_private_screenshot(self) -> None:
        """f8: the screen as SVG in a folder only the user can read (it shows their network)."""
        from reseau_tui.ui.screenshot import save_private_screenshot

        try:
            path = save_private_screenshot(self, self.clock.now())
        except (OSError, SaveError) as exc:
            if isinstance(exc, SaveError):
                problem = _(exc.problem, **exc.values)
            else:
                problem = exc.strerror or str(exc)
            self.notify(
                _("Could not save the screenshot: {problem}", problem=problem),
                severity="error",
                markup=False,
            )
            return
        self.notify(
            _("Screenshot saved, readable only by you: {path}", path=str(path)), markup=False
        )
