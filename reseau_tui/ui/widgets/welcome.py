"""First run: what to do next, instead of three empty boxes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reseau_tui.i18n import _


class Welcome(Static):
    def on_mount(self) -> None:
        lines = [
            Content.styled(_("Welcome to reseau"), "bold $accent"),
            Content(""),
            Content(
                _(
                    "Keep your network alive: thank people within a day or two, tell "
                    "whoever introduced you, give news months later, keep your promises."
                )
            ),
            Content(""),
            Content.assemble(("  n  ", "bold $accent"), _("add your first contact")),
            Content.assemble(("  m  ", "bold $accent"), _("log a meeting you just had")),
            Content.assemble(
                ("  ctrl+p  ", "bold $accent"),
                _("import a LinkedIn or phone export (or: reseau import linkedin Connections.csv)"),
            ),
            Content.assemble(("  ?  ", "bold $accent"), _("every key, explained")),
            Content(""),
            Content.styled(
                _("To look around first: quit with q and run reseau --demo"), "$text-muted"
            ),
        ]
        self.update(Content("\n").join(lines))
