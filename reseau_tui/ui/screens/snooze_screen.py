"""Until when? Enter accepts the default (three days); any WHEN to come works.

The dialog reads what is typed as a date to come (`lundi` is next Monday) and
says, as you type, which day and time that is. A date it cannot read, or one
that has already passed, keeps the dialog open with the reason, so nothing is
snoozed to a day the user did not mean. It answers the instant, in ISO form,
which any WHEN reader takes as it is.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.text import one_line
from reseau_tui.domain.when import parse_when
from reseau_tui.i18n import N_, _, current_language
from reseau_tui.services.labels import moment_label, when_examples
from reseau_tui.ui.host import Hosted
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.widgets.safe_input import SafeInput


class SnoozeScreen(TranslatedBindings, Hosted, ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, default: timedelta) -> None:
        super().__init__(classes="dialog-screen")
        self.default = _("+{days}d", days=default.days)  # a WHEN offset: "+3j" in French

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Snooze until when?"), classes="dialog-title")
            yield SafeInput(value=self.default, id="until", compact=True)
            yield Static(id="until-meaning", classes="hint")
            yield Static(
                Content(_("Examples: {examples}", examples=when_examples(future=True))),
                classes="hint",
                id="until-examples",
            )

    def on_mount(self) -> None:
        self._explain(self.default)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._explain(event.value)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        try:
            until = self._read(event.value.strip() or self.default)
        except InvalidInput as exc:
            self._show(Content.styled(one_line(_(exc.template, **exc.values)), "$error"))
            return
        self.dismiss(until.isoformat())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _read(self, text: str) -> datetime:
        """The instant typed, which must be to come; `InvalidInput` says why not."""
        clock = self.reseau.clock
        now = clock.now()
        until = parse_when(text, now, clock.tz, language=current_language(), future=True)
        if until.timestamp() <= now.timestamp():
            raise InvalidInput(
                "until",
                "{moment} has already passed; pick a date to come",
                moment=moment_label(until, clock.tz),
            )
        return until

    def _explain(self, text: str) -> None:
        """Which day and time the text means, while it is typed (nothing if not yet a date)."""
        try:
            until = self._read(text.strip() or self.default)
        except InvalidInput:
            self._show(Content(""))
            return
        self._show(Content(_("Until {moment}", moment=moment_label(until, self.reseau.clock.tz))))

    def _show(self, content: Content) -> None:
        self.query_one("#until-meaning", Static).update(content)
