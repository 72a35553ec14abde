"""First run: what to do next, instead of three empty boxes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reseau_tui.i18n import _
from reseau_tui.ui.keymap import key_for


class Welcome(Static):
    def key(self, binding_id: str) -> str:
        """The key the screen answers to for `binding_id`, padded for the first column."""
        bindings = [*type(self.app).BINDINGS, *type(self.screen).BINDINGS]
        return f"  {key_for(self.app, bindings, binding_id)}  "

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
            Content.assemble(
                (self.key("new-contact"), "bold $accent"), _("add your first contact")
            ),
            Content.assemble(
                (self.key("log-meeting"), "bold $accent"), _("log a meeting you just had")
            ),
            Content.assemble(
                ("  ctrl+p  ", "bold $accent"),
                _("import a LinkedIn or phone export (or: reseau import linkedin Connections.csv)"),
            ),
            Content.assemble((self.key("help"), "bold $accent"), _("every key, explained")),
            Content(""),
            Content.styled(
                _(
                    "To look around first: quit with {key} and run reseau --demo",
                    key=self.key("quit").strip(),
                ),
                "$text-muted",
            ),
        ]
        self.update(Content("\n").join(lines))
