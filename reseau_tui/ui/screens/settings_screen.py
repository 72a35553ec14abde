"""Settings: the rules of the queue, listed with their values, changed where they are read.

enter edits the highlighted setting in a field under the list, checked by the
same rules as `reseau settings` (a refused value keeps the field open and says
why); r puts it back to its default; a adds a circle of one's own, x removes
one. Each change is one operation, and the queue follows at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.i18n import N_, _
from reseau_tui.services.network import Network
from reseau_tui.services.settings import (
    SettingView,
    add_circle,
    change_setting,
    list_settings,
    remove_circle,
    reset_setting,
)
from reseau_tui.ui.host import Hosted
from reseau_tui.ui.keymap import hint
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.widgets.safe_input import SafeInput
from reseau_tui.ui.widgets.settings_list import SettingsList, shown_value

if TYPE_CHECKING:
    from collections.abc import Callable


Mode = Literal["edit", "add"]


class SettingsScreen(TranslatedBindings, Hosted, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reset", N_("Back to the default"), id="reset-setting"),
        Binding("a", "add_circle", N_("Add a circle"), id="add-circle"),
        Binding("x", "remove_circle", N_("Remove a circle you added"), id="remove-circle"),
        Binding("escape", "close", N_("Close"), id="close-settings"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="form-screen")
        self.mode: Mode | None = None  # what the field under the list is for, when open
        self.editing: str | None = None  # the key being edited

    def compose(self) -> ComposeResult:
        with Vertical(classes="form settings"):
            yield Label(_("Settings: the rules of the queue"), classes="form-title")
            yield SettingsList(id="settings-list")
            with Vertical(classes="form-foot"):
                yield Label(id="setting-prompt", classes="field-label")
                yield SafeInput(compact=True, id="setting-value")
                yield Static(id="notice", classes="form-notice")
                yield Label(
                    hint(
                        self.app,
                        self.BINDINGS,
                        _("enter edit"),
                        ("reset-setting", N_("default")),
                        ("add-circle", N_("add a circle")),
                        ("remove-circle", N_("remove a circle")),
                        ("close-settings", N_("close")),
                    ),
                    classes="hint",
                )

    def on_mount(self) -> None:
        self._close_field()
        self._show()
        self.query_one(SettingsList).focus()

    def _show(self) -> None:
        self.query_one(SettingsList).show(list_settings(self.reseau.network.state.settings))

    def _say(self, text: str | None, *, warning: bool = False) -> None:
        notice = self.query_one("#notice", Static)
        notice.display = text is not None
        notice.set_class(warning, "-warning")
        notice.update(Content(text or ""))

    def _open_field(self, mode: Mode, prompt: str, value: str) -> None:
        self.mode = mode
        label = self.query_one("#setting-prompt", Label)
        label.update(Content(prompt))
        label.display = True
        field = self.query_one("#setting-value", Input)
        field.value = value
        field.display = True
        field.focus()

    def _close_field(self) -> None:
        self.mode, self.editing = None, None
        self.query_one("#setting-prompt").display = False
        self.query_one("#setting-value").display = False
        self.query_one(SettingsList).focus()

    def _apply(self, do: Callable[[Network], object], saved: str) -> bool:
        """One change through the app; a refused value is said here, nothing written."""
        refused: list[InvalidInput] = []

        def checked(network: Network) -> object:
            try:
                return do(network)
            except InvalidInput as exc:
                refused.append(exc)
                return None

        self.reseau.change(checked, tell=lambda _result: (_("Saved: {what}", what=saved), saved))
        if refused:
            exc = refused[0]
            self._say(_(exc.template, **exc.values), warning=True)
            return False
        self._show()
        self._say(saved)
        return True

    # --- the keys ------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#settings-list")
    def _chosen(self) -> None:
        view = self.query_one(SettingsList).highlighted_view
        if view is None:
            return
        if not view.settable:
            self._say(view.about, warning=True)
            return
        self.editing = view.key
        self._say(None)
        self._open_field(
            "edit",
            _("{key} (enter saves, escape leaves it):", key=view.key),
            shown_value(view, view.value) if view.kind != "text" else str(view.value or ""),
        )

    @on(Input.Submitted, "#setting-value")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if self.mode == "edit" and self.editing is not None:
            key = self.editing

            def change(network: Network) -> SettingView:
                return change_setting(network, key, text)

            if self._apply(change, _("{key} is now {value}.", key=key, value=text.strip())):
                self._close_field()
        elif self.mode == "add":
            words = text.split()
            days = int(words.pop()) if len(words) > 1 and words[-1].isdigit() else None
            name = " ".join(words)

            def add(network: Network) -> str:
                return add_circle(network, name, days)

            if self._apply(add, _("The circle {name} is added.", name=name)):
                self._close_field()

    def action_reset(self) -> None:
        view = self.query_one(SettingsList).highlighted_view
        if view is None or self.mode is not None:
            return
        key = view.key
        self._apply(
            lambda network: reset_setting(network, key),
            _("{key} is back to its default.", key=key),
        )

    def action_add_circle(self) -> None:
        if self.mode is not None:
            return
        self._say(None)
        self._open_field(
            "add", _("New circle: its name, then its days between contacts if any:"), ""
        )

    def action_remove_circle(self) -> None:
        view = self.query_one(SettingsList).highlighted_view
        if view is None or self.mode is not None:
            return
        if view.circle is None:
            self._say(_("Highlight one of the circle's lines first."), warning=True)
            return
        from reseau_tui.ui.screens.confirm_screen import ConfirmScreen

        circle = view.circle

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(
                    lambda network: remove_circle(network, circle),
                    _("The circle {name} is removed.", name=circle),
                )

        self.app.push_screen(ConfirmScreen(_("Remove the circle {name}?", name=circle)), answered)

    def action_close(self) -> None:
        if self.mode is not None:
            self._close_field()
            return
        self.dismiss(None)
