"""Every key, grouped by where it works; built from the bindings themselves, so it never drifts."""

from __future__ import annotations

import textwrap
from typing import Any, ClassVar

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reseau_tui.i18n import N_, _
from reseau_tui.ui.keymap import key_for, key_name, shown_keys
from reseau_tui.ui.localize import TranslatedBindings

__all__ = ["HelpScreen", "binding_sections", "key_name"]


def binding_sections(
    app_bindings: list[BindingType], app: App[Any] | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key by where it works; the app's own come from the running app (no import of it)."""
    from reseau_tui.ui.screens.followup_screen import FollowUpScreen
    from reseau_tui.ui.screens.main_screen import MainScreen
    from reseau_tui.ui.screens.meeting_form import MeetingForm
    from reseau_tui.ui.screens.review_screen import ReviewScreen
    from reseau_tui.ui.screens.settings_screen import SettingsScreen
    from reseau_tui.ui.widgets.contact_list import ContactList
    from reseau_tui.ui.widgets.journal_list import JournalList
    from reseau_tui.ui.widgets.queue_list import QueueList
    from reseau_tui.ui.widgets.row_list import RowList

    def rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
        return [(_keys(b), _(b.description)) for b in bindings if isinstance(b, Binding)]

    def _keys(binding: Binding) -> str:
        return shown_keys(app, binding)

    extra = [
        ("tab / shift+tab", _("Next / previous pane")),
        ("ctrl+p", _("Command palette: every action, themes, language")),
        (key_name("escape"), _("Clear the filter")),
    ]
    lists = [
        ("↑ ↓ / j k", _("Move")),
        (f"{key_name('pageup')} / {key_name('pagedown')}", _("Page")),
        (f"{key_name('home')} / {key_name('end')}", _("First / last")),
    ]
    return [
        (_("Everywhere"), rows(app_bindings) + rows(MainScreen.BINDINGS) + extra),
        (
            _("In a list"),
            lists
            + [
                (_keys(b), _(b.description))
                for b in RowList.BINDINGS
                if isinstance(b, Binding) and b.key == "enter"
            ],
        ),
        (_("Contacts"), rows(ContactList.BINDINGS)),
        (
            _("Journal"),
            [
                *rows(JournalList.BINDINGS),
                (key_name("enter"), _("Read the whole meeting in the detail area")),
            ],
        ),
        (_("Thank-you queue"), rows(QueueList.BINDINGS)),
        (_("A follow-up (enter on the queue)"), rows(FollowUpScreen.BINDINGS)),
        (
            _("Daily review ({key})", key=key_for(app, app_bindings, "review")),
            rows(ReviewScreen.BINDINGS),
        ),
        (
            _("Settings (ctrl+p → Settings)"),
            [
                (key_name("enter"), _("Change the highlighted setting")),
                *rows(SettingsScreen.BINDINGS),
            ],
        ),
        (
            _("Log a meeting ({key})", key=key_for(app, MainScreen.BINDINGS, "log-meeting")),
            [
                *rows(MeetingForm.BINDINGS),
                (key_name("enter"), _("Pick the highlighted name")),
                ("tab", _("Next field")),
            ],
        ),
    ]


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", N_("Close"), id="close-help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._width = 0  # the width the page was laid out for; 0: not wrapped yet

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form help"):
            yield Static(self.page(None))

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Lay the page out again for the room it has (a phone's 50 columns wrap the words)."""
        width = self.query_one(VerticalScroll).scrollable_content_region.width
        if width > 0 and width != self._width:
            self._width = width
            self.query_one(Static).update(self.page(width))

    def page(self, width: int | None) -> Content:
        """Every key and its words; words too long for `width` go on under themselves."""
        parts: list[Content] = [Content.styled(_("reseau: every key"), "bold $accent"), Content("")]
        sections = binding_sections(list(type(self.app).BINDINGS), self.app)
        # One column for the keys, as wide as the widest in this language ("page préc. /
        # page suiv." is longer than "page up / page down") and two spaces before the words.
        keys = max(cell_len(key) for _title, rows in sections for key, _words in rows) + 2
        for title, rows in sections:
            parts.append(Content.styled(title, "bold"))
            for key, description in rows:
                padded = key + " " * (keys - cell_len(key))
                room = (width or 0) - 2 - keys
                lines = textwrap.wrap(description, room) if room >= 12 else [description]
                parts.append(
                    Content.assemble((f"  {padded}", "$accent"), lines[0] if lines else "")
                )
                parts.extend(Content(" " * (2 + keys) + line) for line in lines[1:])
            parts.append(Content(""))
        closing = key_for(self.app, self.BINDINGS, "close-help")
        parts.append(Content.styled(_("{key} closes this screen", key=closing), "$text-muted"))
        return Content("\n").join(parts)

    def action_close(self) -> None:
        self.dismiss(None)
