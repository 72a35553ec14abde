"""Quick capture: log a meeting from the café doorstep.

`m`, a few letters of the name, enter, the note, ctrl+s. Everything else is
optional and reachable with tab. Names that match nobody can be created on the
spot, with who introduced them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import CHANNELS, Contact, Meeting
from reseau_tui.domain.text import one_line
from reseau_tui.domain.when import parse_when
from reseau_tui.i18n import N_, _, current_language
from reseau_tui.services import journal
from reseau_tui.services.journal import Logged, NewPerson
from reseau_tui.services.labels import channel_label, when_examples
from reseau_tui.services.matching import AmbiguousName, NameNotFound, resolve_name, suggest
from reseau_tui.services.network import Network
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.widgets.safe_input import SafeInput
from reseau_tui.ui.widgets.safe_text_area import SafeTextArea

if TYPE_CHECKING:
    from reseau_tui.ui.app import ReseauApp

NEW = "\x00new"


@dataclass
class Person:
    name: str
    contact_id: str | None  # None: created on save


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ";").split(";") if part.strip()]


class WhoInput(SafeInput):
    """The name field: up/down move through the suggestions below it."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("down", "up"):
            screen = self.screen
            if isinstance(screen, MeetingForm):
                event.stop()
                event.prevent_default()
                screen.move_suggestion(1 if event.key == "down" else -1)
                return
        await super()._on_key(event)


class MeetingForm(TranslatedBindings, ModalScreen[Meeting | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="save-meeting"),
        Binding("escape", "cancel", N_("Cancel"), id="cancel-meeting"),
    ]

    def __init__(self, preselected: Contact | None = None) -> None:
        super().__init__(classes="form-screen")
        self.people: list[Person] = []
        # The selected contact comes preselected; picking someone else replaces it.
        self.preselected = preselected is not None
        if preselected is not None:
            self.people.append(Person(preselected.name, preselected.id))

    @property
    def reseau(self) -> ReseauApp:
        return cast("ReseauApp", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Label(_("Log a meeting"), classes="form-title")
            yield Static(id="people", classes="people")
            yield WhoInput(
                compact=True, placeholder=_("Who? type a few letters, enter to pick"), id="who"
            )
            yield OptionList(id="suggestions")
            with Horizontal(id="introducer-row", classes="row"):
                yield Label(_("Introduced by"), classes="field-label")
                yield SafeInput(
                    compact=True, placeholder=_("optional: who put you in touch"), id="introducer"
                )
            yield Label(_("Note"), classes="field-label")
            yield SafeTextArea(id="note", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="row"):
                yield Label(_("When"), classes="field-label")
                yield SafeInput(
                    compact=True, value=_("now"), id="when", placeholder=when_examples()
                )
            with Horizontal(classes="row"):
                yield Label(_("Channel"), classes="field-label")
                yield Select(
                    [(channel_label(c), c) for c in CHANNELS],
                    value="coffee",
                    allow_blank=False,
                    compact=True,
                    id="channel",
                )
            with Horizontal(classes="row"):
                yield Label(_("Place"), classes="field-label")
                yield SafeInput(compact=True, id="place")
            with Horizontal(classes="row"):
                yield Label(_("Learned"), classes="field-label")
                yield SafeInput(
                    compact=True, id="learned", placeholder=_("sectors, companies, jobs, places…")
                )
            with Horizontal(classes="row"):
                yield Label(_("Advice"), classes="field-label")
                yield SafeInput(compact=True, id="advice")
            with Horizontal(classes="row"):
                yield Label(_("Leads"), classes="field-label")
                yield SafeInput(
                    compact=True,
                    id="leads",
                    placeholder=_("names or companies given; separate with ;"),
                )
            with Horizontal(classes="row"):
                yield Label(_("I promised"), classes="field-label")
                yield SafeInput(compact=True, id="promised", placeholder=_("separate with ;"))
            with Horizontal(classes="row"):
                yield Label(_("They promised"), classes="field-label")
                yield SafeInput(compact=True, id="owed", placeholder=_("separate with ;"))
            yield Label(_("ctrl+s save · escape cancel · tab next field"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#suggestions", OptionList).display = False
        self.query_one("#introducer-row").display = False
        self._show_people()
        self.query_one("#who", Input).focus()

    # --- choosing people -------------------------------------------------------------

    def _show_people(self) -> None:
        label = self.query_one("#people", Static)
        if not self.people:
            label.update(Content.styled(_("With: nobody yet"), "$text-muted"))
            return
        names = [p.name + ("" if p.contact_id else " " + _("(new)")) for p in self.people]
        parts: list[str | tuple[str, str]] = [(_("With: "), "bold"), one_line(", ".join(names))]
        if self.preselected:
            parts += [" · ", (_("enter keeps this, or type another name"), "$text-muted")]
        label.update(Content.assemble(*parts))
        needs_introducer = any(p.contact_id is None for p in self.people)
        self.query_one("#introducer-row").display = needs_introducer

    @on(Input.Changed, "#who")
    def _who_changed(self, event: Input.Changed) -> None:
        options = self.query_one("#suggestions", OptionList)
        options.clear_options()
        text = event.value.strip()
        if not text:
            options.display = False
            return
        state = self.reseau.network.state
        chosen = set() if self.preselected else {p.contact_id for p in self.people}
        for c in suggest(state, text):
            if c.id in chosen:
                continue
            extra = f" · {c.company}" if c.company else ""
            options.add_option(Option(Content(one_line(c.name + extra, 70)), id=c.id))
        options.add_option(
            Option(Content(_("Create a new contact: {name}", name=one_line(text, 50))), id=NEW)
        )
        options.highlighted = 0
        options.display = True

    def move_suggestion(self, delta: int) -> None:
        options = self.query_one("#suggestions", OptionList)
        if options.display and options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(current + delta, options.option_count - 1))

    @on(Input.Submitted, "#who")
    def _who_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#suggestions", OptionList)
        text = event.value.strip()
        if text and options.display and options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted).id, text)
        elif not text and self.people:
            self.preselected = False
            self.query_one("#note", TextArea).focus()

    @on(OptionList.OptionSelected, "#suggestions")
    def _option_clicked(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id, self.query_one("#who", Input).value.strip())

    def _pick(self, option_id: str | None, text: str) -> None:
        state = self.reseau.network.state
        if self.preselected:
            self.people.clear()
            self.preselected = False
        if option_id == NEW:
            self.people.append(Person(text, None))
        elif option_id in state.contacts:
            self.people.append(Person(state.contacts[option_id].name, option_id))
        who = self.query_one("#who", Input)
        who.value = ""
        self.query_one("#suggestions", OptionList).display = False
        self._show_people()
        self.query_one("#note", TextArea).focus()

    # --- saving ----------------------------------------------------------------------

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def has_input(self) -> bool:
        texts = [
            self._value(s)
            for s in (
                "#who",
                "#place",
                "#learned",
                "#advice",
                "#leads",
                "#promised",
                "#owed",
                "#introducer",
            )
        ]
        return any(t.strip() for t in texts) or bool(self.query_one("#note", TextArea).text.strip())

    def action_save(self) -> None:
        app = self.reseau
        pending = self._value("#who").strip()
        if pending and not self.people:
            options = self.query_one("#suggestions", OptionList)
            if options.display and options.highlighted is not None:
                self._pick(options.get_option_at_index(options.highlighted).id, pending)
        if not self.people:
            self.notify(
                _("Who did you meet? Type a few letters of the name."),
                severity="error",
                markup=False,
            )
            self.query_one("#who", Input).focus()
            return
        try:
            when = parse_when(
                self._value("#when") or "now",
                app.clock.now(),
                app.clock.tz,
                language=current_language(),
            )
        except InvalidInput as exc:
            self.notify(_(exc.template, **exc.values), severity="error", markup=False)
            self.query_one("#when", Input).focus()
            return
        introducer_id = self._introducer()
        if introducer_id is False:
            return
        introducer = introducer_id if isinstance(introducer_id, str) else None
        people = [p.contact_id or NewPerson(p.name, introducer) for p in self.people]
        names = ", ".join(p.name for p in self.people)
        channel = self.query_one("#channel", Select).value
        note = self.query_one("#note", TextArea).text
        place, learned, advice = (self._value(s) for s in ("#place", "#learned", "#advice"))
        leads, promised, owed = (
            split_list(self._value(s)) for s in ("#leads", "#promised", "#owed")
        )

        def log(network: Network) -> Logged:
            return journal.log_meeting(
                network,
                people,
                when=when,
                channel=channel if isinstance(channel, str) else "coffee",
                place=place,
                note=note,
                learned=learned,
                advice=advice,
                leads=leads,
                promised=promised,
                promised_to_me=owed,
            )

        def tell(logged: Logged) -> tuple[str, str]:
            return (
                _("Meeting with {names} saved. Thank them within a day or two.", names=names),
                _("the meeting with {names}", names=names),
            )

        logged = app.change(log, tell=tell)
        if logged is not None:
            self.dismiss(logged.meeting)

    def _introducer(self) -> str | bool | None:
        text = self._value("#introducer").strip()
        if not text or all(p.contact_id for p in self.people):
            return None
        try:
            return resolve_name(self.reseau.network.state, text).id
        except NameNotFound:
            self.notify(
                _("No contact matches {name!r} for 'introduced by'.", name=text),
                severity="error",
                markup=False,
            )
        except AmbiguousName as exc:
            names = ", ".join(c.name for c in exc.candidates[:5])
            self.notify(
                _(
                    "{name!r} matches several contacts: {names}{more}. Be more precise.",
                    name=text,
                    names=names,
                    more="",
                ),
                severity="error",
                markup=False,
            )
        self.query_one("#introducer", Input).focus()
        return False

    def action_cancel(self) -> None:
        options = self.query_one("#suggestions", OptionList)
        if options.display:
            options.display = False
            return
        if not self.has_input():
            self.dismiss(None)
            return
        from reseau_tui.ui.screens.confirm_screen import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(_("Discard this meeting? What you typed will be lost.")), answered
        )
