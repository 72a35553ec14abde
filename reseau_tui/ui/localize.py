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
# commands, and the descriptions of Textual's bindings (the palette key, and those of
# the scrolling containers, inputs, text areas, option lists, selects and checkboxes
# that the key panel lists).
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
    # bindings
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
    N_("Scroll Up"),
    N_("Scroll Down"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Home"),
    N_("Scroll End"),
    N_("Page Up"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Select"),
    N_("Show menu"),
    N_("Toggle"),
    N_("Submit"),
    N_("Move cursor left"),
    N_("Move cursor left and select"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor right and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Go to start"),
    N_("Go to end"),
    N_("Select line start"),
    N_("Select line end"),
    N_("Select all"),
    N_("Select line"),
    N_("Delete character left"),
    N_("Delete character right"),
    N_("Delete left to start of word"),
    N_("Delete right to start of word"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Delete to line start"),
    N_("Delete to line end"),
    N_("Delete line"),
    N_("Cut selected text"),
    N_("Paste text from the clipboard"),
    N_("Cut"),
    N_("Paste"),
    N_("Undo"),
    N_("Redo"),
    N_("Cursor up"),
    N_("Cursor down"),
    N_("Cursor left"),
    N_("Cursor right"),
    N_("Cursor up select"),
    N_("Cursor down select"),
    N_("Cursor left select"),
    N_("Cursor right select"),
    N_("Cursor word left"),
    N_("Cursor word right"),
    N_("Cursor left word select"),
    N_("Cursor right word select"),
    N_("Cursor line start"),
    N_("Cursor line end"),
    N_("Cursor line start select"),
    N_("Cursor line end select"),
    N_("Cursor page up"),
    N_("Cursor page down"),
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


# Textual's own commands that reseau's palette already offers, in its words (with the key).
_OFFERED = frozenset({"Quit"})


def translated_commands(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's commands in the user's language, without those the app's own list has."""
    for command in commands:
        if command.title not in _OFFERED:
            yield command._replace(title=_(command.title), help=_(command.help))
