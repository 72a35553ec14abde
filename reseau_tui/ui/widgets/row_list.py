"""A list that draws only its visible rows: instant at 30,000 contacts.

A `ScrollView` with `render_line`, as the log viewer toolong does: nothing is
built per row up front, so setting or filtering 30,000 rows costs a list
assignment, and each frame renders the thirty lines on screen. Subclasses say
which cells a row has and how wide each column is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Generic, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reseau_tui.domain.text import fold, one_line
from reseau_tui.i18n import N_

RowT = TypeVar("RowT")


class RowList(ScrollView, Generic[RowT], can_focus=True):
    """A keyboard-driven list of rows with a cursor, a filter, and theme-aware highlights."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--cursor",
        "row-list--cursor-blur",
        "row-list--due",
        "row-list--overdue",
        "row-list--dim",
        "row-list--empty",
        "row-list--header",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", N_("Up"), show=False),
        Binding("down,j", "cursor(1)", N_("Down"), show=False),
        Binding("pageup", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown", "page(1)", N_("Page down"), show=False),
        Binding("home", "jump(0)", N_("First"), show=False),
        Binding("end", "jump(-1)", N_("Last"), show=False),
        Binding("enter", "choose", N_("Open"), show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to another row (or the rows changed)."""

        def __init__(self, row_list: RowList[object], row: object | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row

        @property
        def control(self) -> RowList[object]:
            return self.row_list

    class Chosen(Message):
        """Enter was pressed on a row."""

        def __init__(self, row_list: RowList[object], row: object) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row

        @property
        def control(self) -> RowList[object]:
            return self.row_list

    class Asked(Message):
        """A key asked for something on the highlighted row (`ask('edit')`): the screen does it.

        Each list subclasses it, so a screen tells a contact's edit from a meeting's;
        the list never names an action of the screen it is on.
        """

        def __init__(self, what: str) -> None:
            super().__init__()
            self.what = what

    def action_ask(self, what: str) -> None:
        self.post_message(type(self).Asked(what))

    empty_text = ""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._all: Sequence[RowT] = []
        self.rows: Sequence[RowT] = []
        self.filter_text = ""
        self._matcher: Callable[[RowT], bool] | None = None
        self._keys: list[str] | None = None  # `search_key` of each row of `_all`, once filtered
        self._shown: tuple[str, list[int]] | None = None  # folded query, indexes it kept

    # --- what subclasses provide ---------------------------------------------

    def column_widths(self, width: int) -> list[int]:
        """Widths of every column but the last, which takes the rest."""
        return []

    def cells(self, row: RowT) -> list[str]:
        raise NotImplementedError

    def row_class(self, row: RowT) -> str | None:
        """A component class for the whole row (due, overdue, dim), or None."""
        return None

    def matcher(self, query: str) -> Callable[[RowT], bool]:
        """A predicate for the filter; by default nothing is filtered."""
        return lambda row: True

    def search_key(self, row: RowT) -> str | None:
        """The folded text the filter looks in, if the list has one (faster than `matcher`).

        With keys, each keystroke is a substring test per row, and typing more
        letters only looks among the rows the previous letters kept.
        """
        return None

    def key_of(self, row: RowT) -> object:
        return row

    # --- data ------------------------------------------------------------------

    @property
    def highlighted(self) -> RowT | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Replace the rows, keeping the cursor on the same row when it is still there."""
        current = self.highlighted
        key = self.key_of(current) if current is not None else None
        self._all = rows
        self._keys = None
        self._shown = None
        self._apply_filter()
        if key is not None:
            index = self._index_of(key)
            if index is not None:
                self._move_to(index, announce=False)
                return
        self._move_to(min(self.cursor, max(len(self.rows) - 1, 0)))

    def forget_search_keys(self) -> None:
        """What the rows are found by changed (a name, the journal read): fold them again."""
        self._keys = None
        self._shown = None
        if self.filter_text:
            self._apply_filter()

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self._apply_filter()
        self._move_to(0)

    def _apply_filter(self) -> None:
        query = fold(self.filter_text)
        if not query:
            self.rows = self._all
            self._shown = None
        elif (keys := self._search_keys()) is not None:
            shown = self._shown
            if shown is not None and query.startswith(shown[0]):
                kept = shown[1]  # more letters: only rows that matched fewer can match
            else:
                kept = list(range(len(keys)))
            for word in query.split():
                kept = [i for i in kept if word in keys[i]]
            self._shown = (query, kept)
            rows = self._all
            self.rows = [rows[i] for i in kept]
        else:
            keep = self.matcher(self.filter_text)
            self.rows = [r for r in self._all if keep(r)]
        self.virtual_size = Size(0, len(self.rows))
        self.refresh()

    def _search_keys(self) -> list[str] | None:
        if self._keys is None and self._all:
            first = self.search_key(self._all[0])
            if first is None:
                return None
            self._keys = [first, *(self.search_key(r) or "" for r in self._all[1:])]
        return self._keys

    def _index_of(self, key: object) -> int | None:
        """Where the row with this key is now: most often still under the cursor."""
        if 0 <= self.cursor < len(self.rows) and self.key_of(self.rows[self.cursor]) == key:
            return self.cursor
        return next((i for i, r in enumerate(self.rows) if self.key_of(r) == key), None)

    def select_key(self, key: object) -> bool:
        index = self._index_of(key)
        if index is None:
            return False
        self._move_to(index)
        return True

    # --- cursor ----------------------------------------------------------------

    def _move_to(self, index: int, announce: bool = True) -> None:
        index = max(0, min(index, len(self.rows) - 1)) if self.rows else 0
        self.cursor = index
        self._scroll_cursor_into_view()
        if announce:
            self.post_message(self.Highlighted(self, self.highlighted))  # type: ignore[arg-type]

    def _scroll_cursor_into_view(self) -> None:
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def action_jump(self, index: int) -> None:
        self._move_to(len(self.rows) - 1 if index < 0 else index)

    def action_choose(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.Chosen(self, row))  # type: ignore[arg-type]

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_choose()
            self._move_to(index)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self.rows))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # --- drawing ---------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        base = self.rich_style
        if not self.rows:
            if y == 0 and self.empty_text:
                style = base + self.get_component_rich_style("row-list--empty")
                return Strip([Segment(set_cell_size(" " + self.empty_text, width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        row_class = self.row_class(row)
        if row_class:
            style += self.get_component_rich_style(row_class)
        if index == self.cursor:
            name = "row-list--cursor" if self.has_focus else "row-list--cursor-blur"
            style += self.get_component_rich_style(name)
        return Strip([Segment(self._line(row, width), style)], width)

    def _line(self, row: RowT, width: int) -> str:
        cells = self.cells(row)
        widths = self.column_widths(width)
        parts = []
        used = 0
        for text, w in zip(cells, widths, strict=False):
            parts.append(_fit(one_line(text), w))
            used += w + 1
        last = one_line(cells[len(widths)]) if len(cells) > len(widths) else ""
        rest = max(width - used - 1, 0)
        if cell_len(last) > rest:
            last = set_cell_size(last, max(rest - 1, 0)) + "…"
        parts.append(last)
        return set_cell_size(" " + " ".join(parts), width)


def _fit(text: str, width: int) -> str:
    """A cell at its column's width; cut text says so with "…" (a name is never silently cut)."""
    if cell_len(text) > width > 1:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
