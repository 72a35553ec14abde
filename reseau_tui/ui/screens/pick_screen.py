"""Pick one of a few texts (a lead, a file format...): arrows and enter, or escape."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reseau_tui.domain.text import one_line
from reseau_tui.i18n import N_
from reseau_tui.ui.localize import TranslatedBindings


class PickScreen(TranslatedBindings, ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, question: str, choices: list[str], labels: list[str] | None = None) -> None:
        """`labels`: how each choice is shown, if not as itself ("Thomas Bernard ✓ contact")."""
        super().__init__(classes="dialog-screen")
        self.question = question
        self.choices = choices
        self.labels = labels if labels is not None and len(labels) == len(choices) else choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.question), classes="dialog-title")
            yield OptionList(
                *(Option(Content(one_line(c, 80)), id=str(i)) for i, c in enumerate(self.labels))
            )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
