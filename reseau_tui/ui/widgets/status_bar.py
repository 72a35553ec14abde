"""One line above the footer: what is owed today, and whether your changes are saved.

Whether changes are saved is never cut: on a narrow terminal (a phone, 50
columns) the name of the app goes first, then what is owed is shortened with
"…".
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widgets import Static

from reseau_tui.domain.text import one_line

_BRAND = " reseau "


class StatusBar(Static):
    _owed = ""
    _saving = ""
    _severity = ""

    def show(self, owed: str, saving: str, severity: str = "") -> None:
        shown = (one_line(owed), one_line(saving), severity)
        if shown != (self._owed, self._saving, self._severity):  # most ticks: no repaint
            self._owed, self._saving, self._severity = shown
            self.refresh()

    @property
    def text(self) -> str:
        """The line as drawn now (what a test or a screen reader would read)."""
        return self.render().plain

    def render(self) -> Content:
        width = self.size.width or 120
        owed, saving = self._owed, self._saving
        tail = f"  ·  {saving}" if saving else ""
        brand = _BRAND if cell_len(_BRAND + "  " + owed + tail) <= width else ""
        room = width - cell_len(brand) - (2 if brand else 1) - cell_len(tail)
        if cell_len(owed) > room:
            owed = set_cell_size(owed, max(room - 1, 0)) + "…"
        parts: list[str | tuple[str, str]] = []
        if brand:
            parts += [(brand, "bold reverse"), "  "]
        else:
            parts.append(" ")
        parts.append(owed)
        if saving:
            style = {"error": "bold $error", "warning": "$warning"}.get(
                self._severity, "$text-muted"
            )
            parts += ["  ·  ", (saving, style)]
        return Content.assemble(*parts)
