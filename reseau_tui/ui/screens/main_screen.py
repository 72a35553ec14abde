"""The main screen: contacts, journal and thank-you queue, with a detail area.

Two columns from 100 columns up; below that the panes stack and the focused one
takes the room, so 80x24 stays usable.
"""

from __future__ import annotations

import gc
from typing import ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget

from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.models import Meeting
from reseau_tui.i18n import N_, _
from reseau_tui.services.explain import damaged
from reseau_tui.services.overview import (
    SORTS,
    ContactRow,
    ContactRows,
    ContactSort,
    journal,
)
from reseau_tui.store import DamagedDatabase
from reseau_tui.ui.host import Hosted
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.messages import JournalReady, JournalUnreadable
from reseau_tui.ui.widgets.contact_list import ContactList
from reseau_tui.ui.widgets.detail_pane import DetailPane
from reseau_tui.ui.widgets.journal_list import JournalList
from reseau_tui.ui.widgets.key_footer import KeyFooter
from reseau_tui.ui.widgets.pane import Pane
from reseau_tui.ui.widgets.queue_list import QueueList
from reseau_tui.ui.widgets.row_list import RowList
from reseau_tui.ui.widgets.status_bar import StatusBar
from reseau_tui.ui.widgets.welcome import Welcome

NARROW = 100


class MainScreen(TranslatedBindings, Hosted, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "focus_pane('contacts')", N_("Contacts"), id="focus-contacts", show=False),
        Binding("2", "focus_pane('journal')", N_("Journal"), id="focus-journal", show=False),
        Binding("3", "focus_pane('queue')", N_("Queue"), id="focus-queue", show=False),
        Binding("slash", "filter", N_("Filter"), key_display="/", id="filter"),
        Binding("m", "log_meeting", N_("Meeting"), id="log-meeting"),
        Binding("n", "new_contact", N_("Contact"), id="new-contact"),
        Binding("u", "app.undo", N_("Undo the last change"), id="undo", show=False),
        Binding("U,ctrl+shift+z", "app.redo", N_("Redo what was undone"), id="redo", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.contacts = ContactList(id="contact-list")
        self.journal = JournalList(id="journal-list")
        self.queue_list = QueueList(id="queue-list")
        self.detail = DetailPane(id="detail")
        self.status = StatusBar(id="status")
        self.sort: ContactSort = "urgency"
        self._contact_rows = ContactRows()
        self.journal_contact: str | None = None
        self._detail_of: RowList[object] | None = None  # the list the detail area shows a row of
        self._shown: dict[str, tuple[object, ...]] = {}  # what each list was last given

    def compose(self) -> ComposeResult:
        with Vertical(id="left"):
            yield Pane(_("Contacts"), cast(RowList[object], self.contacts), id="contacts")
            yield Pane(_("Journal"), cast(RowList[object], self.journal), id="journal")
        with Vertical(id="right"):
            yield Pane(_("Thank-you queue"), cast(RowList[object], self.queue_list), id="queue")
            yield self.detail
        yield Welcome(id="welcome")
        yield self.status
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.detail.border_title = Content(_("Detail"))
        self.refresh_panes()
        self.reseau.update_status()
        self.contacts.focus()
        # After the frame that shows the contacts has been drawn, and then once more
        # idle: the journal's parsing would otherwise share the interpreter with it.
        self.call_after_refresh(self.call_after_refresh, self._warm_journal_index)

    @work(thread=True, exclusive=True, group="journal-index")
    def _warm_journal_index(self) -> None:
        """Once the screen is up: build the journal, keep the queue's findings, fold for `/`.

        The first frame shows contacts and the queue from what the previous run
        kept; 100,000 meetings arrive a moment later, without holding it up.
        """
        network = self.reseau.network
        if not network.state.journal_ready:
            try:
                network.warm()
            except DamagedDatabase as exc:  # written into in place by another program meanwhile
                self.post_message(JournalUnreadable(_(exc.problem, **exc.values)))
                return
            self.post_message(JournalReady())
        network.keep_findings()  # if the queue was scanned or caught up at start
        state = network.state
        self.journal.index.warm(state, state.journal())
        gc.freeze()  # 100,000 keys that live as long as the app: out of the collector's way

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    # --- showing -----------------------------------------------------------------------

    def refresh_panes(self) -> None:
        app = self.reseau
        network, queue = app.network, app.queue
        now, tz = app.clock.now(), app.clock.tz
        state = network.state
        empty = not state.contacts
        self.set_class(empty, "-empty")
        # A list is given new rows only when they changed (or the day did, for "3 days
        # ago"): redrawing 30,000 contacts and 100,000 meetings because one follow-up
        # became due would cost the timer a frame each time.
        day = now.astimezone(tz).date()
        rows = self._contact_rows.rows(state, queue, self.sort)
        if self._changed("contacts", state, self._contact_rows.revision, day):
            self.contacts.show(rows, state, now, tz)
        if self._changed("queue", state, state.contacts_version, queue.items, day):
            self.queue_list.show(queue.items, state, now, tz)
        if self._shown.get("journal") != self._journal_signature():
            self._show_journal()
        overdue, due = queue.owed
        self.query_one("#queue", Pane).title = _(
            "Thank-you queue · {overdue} overdue · {due} due", overdue=overdue, due=due
        )
        for pane in self.query(Pane):
            pane.update_title()
        self._title_contacts()
        self._update_detail()

    def on_journal_unreadable(self, message: JournalUnreadable) -> None:
        """Nothing can be changed safely without the journal: stop, as for a damaged file.

        No change is lost: any change would have needed the journal read first.
        """
        text = _("reseau: {message}", message=damaged(self.reseau.network.path, message.problem))
        self.app.exit(return_code=1, message=text)

    def on_journal_ready(self, _message: JournalReady) -> None:
        self._show_journal()
        self.queue_list.forget_search_keys()  # what each follow-up is about: "…" until now
        self.queue_list.refresh()
        self._update_detail()

    def _changed(self, name: str, *signature: object) -> bool:
        """Whether a list's inputs changed; lists and records compare by identity (cheap)."""
        old = self._shown.get(name)
        if old is not None and len(old) == len(signature):
            pairs = zip(old, signature, strict=True)
            if all(a is b or (not isinstance(a, list) and a == b) for a, b in pairs):
                return False
        self._shown[name] = signature
        return True

    def _journal_signature(self) -> tuple[object, ...]:
        state = self.reseau.network.state
        return (state, state.version, state.journal_ready, self.journal_contact)

    def _show_journal(self) -> None:
        app = self.reseau
        state = app.network.state
        if self.journal_contact not in state.contacts:
            self.journal_contact = None
        ready = state.journal_ready
        meetings = journal(state, self.journal_contact) if ready else []
        self.journal.show(meetings, state, app.clock.tz, app.clock.now())
        pane = self.query_one("#journal", Pane)
        if not ready:
            pane.title = _("Journal · loading…")
        elif self.journal_contact:
            pane.title = _("Journal · with {name}", name=state.contacts[self.journal_contact].name)
        else:
            pane.title = _("Journal · everyone")
        pane.update_title()
        self._shown["journal"] = self._journal_signature()

    def _title_contacts(self) -> None:
        pane = self.query_one("#contacts", Pane)
        label = {
            "urgency": _("by urgency"),
            "name": _("by name"),
            "recent": _("by last interaction"),
        }[self.sort]
        pane.title = f"{_('Contacts')} ({label})"
        pane.update_title()

    def _update_detail(self) -> None:
        """Show what the focused list points at; with the detail itself focused, keep it.

        Moving into the detail area (tab, to scroll a long draft) must not swap
        its content for a row of another list.
        """
        app = self.reseau
        state, now, tz = app.network.state, app.clock.now(), app.clock.tz
        lists: tuple[RowList[object], ...] = (
            cast(RowList[object], self.queue_list),
            cast(RowList[object], self.contacts),
            cast(RowList[object], self.journal),
        )
        if self.focused in lists:
            self._detail_of = cast(RowList[object], self.focused)
        focused = self._detail_of
        if focused is self.queue_list and self.queue_list.highlighted:
            self.detail.show_item(self.queue_list.highlighted, state, now, tz)
        elif focused is self.contacts and self.contacts.highlighted:
            row = self.contacts.highlighted
            self.detail.show_contact(row.contact, state, now, tz, app.queue)
        elif focused in (self.journal, None) and self.journal.highlighted:
            self.detail.show_meeting(self.journal.highlighted, state, tz)
        else:
            self.detail.clear(_("Select a contact, a meeting or a follow-up to see it here."))

    @on(RowList.Highlighted)
    def _highlighted(self, event: RowList.Highlighted) -> None:
        if event.row_list is self.contacts and self.focused is self.contacts:
            row = self.contacts.highlighted
            contact_id = row.contact.id if row else None
            if contact_id != self.journal_contact:
                self.journal_contact = contact_id
                self._show_journal()
        self._update_detail()

    def _mark_active(self) -> None:
        """The pane (and column) holding the focus is the one in use: it keeps the room."""
        focused = self.focused
        if focused is None:
            return  # the terminal lost focus: the pane in use stays as it was
        for pane_id in ("#contacts", "#journal", "#queue", "#detail", "#left", "#right"):
            node = self.query_one(pane_id)
            node.set_class(focused is node or node in focused.ancestors, "-active")

    def on_descendant_focus(self) -> None:
        self._mark_active()
        if self.focused is self.contacts:
            row = self.contacts.highlighted
            contact_id = row.contact.id if row else None
            if contact_id != self.journal_contact:
                self.journal_contact = contact_id
                self._show_journal()
        elif self.focused is self.queue_list and self.journal_contact is not None:
            self.journal_contact = None
            self._show_journal()
        self._update_detail()

    @on(RowList.Chosen)
    def _chosen(self, event: RowList.Chosen) -> None:
        if isinstance(event.row, FollowUp):
            self.open_item(event.row)
        elif isinstance(event.row, ContactRow):
            self.action_edit_contact()
        elif isinstance(event.row, Meeting):
            self.detail.focus()

    # --- actions -----------------------------------------------------------------------

    def action_focus_pane(self, name: str) -> None:
        """`1`, `2`, `3`; `2` opens the whole journal (tab from a contact shows theirs)."""
        if name == "journal" and self.journal_contact is not None:
            self.journal_contact = None
            self._show_journal()
        panes: dict[str, Widget] = {
            "contacts": self.contacts,
            "journal": self.journal,
            "queue": self.queue_list,
        }
        panes[name].focus()

    def action_filter(self) -> None:
        for pane in self.query(Pane):
            if pane.row_list is self.focused or pane.has_focus_within:
                pane.start_filter()
                return
        self.query_one("#contacts", Pane).start_filter()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_panes()

    def action_new_contact(self) -> None:
        from reseau_tui.ui.screens.contact_form import ContactForm

        self.app.push_screen(ContactForm(None))

    def action_edit_contact(self) -> None:
        from reseau_tui.ui.screens.contact_form import ContactForm

        row = self.contacts.highlighted
        if row is None:
            self.notify(_("Select a contact first."), markup=False)
            return
        self.app.push_screen(ContactForm(row.contact))

    def action_archive(self) -> None:
        row = self.contacts.highlighted
        if row is None:
            return
        archived = not row.contact.archived
        contact_id = row.contact.id
        if self.reseau.change(lambda n: n.set_archived(contact_id, archived)):
            message = _("Archived {name}.") if archived else _("Restored {name}.")
            self.notify(message.format(name=row.contact.name), markup=False)

    def action_log_meeting(self) -> None:
        from reseau_tui.ui.screens.meeting_form import MeetingForm

        row = self.contacts.highlighted if self.focused is self.contacts else None
        if row is None and self.journal_contact:
            preselected = self.reseau.network.state.contacts.get(self.journal_contact)
        else:
            preselected = row.contact if row else None
        self.app.push_screen(MeetingForm(preselected))

    def action_lead_to_contact(self) -> None:
        """Turn a lead from the selected meeting into a contact, introduced by who gave it."""
        from reseau_tui.services.matching import lead_contacts
        from reseau_tui.ui.screens.contact_form import ContactForm
        from reseau_tui.ui.screens.pick_screen import PickScreen

        meeting = self.journal.highlighted
        if meeting is None or not meeting.leads:
            self.notify(_("This meeting has no leads."), markup=False)
            return
        introducer = meeting.contact_ids[0]

        def picked(lead: str | None) -> None:
            if lead:  # one that is a contact already: the form says so and offers them
                self.app.push_screen(ContactForm(None, name=lead, introduced_by=introducer))

        if len(meeting.leads) == 1:
            picked(meeting.leads[0])
        else:
            known = lead_contacts(self.reseau.network.state, meeting.leads)
            labels = [_("{lead} ✓ contact", lead=x) if x in known else x for x in meeting.leads]
            self.app.push_screen(PickScreen(_("Which lead?"), list(meeting.leads), labels), picked)

    def action_edit_meeting(self) -> None:
        """`e` on the journal: the meeting form, filled in with the highlighted meeting."""
        from reseau_tui.ui import meeting_actions

        if self.journal.highlighted is not None:
            meeting_actions.edit(self.reseau, self.journal.highlighted)

    def action_delete_meeting(self) -> None:
        """`D` on the journal: delete the highlighted meeting, once the user said yes."""
        from reseau_tui.ui import meeting_actions

        if self.journal.highlighted is not None:
            meeting_actions.delete(self.reseau, self.journal.highlighted)

    def _item(self) -> FollowUp | None:
        item = self.queue_list.highlighted
        if item is None:
            self.notify(_("Select a follow-up in the queue first."), markup=False)
        return item

    def open_item(self, item: FollowUp) -> None:
        from reseau_tui.ui.screens.followup_screen import FollowUpScreen

        self.app.push_screen(FollowUpScreen(item))

    @on(ContactList.Asked)
    def _contact_asked(self, message: ContactList.Asked) -> None:
        message.stop()
        {
            "edit": self.action_edit_contact,
            "archive": self.action_archive,
            "sort": self.action_cycle_sort,
        }[message.what]()

    @on(JournalList.Asked)
    def _meeting_asked(self, message: JournalList.Asked) -> None:
        message.stop()
        {
            "lead": self.action_lead_to_contact,
            "edit": self.action_edit_meeting,
            "delete": self.action_delete_meeting,
        }[message.what]()

    @on(QueueList.Asked)
    def _decide(self, message: QueueList.Asked) -> None:
        message.stop()
        {
            "done": self.action_done,
            "snooze": self.action_snooze,
            "dismiss": self.action_dismiss_item,
        }[message.what]()

    def action_done(self) -> None:
        item = self._item()
        if item is not None:
            from reseau_tui.ui.decisions import mark_done

            mark_done(self.reseau, item)

    def action_snooze(self) -> None:
        item = self._item()
        if item is not None:
            from reseau_tui.ui.decisions import ask_snooze

            ask_snooze(self.reseau, item)

    def action_dismiss_item(self) -> None:
        item = self._item()
        if item is not None:
            from reseau_tui.ui.decisions import dismiss

            dismiss(self.reseau, item)
