"""The command palette (ctrl+p): the same actions as the keys, in words you can search."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reseau_tui.i18n import _


class ReseauCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        from reseau_tui.ui.screens.main_screen import MainScreen

        def on_main(action: str) -> Callable[[], object]:
            def run() -> object:
                screen = next(s for s in app.screen_stack if isinstance(s, MainScreen))
                return app.call_later(getattr(screen, f"action_{action}"))

            return run

        def open_settings() -> None:
            from reseau_tui.ui.screens.settings_screen import SettingsScreen

            app.push_screen(SettingsScreen())

        commands: list[tuple[str, str, Callable[[], object]]] = [
            (
                _("Log a meeting"),
                _("Quick capture of a coffee, a call, a visit (m)"),
                on_main("log_meeting"),
            ),
            (_("New contact"), _("Add a person (n)"), on_main("new_contact")),
            (
                _("Daily review"),
                _("Go through what is due, one decision per key (r)"),
                partial(app.run_action, "review"),
            ),
            (
                _("Sort contacts"),
                _("By urgency, name or last interaction (s)"),
                on_main("cycle_sort"),
            ),
            (
                _("Settings: the rules of the queue"),
                _("Thank-you window, circles' cadences, snooze, signature"),
                open_settings,
            ),
            (_("Help: every key"), "?", partial(app.run_action, "help")),
            (
                _("Switch language: English / français"),
                _("Change the language of the app"),
                partial(app.run_action, "toggle_language"),
            ),
            (
                _("Import contacts"),
                _("From a LinkedIn, vCard, CSV or JSON file"),
                partial(app.run_action, "import"),
            ),
            (_("Quit"), _("Save and quit (q)"), partial(app.run_action, "quit")),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
