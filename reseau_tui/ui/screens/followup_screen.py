"""One follow-up with its message draft: edit it, copy it, mark it done keeping the text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import one_line, printable_lines
from reseau_tui.i18n import N_, _
from reseau_tui.services.followups import describe, draft
from reseau_tui.services.labels import state_label
from reseau_tui.services.sending import mail_link, profile_of
from reseau_tui.ui.decisions import ask_snooze, dismiss, mark_done
from reseau_tui.ui.host import Hosted
from reseau_tui.ui.keymap import hint
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.opener import Opener, system_opener
from reseau_tui.ui.widgets.safe_text_area import SafeTextArea

if TYPE_CHECKING:
    from textual.app import App

    from reseau_tui.ui.host import ReseauHost


class DraftEditor(SafeTextArea):
    """The draft; escape hands the keys back to the screen (c, d, z, x)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", N_("Stop editing"))]

    def __init__(self, text: str = "", **options: Any) -> None:
        # The draft quotes names and notes: shown without their control sequences.
        super().__init__(printable_lines(text), **options)

    def load_text(self, text: str) -> None:
        super().load_text(printable_lines(text))

    def action_leave(self) -> None:
        self.screen.set_focus(None)


class FollowUpScreen(TranslatedBindings, Hosted, ModalScreen[bool]):
    AUTO_FOCUS = ""  # keys act on the follow-up; e (or enter) edits the draft
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", N_("Copy draft"), id="copy-draft"),
        Binding("d", "done", N_("Done"), id="item-done"),
        Binding("z", "snooze", N_("Snooze"), id="item-snooze"),
        Binding("x", "dismiss_item", N_("Dismiss"), id="item-dismiss"),
        Binding("e", "edit", N_("Edit draft"), id="edit-draft"),
        Binding("o", "mail", N_("Open the draft in your mail client"), id="open-mail"),
        Binding("p", "profile", N_("Open their profile link"), id="open-profile"),
        Binding("escape", "close", N_("Close"), id="close-item"),
    ]

    def __init__(self, item: FollowUp, *, opener: Opener | None = None) -> None:
        super().__init__(classes="form-screen")
        self.item = item
        self._opener = opener

    def compose(self) -> ComposeResult:
        app = self.reseau
        state, now, tz = app.network.state, app.clock.now(), app.clock.tz
        view = describe(self.item, state, now, tz)
        with Vertical(classes="form"):
            yield Label(Content(one_line(f"{view.kind} · {view.person}")), classes="form-title")
            yield Static(
                Content(one_line(f"{state_label(self.item.state)} · {view.when} · {view.about}")),
                classes="subtitle",
            )
            yield DraftEditor(draft(self.item, state, tz), id="draft", soft_wrap=True)
            keys = hint(
                self.app,
                self.BINDINGS,
                ("copy-draft", N_("copy")),
                ("item-done", N_("done (keeps the text)")),
                ("item-snooze", N_("snooze")),
                ("item-dismiss", N_("dismiss")),
                ("edit-draft", N_("edit")),
                ("close-item", N_("close")),
            )
            sending = sending_keys(self.app, self.BINDINGS, self.item, state)
            yield Static(  # a Static wraps on a narrow screen, where a Label is cut
                Content(f"{sending} · {keys}" if sending else keys), classes="hint"
            )

    def on_mount(self) -> None:
        self.set_focus(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        editing = isinstance(self.focused, TextArea)
        if action in ("mail", "profile"):  # shown only for a contact with an address, a link
            return not editing and applies(action, self.item, self.reseau.network.state)
        return not (editing and action in ("copy", "done", "snooze", "dismiss_item", "edit"))

    @property
    def text(self) -> str:
        return self.query_one("#draft", TextArea).text

    def action_edit(self) -> None:
        self.query_one("#draft", TextArea).focus()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(_("Draft copied to the clipboard."), markup=False)

    def action_done(self) -> None:
        if mark_done(self.reseau, self.item, text=self.text):
            self.dismiss(True)

    def action_snooze(self) -> None:
        ask_snooze(self.reseau, self.item, lambda ok: self.dismiss(True) if ok else None)

    def action_dismiss_item(self) -> None:
        if dismiss(self.reseau, self.item):
            self.dismiss(True)

    def action_mail(self) -> None:
        self.notify(open_mail(self.reseau, self.item, self.text, self._opener), markup=False)

    def action_profile(self) -> None:
        self.notify(open_profile(self.reseau, self.item, self._opener), markup=False)

    def action_close(self) -> None:
        self.dismiss(False)


def applies(action: str, item: FollowUp, state: NetworkState) -> bool:
    """Whether `o` (a mail needs an address) or `p` (a profile link) can act on this item."""
    if action == "mail":
        return mail_link(item, state, "") is not None
    return profile_of(item, state) is not None


def sending_keys(
    app: App[Any], bindings: list[BindingType], item: FollowUp, state: NetworkState
) -> str:
    """ "o mail · p profile", or the one of them that applies, or nothing."""
    ids = {b.action: b.id for b in bindings if isinstance(b, Binding) and b.id}
    parts = [
        (ids[action], words)
        for action, words in (("mail", N_("mail")), ("profile", N_("profile")))
        if applies(action, item, state)
    ]
    return hint(app, bindings, *parts)


def open_mail(app: ReseauHost, item: FollowUp, text: str, opener: Opener | None) -> str:
    """Open the draft, as edited, in the mail client; what to tell the user. Marks nothing."""
    link = mail_link(item, app.network.state, text)
    if link is None:
        return _("No email address for this person: c copies the draft.")
    if (opener or system_opener(cast("App[object]", app)))(link):
        return _("The draft is open in your mail client. Once it is sent, d marks it done.")
    return _("No mail client could be opened from here: c copies the draft.")


def open_profile(app: ReseauHost, item: FollowUp, opener: Opener | None) -> str:
    """Open the person's profile link in the browser; what to tell the user."""
    link = profile_of(item, app.network.state)
    if link is None:
        return _("No profile link for this person.")
    if (opener or system_opener(cast("App[object]", app)))(link):
        return _("Profile opened: {link}", link=link)
    return _("No browser could be opened from here. The profile: {link}", link=link)
