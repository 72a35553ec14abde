"""The contacts pane: who they are, when you last met, and what you owe them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import ClassVar

from textual.binding import Binding, BindingType

from reseau_tui.domain.state import NetworkState
from reseau_tui.i18n import N_, _
from reseau_tui.services.humanize import relative_day
from reseau_tui.services.labels import circle_label
from reseau_tui.services.overview import ContactRow, contact_matcher
from reseau_tui.ui.widgets.row_list import RowList

MARKERS = {"overdue": "●", "due": "○"}


class ContactList(RowList[ContactRow]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "ask('edit')", N_("Edit"), id="edit-contact"),
        Binding("a", "ask('archive')", N_("Archive"), id="archive", show=False),
        Binding("s", "ask('sort')", N_("Sort"), id="sort-contacts"),
    ]

    class Asked(RowList.Asked):
        """The user asked for something on the highlighted contact; the screen does it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state: NetworkState | None = None
        self.now: datetime | None = None
        self.tz: tzinfo | None = None

    @property
    def empty_text(self) -> str:  # type: ignore[override]
        if self.filter_text:
            return _("No contact matches this filter (escape clears it).")
        return _("No contacts yet: press n to add one.")

    def show(self, rows: list[ContactRow], state: NetworkState, now: datetime, tz: tzinfo) -> None:
        self.state, self.now, self.tz = state, now, tz
        self.set_rows(rows)

    def key_of(self, row: ContactRow) -> object:
        return row.contact.id

    def column_widths(self, width: int) -> list[int]:
        if width < 44:
            return [1, max(width - 16, 10)]
        name = max(min(26, width // 3), 14)
        company = max(min(18, (width - name) // 3), 8)
        if width < 80:
            return [1, name, company]
        role = max(min(22, (width - name - company) // 3), 8)
        if width < 110:
            return [1, name, company, role]
        return [1, name, company, role, 16]

    def cells(self, row: ContactRow) -> list[str]:
        c = row.contact
        marker = MARKERS.get(row.need or "", "·" if row.owed else " ")
        last = (
            relative_day(row.last, self.now, self.tz) if row.last and self.now and self.tz else ""
        )
        name = c.name + (" " + _("(archived)") if c.archived else "")
        width = self.scrollable_content_region.width
        if width < 44:
            return [marker, name, last]
        if width < 80:
            return [marker, name, c.company, last]
        if width < 110:
            return [marker, name, c.company, c.role, last]
        return [marker, name, c.company, c.role, circle_label(c.circle), last]

    def row_class(self, row: ContactRow) -> str | None:
        if row.contact.archived:
            return "row-list--dim"
        if row.need == "overdue":
            return "row-list--overdue"
        if row.need == "due":
            return "row-list--due"
        return None

    def search_key(self, row: ContactRow) -> str | None:
        return self.state.search_keys.get(row.contact.id, "") if self.state else None

    def matcher(self, query: str) -> Callable[[ContactRow], bool]:
        if self.state is None:
            return lambda row: True
        return contact_matcher(self.state, query)
