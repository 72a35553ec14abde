"""The daily review: each due or overdue follow-up in turn, one key per decision."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.text import one_line
from reseau_tui.i18n import N_, _, n_
from reseau_tui.services.followups import describe, draft
from reseau_tui.services.labels import state_label
from reseau_tui.ui.decisions import ask_snooze, dismiss, mark_done
from reseau_tui.ui.host import Hosted
from reseau_tui.ui.keymap import hint, key_list
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.opener import Opener
from reseau_tui.ui.screens.followup_screen import (
    DraftEditor,
    applies,
    open_mail,
    open_profile,
    sending_keys,
)


def KEYS(app: App[Any]) -> str:
    """ "d done · c copy · …" with the keys bound now (the user's `[keys]` included)."""
    return hint(
        app,
        ReviewScreen.BINDINGS,
        ("review-done", N_("done")),
        ("review-copy", N_("copy")),
        ("review-snooze", N_("snooze")),
        ("review-dismiss", N_("dismiss")),
        ("review-skip", N_("skip")),
        ("review-edit", N_("edit")),
        ("review-finish", N_("finish")),
    )


class ReviewScreen(TranslatedBindings, Hosted, ModalScreen[None]):
    AUTO_FOCUS = ""  # keys act on the follow-up; e (or enter) edits the draft
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "done", N_("Done"), id="review-done"),
        Binding("c", "copy", N_("Copy"), id="review-copy"),
        Binding("z", "snooze", N_("Snooze"), id="review-snooze"),
        Binding("x", "dismiss_item", N_("Dismiss"), id="review-dismiss"),
        Binding("s,space", "skip", N_("Skip"), id="review-skip"),
        Binding("e", "edit", N_("Edit draft"), id="review-edit"),
        Binding("o", "mail", N_("Open the draft in your mail client"), id="review-mail"),
        Binding("p", "profile", N_("Open their profile link"), id="review-profile"),
        Binding("escape,q", "finish", N_("Finish"), id="review-finish"),
    ]

    def __init__(self, items: list[FollowUp], *, opener: Opener | None = None) -> None:
        super().__init__(classes="form-screen")
        self._opener = opener
        self.items = list(items)
        self.position = 0
        self.counts = {"thanked": 0, "done": 0, "snoozed": 0, "dismissed": 0, "skipped": 0}
        self.finished = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(id="review-title", classes="form-title")
            yield Static(id="review-about", classes="subtitle")
            yield DraftEditor(id="draft", soft_wrap=True)
            yield Static(id="review-summary")
            yield Static(id="review-last", classes="hint")  # what the last key did
            # a Static wraps on a narrow screen, where a Label is cut
            yield Static(Content(KEYS(self.app)), classes="hint", id="review-keys")

    def on_mount(self) -> None:
        self.show_current()

    @property
    def current(self) -> FollowUp | None:
        return self.items[self.position] if self.position < len(self.items) else None

    def show_current(self) -> None:
        item = self.current
        if item is None:
            self.show_summary()
            return
        app = self.reseau
        state, now, tz = app.network.state, app.clock.now(), app.clock.tz
        view = describe(item, state, now, tz)
        title = _(
            "{n} of {total} · {kind} · {person}",
            n=self.position + 1,
            total=len(self.items),
            kind=view.kind,
            person=view.person,
        )
        self.query_one("#review-title", Label).update(Content(one_line(title)))
        self.query_one("#review-about", Static).update(
            Content(one_line(f"{state_label(item.state)} · {view.when} · {view.about}"))
        )
        editor = self.query_one("#draft", TextArea)
        editor.load_text(draft(item, state, tz))
        editor.display = True
        self.query_one("#review-summary", Static).display = False
        sending = sending_keys(self.app, self.BINDINGS, item, state)  # o, p when they apply
        keys = KEYS(self.app)
        self.query_one("#review-keys", Static).update(
            Content(f"{sending} · {keys}" if sending else keys)
        )
        self.set_focus(None)
        self.refresh_bindings()

    def summary_text(self) -> str:
        """ "4 thanked, 1 snoozed, 0 dismissed, 2 left" (news and promises done count apart)."""
        c = self.counts
        left = len(self.items) - c["thanked"] - c["done"] - c["snoozed"] - c["dismissed"]
        parts = [n_("{count} thanked", "{count} thanked", c["thanked"])]
        if c["done"]:
            parts.append(n_("{count} other done", "{count} others done", c["done"]))
        parts += [
            n_("{count} snoozed", "{count} snoozed", c["snoozed"]),
            n_("{count} dismissed", "{count} dismissed", c["dismissed"]),
            n_("{count} left", "{count} left", left),
        ]
        return ", ".join(parts)

    def show_summary(self) -> None:
        self.finished = True
        self.query_one("#review-title", Label).update(Content(_("Review finished")))
        self.query_one("#review-about", Static).update(Content(""))
        self.query_one("#draft", TextArea).display = False
        summary = self.query_one("#review-summary", Static)
        summary.update(Content.styled(self.summary_text(), "bold"))
        summary.display = True
        keys = key_list(self.app, self.BINDINGS, "review-finish", sep=_(" or "))
        self.query_one("#review-keys", Static).update(Content(_("{keys} to close", keys=keys)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "finish":
            return True
        if self.finished:
            return False
        editing = isinstance(self.focused, TextArea)
        if action in ("mail", "profile"):
            item = self.current
            state = self.reseau.network.state
            return not editing and item is not None and applies(action, item, state)
        return not editing

    def tell(self, text: str) -> None:
        """What the last decision did, on this screen (not a toast over the next draft)."""
        self.query_one("#review-last", Static).update(Content(one_line(text)))

    def _advance(self, outcome: str) -> None:
        self.counts[outcome] += 1
        self.position += 1
        self.show_current()

    def action_done(self) -> None:
        item = self.current
        text = self.query_one("#draft", TextArea).text
        if item and mark_done(self.reseau, item, text=text, tell=self.tell):
            self._advance("thanked" if item.kind in ("thank", "thank-introducer") else "done")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.query_one("#draft", TextArea).text)
        self.tell(_("Draft copied to the clipboard."))

    def action_snooze(self) -> None:
        item = self.current
        if item:
            ask_snooze(
                self.reseau,
                item,
                lambda ok: self._advance("snoozed") if ok else None,
                tell=self.tell,
            )

    def action_dismiss_item(self) -> None:
        item = self.current
        if item and dismiss(self.reseau, item, tell=self.tell):
            self._advance("dismissed")

    def action_skip(self) -> None:
        if self.current:
            self._advance("skipped")

    def action_edit(self) -> None:
        self.query_one("#draft", TextArea).focus()

    def action_mail(self) -> None:
        item = self.current
        if item:
            text = self.query_one("#draft", TextArea).text
            self.tell(open_mail(self.reseau, item, text, self._opener))

    def action_profile(self) -> None:
        item = self.current
        if item:
            self.tell(open_profile(self.reseau, item, self._opener))

    def action_finish(self) -> None:
        if not self.finished and self.position < len(self.items):
            self.show_summary()
            return
        self.dismiss(None)
