"""A titled pane around one list, with the filter-as-you-type line it owns."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input

from reseau_tui.domain.text import one_line, printable
from reseau_tui.i18n import N_, _
from reseau_tui.ui.widgets.row_list import RowList
from reseau_tui.ui.widgets.safe_input import SafeInput


class FilterInput(SafeInput):
    """The `/` line: filters its pane's list on every keystroke; escape clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "clear_filter", N_("Clear filter"))]

    def action_clear_filter(self) -> None:
        pane = self.parent
        if isinstance(pane, Pane):
            pane.clear_filter()


class Pane(Vertical):
    def __init__(self, title: str, row_list: RowList[object], *, id: str) -> None:
        super().__init__(id=id, classes="pane")
        self.title = title
        self.row_list = row_list
        self._title_text = ""  # the border title as last set: a new one repaints the pane

    def compose(self) -> ComposeResult:
        yield self.row_list
        yield FilterInput(placeholder=_("filter…"), classes="filter", compact=True)

    def on_mount(self) -> None:
        self.query_one(FilterInput).display = False
        self.update_title()

    def update_title(self) -> None:
        shown, total = len(self.row_list.rows), len(self.row_list._all)
        count = f"{shown}" if shown == total else f"{shown}/{total}"
        text = f"{self.title} · {count}"
        if self.row_list.filter_text:
            text += " · /" + one_line(self.row_list.filter_text, 30)
        if text != self._title_text:
            self._title_text = text
            self.border_title = Content(printable(text))

    def start_filter(self) -> None:
        box = self.query_one(FilterInput)
        box.display = True
        box.focus()

    def clear_filter(self) -> None:
        box = self.query_one(FilterInput)
        box.value = ""
        box.display = False
        self.row_list.set_filter("")
        self.update_title()
        self.row_list.focus()

    @on(Input.Changed, ".filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.row_list.set_filter(event.value)
        self.update_title()

    @on(Input.Submitted, ".filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            self.query_one(FilterInput).display = False
        self.row_list.focus()
