"""The app in the user's words: language, theme, palette, and notifications safe to show.

The language and the theme are the user's, not the network's: both are saved
in the config file (where `reseau` looks before LANG), never in the database.
Every notification goes through `notify`, which shows names as typed but never
a control sequence, whoever wrote the name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from reseau_tui.domain.text import printable, printable_lines
from reseau_tui.i18n import _
from reseau_tui.ui.localize import translated_commands


class LocalizedApp(App[int]):
    """Switching language at run time, the remembered theme, Textual's words translated."""

    user_keys: dict[str, str] = {}  # noqa: RUF012 (replaced, never changed in place)

    def new_main_screen(self) -> Screen[Any]:
        """The main screen, built afresh in the language of the moment (the app's own)."""
        raise NotImplementedError

    def use_saved_theme(self) -> None:
        """The theme chosen last time (ctrl+p → theme), and remember the next one chosen."""
        from reseau_tui.config import ConfigProblem, configured_theme

        try:
            name = configured_theme()
        except ConfigProblem:
            name = None  # said at start, with the language; the default theme then
        if name in self.available_themes:
            self.theme = name
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        from reseau_tui.config import ConfigProblem, save_theme

        try:
            save_theme(theme.name)
        except ConfigProblem as exc:
            self.notify(
                _(
                    "Theme {name}, for this session only: {problem}.",
                    name=theme.name,
                    problem=exc.describe(),
                ),
                severity="warning",
                markup=False,
                timeout=15,
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification shows names as typed but never a control sequence (ESC, CSI...)."""
        super().notify(
            printable_lines(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def action_toggle_language(self) -> None:
        """Switch between English and French, redraw every screen, and remember the choice."""
        from reseau_tui.config import ConfigProblem, save_language
        from reseau_tui.i18n import current_language, set_language

        lang = "en" if current_language() == "fr" else "fr"
        set_language(lang)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(self.new_main_screen())
        try:
            save_language(lang)
        except ConfigProblem as exc:
            self.notify(
                _("Language: English, for this session only: {problem}.", problem=exc.describe()),
                severity="warning",
                markup=False,
                timeout=15,
            )
            return
        self.notify(_("Language: English"), markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands in the palette (theme, keys...), in the user's language."""
        return translated_commands(super().get_system_commands(screen))

    def action_help_quit(self) -> None:
        """ctrl+c copies rather than quits: say which key quits, in the user's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    _("Press {key} to quit the app.", key=key),
                    title=_("Do you want to quit?"),
                    markup=False,
                )
                return

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )
