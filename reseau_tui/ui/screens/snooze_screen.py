"""Until when? Enter accepts the default (three days); any WHEN word or date works."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from reseau_tui.domain.when import EXAMPLES
from reseau_tui.i18n import N_, _
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.widgets.safe_input import SafeInput


class SnoozeScreen(TranslatedBindings, ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, default: timedelta) -> None:
        super().__init__(classes="dialog-screen")
        self.default = _("+{days}d", days=default.days)  # a WHEN offset: "+3j" in French

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Snooze until when?"), classes="dialog-title")
            yield SafeInput(value=self.default, id="until", compact=True)
            yield Static(Content(_("Examples: {examples}", examples=EXAMPLES)), classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or self.default)

    def action_cancel(self) -> None:
        self.dismiss(None)
