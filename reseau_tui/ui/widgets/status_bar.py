"""One line above the footer: what is owed today, and whether your changes are saved."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reseau_tui.domain.text import one_line


class StatusBar(Static):
    def show(self, owed: str, saving: str, severity: str = "") -> None:
        parts: list[str | tuple[str, str]] = [(" reseau ", "bold reverse"), "  ", one_line(owed)]
        if saving:
            style = {"error": "bold $error", "warning": "$warning"}.get(severity, "$text-muted")
            parts += ["  ·  ", (one_line(saving), style)]
        self.update(Content.assemble(*parts))
