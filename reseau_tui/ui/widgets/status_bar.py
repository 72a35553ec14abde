"""One line above the footer: what is owed today, and whether your changes are saved."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reseau_tui.domain.text import one_line


class StatusBar(Static):
    _shown: Content | None = None

    def show(self, owed: str, saving: str, severity: str = "") -> None:
        parts: list[str | tuple[str, str]] = [(" reseau ", "bold reverse"), "  ", one_line(owed)]
        if saving:
            style = {"error": "bold $error", "warning": "$warning"}.get(severity, "$text-muted")
            parts += ["  ·  ", (one_line(saving), style)]
        content = Content.assemble(*parts)
        shown = self._shown  # unchanged on most ticks: no layout, no repaint
        if shown is None or (content.plain, content.spans) != (shown.plain, shown.spans):
            self._shown = content
            self.update(content, layout=False)  # one line, docked: its size never changes
