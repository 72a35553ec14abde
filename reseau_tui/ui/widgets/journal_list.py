"""The journal pane: meetings, newest first; one still to come says "→ planned" and is dimmed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import ClassVar

from textual.binding import Binding, BindingType

from reseau_tui.domain.models import Meeting
from reseau_tui.domain.state import NetworkState
from reseau_tui.i18n import N_, _
from reseau_tui.services.humanize import short_day, short_day_width
from reseau_tui.services.labels import channel_label
from reseau_tui.services.overview import JournalIndex
from reseau_tui.ui.widgets.row_list import RowList


class JournalList(RowList[Meeting]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "ask('lead')", N_("Lead → contact"), id="lead-to-contact"),
        Binding("e", "ask('edit')", N_("Edit"), id="edit-meeting"),
        Binding("D,delete", "ask('delete')", N_("Delete"), id="delete-meeting"),
    ]

    class Asked(RowList.Asked):
        """The user asked for something on the highlighted meeting; the screen does it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state: NetworkState | None = None
        self.tz: tzinfo | None = None
        self.now: datetime | None = None
        self.with_year = True  # a column wide enough for "25 sept. 2025"
        self.index = JournalIndex()

    @property
    def empty_text(self) -> str:  # type: ignore[override]
        if self.filter_text:
            return _("No meeting matches this filter (escape clears it).")
        return _("No meetings logged yet: press m after a coffee or a call.")

    def show(
        self,
        meetings: list[Meeting],
        state: NetworkState,
        tz: tzinfo,
        now: datetime | None = None,
    ) -> None:
        """Meetings newest first; dates say the year only for another year than `now`'s."""
        self.state, self.tz, self.now = state, tz, now
        year = now.astimezone(tz).year if now else None
        ends = (meetings[0], meetings[-1]) if meetings else ()
        self.with_year = year is None or any(m.when.astimezone(tz).year != year for m in ends)
        self.set_rows(meetings)

    def key_of(self, row: Meeting) -> object:
        return row.id

    def column_widths(self, width: int) -> list[int]:
        people = max(min(26, width // 3), 12)
        day = short_day_width(self.with_year)
        return [day, people, 7] if width >= 56 else [day, people]

    def is_planned(self, row: Meeting) -> bool:
        """Still to come as of the last `show`: it owes nothing yet (the engine's rule)."""
        return self.now is not None and row.when > self.now

    def row_class(self, row: Meeting) -> str | None:
        return "row-list--dim" if self.is_planned(row) else None

    def cells(self, row: Meeting) -> list[str]:
        day = short_day(row.when, self.now, self.tz) if self.tz else ""
        people = ", ".join(self.state.names(row.contact_ids)) if self.state else ""
        summary = row.note or row.learned or row.advice or row.place
        if self.is_planned(row):
            summary = " ".join(x for x in ("→ " + _("planned"), summary) if x)
        if self.scrollable_content_region.width >= 56:
            return [day, people, channel_label(row.channel, short=True), summary]
        return [day, people, summary]

    def search_key(self, row: Meeting) -> str | None:
        return self.index.key(self.state, row) if self.state else None

    def matcher(self, query: str) -> Callable[[Meeting], bool]:
        if self.state is None:
            return lambda row: True
        return self.index.matcher(self.state, query)
