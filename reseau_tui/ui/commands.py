"""The command palette (ctrl+p): the same actions as the keys, in words you can search."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reseau_tui.i18n import N_, _
from reseau_tui.ui.keymap import key_for


class ReseauCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        from reseau_tui.ui.screens.main_screen import MainScreen
        from reseau_tui.ui.widgets.contact_list import ContactList

        here = [*type(app).BINDINGS, *MainScreen.BINDINGS, *ContactList.BINDINGS]

        def keyed(words: str, binding_id: str) -> str:
            """Words that end with the key that does the same, as the user set it: "(m)"."""
            return _(words, key=key_for(app, here, binding_id))

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
                keyed(N_("Quick capture of a coffee, a call, a visit ({key})"), "log-meeting"),
                on_main("log_meeting"),
            ),
            (
                _("New contact"),
                keyed(N_("Add a person ({key})"), "new-contact"),
                on_main("new_contact"),
            ),
            (
                _("Daily review"),
                keyed(N_("Go through what is due, one decision per key ({key})"), "review"),
                partial(app.run_action, "review"),
            ),
            (
                _("Sort contacts"),
                keyed(N_("By urgency, name or last interaction ({key})"), "sort-contacts"),
                on_main("cycle_sort"),
            ),
            (
                _("Settings: the rules of the queue"),
                _("Thank-you window, circles' cadences, snooze, signature"),
                open_settings,
            ),
            (_("Help: every key"), key_for(app, here, "help"), partial(app.run_action, "help")),
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
            (
                _("Quit"),
                keyed(N_("Save and quit ({key})"), "quit"),
                partial(app.run_action, "quit"),
            ),
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
