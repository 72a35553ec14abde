"""Key descriptions and Textual's own words in the language of the moment.

Binding descriptions are English message ids, marked with `N_` where the bindings
are declared, and translated each time they are shown: the footer, Textual's key
panel and the help screen all read them through `active_bindings` (or translate
them themselves), so switching language at run time needs no rebuilt bindings.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding, Binding

from reseau_tui.i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import SystemCommand

# Words of Textual's own, shown by reseau: the command palette's prompt, its system
# commands, and the descriptions of Textual's bindings (ctrl+q, the palette key).
TEXTUAL_WORDS = (
    N_("Search for commands…"),
    N_("palette"),
    N_("Open the command palette"),
    N_("Quit the app and return to the command prompt."),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Hide the keys and widget help panel"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


def translated(binding: Binding) -> Binding:
    if not (binding.description or binding.tooltip):
        return binding
    return replace(
        binding,
        description=_(binding.description) if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "",
    )


def translated_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    return {
        key: active._replace(
            binding=translated(active.binding),
            tooltip=_(active.tooltip) if active.tooltip else active.tooltip,
        )
        for key, active in bindings.items()
    }


class TranslatedBindings:
    """For screens: `active_bindings` (what the footer and the key panel show) translated."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated_bindings(super().active_bindings)  # type: ignore[misc]


def translated_commands(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))
