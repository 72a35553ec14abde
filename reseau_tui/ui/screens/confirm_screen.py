"""A yes/no question, answered with y or n (or enter / escape)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from reseau_tui.i18n import N_, _
from reseau_tui.ui.localize import TranslatedBindings


class ConfirmScreen(TranslatedBindings, ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            yield Label(_("y: yes · n: no"), classes="hint", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
