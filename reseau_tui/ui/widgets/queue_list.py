"""The thank-you queue pane: overdue first, with who, how late, and what about."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import ClassVar

from textual.binding import Binding, BindingType

from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import fold
from reseau_tui.i18n import N_, _
from reseau_tui.services.followups import describe
from reseau_tui.ui.widgets.row_list import RowList

MARKERS = {"overdue": "●", "due": "○", "upcoming": " ", "snoozed": "z"}


class QueueList(RowList[FollowUp]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", N_("Open"), id="open-item"),
        Binding("d", "ask('done')", N_("Done"), id="done"),
        Binding("z", "ask('snooze')", N_("Snooze"), id="snooze"),
        Binding("x", "ask('dismiss')", N_("Dismiss"), id="dismiss"),
    ]

    class Asked(RowList.Asked):
        """The user decided about the highlighted follow-up; the screen carries it out."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state: NetworkState | None = None
        self.now: datetime | None = None
        self.tz: tzinfo | None = None

    @property
    def empty_text(self) -> str:  # type: ignore[override]
        return _("Nothing owed right now. Well done.")

    def show(self, items: list[FollowUp], state: NetworkState, now: datetime, tz: tzinfo) -> None:
        self.state, self.now, self.tz = state, now, tz
        self.set_rows(items)

    def key_of(self, row: FollowUp) -> object:
        return row.id

    def search_key(self, row: FollowUp) -> str | None:
        """`/` finds an item by its person, its kind, and what it is about (its meeting's text)."""
        if self.state is None or self.now is None or self.tz is None:
            return fold(row.kind)
        view = describe(row, self.state, self.now, self.tz, wait=False)
        words = [view.person, view.kind, row.kind, view.about]
        meeting = self.state.meeting(row.meeting_id or "", wait=False)
        if meeting is not None:  # the meeting it comes from, as the journal finds it
            words += [meeting.note, meeting.learned, meeting.advice, *meeting.leads]
        return fold(" \x1f ".join(words))

    def column_widths(self, width: int) -> list[int]:
        # "when" is wide enough for "overdue since 14:30" and "until 12 Dec" in its short form.
        if width < 56:
            return [1, 16, max(width - 36, 8)]
        return [1, 16, 17, 17]

    def cells(self, row: FollowUp) -> list[str]:
        if self.state is None or self.now is None or self.tz is None:
            return [row.id]
        view = describe(row, self.state, self.now, self.tz, short=True, wait=False)
        marker = MARKERS.get(row.state, " ")
        if self.scrollable_content_region.width < 66:  # no room to say what about: the detail does
            return [marker, view.kind, view.person, view.when]
        return [marker, view.kind, view.person, view.when, view.about]

    def row_class(self, row: FollowUp) -> str | None:
        if row.state == "overdue":
            return "row-list--overdue"
        if row.state == "due":
            return "row-list--due"
        return "row-list--dim"
