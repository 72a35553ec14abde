"""Quick capture: log a meeting from the café doorstep.

`m`, a few letters of the name, enter, the note, ctrl+s. Everything else is
optional and reachable with tab. Names that match nobody can be created on the
spot, with who introduced them (suggested as the names are); a name that is a
contact already is offered instead of a second person. Backspace in the empty
name field takes back the last person picked. The fields scroll above a foot
that keeps the keys in view, from 50x30 up.

The form opens prefilled as well (`people`, `values`): editing a meeting is
the same form with what it holds (`editing`), saved through `edit_meeting` with
the values as the form opened as `expected`: a field someone else changed
meanwhile is shown, and ctrl+s again keeps what the user typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import CHANNELS, Contact, Meeting, Promise, create_promise
from reseau_tui.domain.text import fold, one_line
from reseau_tui.domain.when import parse_when
from reseau_tui.i18n import N_, _, current_language
from reseau_tui.services import journal
from reseau_tui.services.explain import ambiguous_name
from reseau_tui.services.journal import Logged, NewPerson
from reseau_tui.services.labels import channel_label, when_examples
from reseau_tui.services.matching import (
    AmbiguousName,
    NameNotFound,
    resolve_name,
    same_person,
    suggest,
    who_is,
)
from reseau_tui.services.meetings import MeetingChangedElsewhere, edit_meeting
from reseau_tui.services.network import Network
from reseau_tui.ui.host import Hosted
from reseau_tui.ui.keymap import hint, key_for
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.widgets.safe_input import SafeInput
from reseau_tui.ui.widgets.safe_text_area import SafeTextArea
from reseau_tui.ui.widgets.suggest_input import SuggestInput

NEW = "\x00new"
# The one-line fields a caller may prefill (`values`), by widget id; "note" is the text area.
TEXT_FIELDS = ("when", "place", "learned", "advice", "leads", "promised", "owed")


@dataclass
class Person:
    name: str
    contact_id: str | None  # None: created on save


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ";").split(";") if part.strip()]


WHEN_FORMAT = "%Y-%m-%d %H:%M"  # how a meeting to edit shows its date (parse_when reads it)


def meeting_values(m: Meeting, tz: tzinfo) -> dict[str, str]:
    """A meeting's fields as the form's text (`values`), to edit it."""
    return {
        "when": m.when.astimezone(tz).strftime(WHEN_FORMAT),
        "channel": m.channel,
        "place": m.place,
        "note": m.note,
        "learned": m.learned,
        "advice": m.advice,
        "leads": "; ".join(m.leads),
        "promised": "; ".join(p.text for p in m.promises if p.by_me),
        "owed": "; ".join(p.text for p in m.promises if not p.by_me),
    }


def edited_promises(
    old: tuple[Promise, ...], promised: list[str], owed: list[str]
) -> list[Promise]:
    """The promises as typed; one whose text stays keeps its record (its id, due date, person).

    Its follow-up's id is made of the promise's: a promise kept stays kept.
    """
    left = list(old)
    kept: list[Promise] = []
    for texts, by_me in ((promised, True), (owed, False)):
        for text in texts:
            same = next((p for p in left if p.by_me == by_me and p.text.strip() == text), None)
            if same is not None:
                left.remove(same)
                kept.append(same)
            else:
                kept.append(create_promise(text, by_me=by_me))
    return kept


class MeetingForm(TranslatedBindings, Hosted, ModalScreen[Meeting | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="save-meeting"),
        Binding("escape", "cancel", N_("Cancel"), id="cancel-meeting"),
    ]

    def __init__(
        self,
        preselected: Contact | None = None,
        *,
        people: Sequence[Contact] = (),
        values: Mapping[str, str] | None = None,
        editing: Meeting | None = None,
    ) -> None:
        """`preselected`: the selected contact, which picking someone else replaces.

        `people`: those met, kept until taken back (backspace); `values`: text for
        the fields by id (`TEXT_FIELDS`, "note", "channel"), for a meeting to edit.
        `editing`: the meeting these are of; saving edits it rather than log another.
        """
        super().__init__(classes="form-screen")
        self.editing = editing
        # The meeting as the user started from: what the form opened with, then, after a
        # clash, with the fields someone else changed as they are now.
        self.started_from = editing
        self.people: list[Person] = [Person(c.name, c.id) for c in people]
        self.values = dict(values or {})
        self.preselected = preselected is not None and not self.people
        if preselected is not None and not self.people:
            self.people.append(Person(preselected.name, preselected.id))
        # The introducer picked from the suggestions, with the name it filled the field with.
        self.introducer_pick: tuple[str, str] | None = None
        self.introducer_taken: str | None = None  # the introducer as typed on the last save
        # A new person's name that is a contact already, once said: picking "Create" again
        # for the same name adds a second person.
        self.second_of: str | None = None

    def compose(self) -> ComposeResult:
        value = self.values.get
        with Vertical(classes="form"):
            with VerticalScroll(classes="form-fields"):
                title = _("Edit the meeting") if self.editing else _("Log a meeting")
                yield Label(title, classes="form-title")
                yield Static(id="people", classes="people")
                yield SuggestInput(
                    "suggestions",
                    compact=True,
                    placeholder=_("Who? type a few letters, enter to pick"),
                    id="who",
                )
                yield OptionList(id="suggestions", classes="suggestions")
                with Vertical(id="introducer-box"):
                    with Horizontal(id="introducer-row", classes="row"):
                        yield Label(_("Introduced by"), classes="field-label")
                        yield SuggestInput(
                            "introducer-suggestions",
                            compact=True,
                            placeholder=_("optional: who put you in touch"),
                            id="introducer",
                        )
                    yield OptionList(id="introducer-suggestions", classes="suggestions")
                yield Label(_("Note"), classes="field-label")
                yield SafeTextArea(
                    value("note", ""), id="note", soft_wrap=True, show_line_numbers=False
                )
                with Horizontal(classes="row"):
                    yield Label(_("When"), classes="field-label")
                    yield SafeInput(
                        compact=True,
                        value=value("when", _("now")),
                        id="when",
                        placeholder=when_examples(),
                    )
                yield Checkbox(_("Already thanked"), id="thanked", compact=True)
                with Horizontal(classes="row"):
                    yield Label(_("Channel"), classes="field-label")
                    channel = value("channel", "coffee")
                    yield Select(
                        [(channel_label(c), c) for c in CHANNELS],
                        value=channel if channel in CHANNELS else "coffee",
                        allow_blank=False,
                        compact=True,
                        id="channel",
                    )
                fields = (
                    ("place", _("Place"), ""),
                    ("learned", _("Learned"), _("sectors, companies, jobs, places…")),
                    ("advice", _("Advice"), ""),
                    ("leads", _("Leads"), _("names or companies given; separate with ;")),
                    ("promised", _("I promised"), _("separate with ;")),
                    ("owed", _("They promised"), _("separate with ;")),
                )
                for key, label, placeholder in fields:
                    with Horizontal(classes="row"):
                        yield Label(label, classes="field-label")
                        yield SafeInput(
                            compact=True, id=key, value=value(key, ""), placeholder=placeholder
                        )
            with Vertical(classes="form-foot"):
                yield Static(id="notice", classes="form-notice")
                yield Label(
                    hint(
                        self.app,
                        self.BINDINGS,
                        ("save-meeting", N_("save")),
                        ("cancel-meeting", N_("cancel")),
                        _("tab next field"),
                        _("backspace in an empty Who takes back the last person"),
                    ),
                    classes="hint",
                )

    def on_mount(self) -> None:
        for hidden in ("#suggestions", "#introducer-suggestions", "#introducer-box", "#notice"):
            self.query_one(hidden).display = False
        if self.editing is not None:  # what was thanked is in the queue, not in the meeting
            self.query_one("#thanked").display = False
        self._show_people()
        self.query_one("#who", Input).focus()

    def _say(self, text: str | None) -> None:
        """A line above the keys: what the form needs the user to know now (None: clear)."""
        notice = self.query_one("#notice", Static)
        notice.display = text is not None
        notice.set_class(text is not None, "-warning")
        notice.update(Content(text or ""))

    # --- choosing people -------------------------------------------------------------

    def _show_people(self) -> None:
        label = self.query_one("#people", Static)
        needs_introducer = any(p.contact_id is None for p in self.people)
        self.query_one("#introducer-box").display = needs_introducer
        if not self.people:
            label.update(Content.styled(_("With: nobody yet"), "$text-muted"))
            return
        names = [p.name + ("" if p.contact_id else " " + _("(new)")) for p in self.people]
        parts: list[str | tuple[str, str]] = [(_("With: "), "bold"), one_line(", ".join(names))]
        if self.preselected:
            parts += [" · ", (_("enter keeps this, or type another name"), "$text-muted")]
        label.update(Content.assemble(*parts))

    @on(Input.Changed, "#who")
    def _who_changed(self, event: Input.Changed) -> None:
        options = self.query_one("#suggestions", OptionList)
        options.clear_options()
        text = event.value.strip()
        if self.second_of is not None and fold(text) != self.second_of:
            self.second_of = None
            self._say(None)
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

    @on(Input.Changed, "#introducer")
    def _introducer_changed(self, event: Input.Changed) -> None:
        options = self.query_one("#introducer-suggestions", OptionList)
        options.clear_options()
        text = event.value.strip()
        if self.introducer_pick is not None and self.introducer_pick[1] == event.value:
            options.display = False  # the field was just filled with the one picked
            return
        if event.value == self.introducer_taken:
            options.display = False  # as it was when saved
            return
        self.introducer_pick = None
        found = suggest(self.reseau.network.state, text) if text else []
        for c in found:
            extra = f" · {c.company}" if c.company else ""
            options.add_option(Option(Content(one_line(c.name + extra, 70)), id=c.id))
        options.display = bool(found)
        if found:
            options.highlighted = 0

    @on(SuggestInput.TakeBack, "#who")
    def take_back_person(self) -> None:
        """Backspace in the empty who field: the last person picked is no longer in it."""
        if not self.people:
            return
        person = self.people.pop()
        self.preselected = False
        self._show_people()
        self._say(_("{name} taken back.", name=one_line(person.name, 60)))

    @on(Input.Submitted, "#who")
    def _who_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#suggestions", OptionList)
        text = event.value.strip()
        if text and options.display and options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted).id, text)
        elif not text and self.people:
            self.preselected = False
            self._next_after_who()

    @on(Input.Submitted, "#introducer")
    def _introducer_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#introducer-suggestions", OptionList)
        if event.value.strip() and options.display and options.highlighted is not None:
            self._pick_introducer(options.get_option_at_index(options.highlighted).id)
        self.query_one("#note", TextArea).focus()

    @on(OptionList.OptionSelected, "#suggestions")
    def _option_clicked(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id, self.query_one("#who", Input).value.strip())

    @on(OptionList.OptionSelected, "#introducer-suggestions")
    def _introducer_clicked(self, event: OptionList.OptionSelected) -> None:
        self._pick_introducer(event.option.id)
        self.query_one("#note", TextArea).focus()

    def _pick_introducer(self, contact_id: str | None) -> None:
        contacts = self.reseau.network.state.contacts
        if contact_id not in contacts:
            return
        name = contacts[contact_id].name
        self.introducer_pick = (contact_id, name)
        self.query_one("#introducer", Input).value = name
        self.query_one("#introducer-suggestions", OptionList).display = False

    def _pick(self, option_id: str | None, text: str) -> bool:
        """Add the person an option names; False when a new name is someone known, said so."""
        state = self.reseau.network.state
        if option_id == NEW and fold(text) != self.second_of:
            known = same_person(state, text)
            if known:
                self._offer(known[0], text)
                return False
        if self.preselected:
            self.people.clear()
            self.preselected = False
        if option_id == NEW:
            self.people.append(Person(text, None))
        elif option_id in state.contacts:
            self.people.append(Person(state.contacts[option_id].name, option_id))
        self.second_of = None
        self._say(None)
        self.query_one("#who", Input).value = ""
        self.query_one("#suggestions", OptionList).display = False
        self._show_people()
        self._next_after_who()
        return True

    def _offer(self, known: Contact, text: str) -> None:
        """A new name that is a contact already: offer them; "Create" again adds a second."""
        self.second_of = fold(text)
        if any(p.contact_id == known.id for p in self.people) and not self.preselected:
            self._say(
                _(
                    "{who} is already in this meeting; choose “Create a new contact” again "
                    "to add a second person.",
                    who=who_is(known),
                )
            )
            return
        options = self.query_one("#suggestions", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        if known.id not in ids:  # past the first few suggestions
            options.add_option(Option(Content(one_line(who_is(known), 70)), id=known.id))
            ids.append(known.id)
        options.highlighted = ids.index(known.id)
        self._say(
            _(
                "{who} already exists: enter picks them, or choose “Create a new contact” "
                "again to add a second person.",
                who=who_is(known),
            )
        )

    def _next_after_who(self) -> None:
        """After the names: who introduced a new person, if one is new, else the note."""
        if self.query_one("#introducer-box").display:
            self.query_one("#introducer", Input).focus()
        else:
            self.query_one("#note", TextArea).focus()

    # --- saving ----------------------------------------------------------------------

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def has_input(self) -> bool:
        texts = [self._value(f"#{s}") for s in (*TEXT_FIELDS[1:], "who", "introducer")]
        return any(t.strip() for t in texts) or bool(self.query_one("#note", TextArea).text.strip())

    def action_save(self) -> None:
        app = self.reseau
        # Saving takes the introducer as typed (a unique part of a name is enough): its
        # suggestions close, and that text does not open them again.
        self.query_one("#introducer-suggestions", OptionList).display = False
        self.introducer_taken = self._value("#introducer")
        pending = self._value("#who").strip()
        if pending and not self.people:
            options = self.query_one("#suggestions", OptionList)
            if options.display and options.highlighted is not None:
                option = options.get_option_at_index(options.highlighted)
                if not self._pick(option.id, pending):
                    self.query_one("#who", Input).focus()
                    return
        if not self.people:
            self.notify(
                _("Who did you meet? Type a few letters of the name."),
                severity="error",
                markup=False,
            )
            self.query_one("#who", Input).focus()
            return
        if self.editing is not None:
            self._save_edit()
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
        thanked = self.query_one("#thanked", Checkbox).value
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
                thanked=thanked,
            )

        def tell(logged: Logged) -> tuple[str, str]:
            planned = journal.planned_message(logged.meeting, names, app.clock.now(), app.clock.tz)
            if planned is None and thanked:
                planned = _("Meeting with {names} saved, already thanked.", names=names)
            saved = planned or _(
                "Meeting with {names} saved. Thank them within a day or two.", names=names
            )
            return saved, _("the meeting with {names}", names=names)

        logged = app.change(log, tell=tell)
        if logged is not None:
            self.dismiss(logged.meeting)

    # --- editing -------------------------------------------------------------------------

    def _edits(self, *, quiet: bool = False) -> dict[str, Any] | None:
        """The fields the user changed, as `edit_meeting` takes them; None: refused, said.

        `quiet`: only to know whether anything changed (escape), nothing said.
        """
        app, old = self.reseau, self.editing
        assert old is not None
        say = (lambda _text: None) if quiet else self._say
        opened = meeting_values(old, app.clock.tz)
        if any(p.contact_id is None for p in self.people):
            say(
                _(
                    "A meeting being edited takes people who are contacts already: "
                    "add {name} with n first.",
                    name=one_line(next(p.name for p in self.people if p.contact_id is None), 40),
                )
            )
            return None
        changes: dict[str, Any] = {}
        when_text = self._value("#when").strip()
        if when_text != opened["when"]:
            try:
                changes["when"] = parse_when(
                    when_text or "now", app.clock.now(), app.clock.tz, language=current_language()
                )
            except InvalidInput as exc:
                say(_(exc.template, **exc.values))
                if not quiet:
                    self.query_one("#when", Input).focus()
                return None
        people = tuple(p.contact_id for p in self.people if p.contact_id)
        if people != old.contact_ids:
            changes["contact_ids"] = people
        channel = self.query_one("#channel", Select).value
        if isinstance(channel, str) and channel != old.channel:
            changes["channel"] = channel
        note = self.query_one("#note", TextArea).text
        if note != opened["note"]:
            changes["note"] = note
        for key in ("place", "learned", "advice"):
            if self._value(f"#{key}") != opened[key]:
                changes[key] = self._value(f"#{key}")
        leads = split_list(self._value("#leads"))
        if tuple(leads) != old.leads:
            changes["leads"] = leads
        promised, owed = split_list(self._value("#promised")), split_list(self._value("#owed"))
        if (promised, owed) != (split_list(opened["promised"]), split_list(opened["owed"])):
            changes["promises"] = edited_promises(old.promises, promised, owed)
        return changes

    def _save_edit(self) -> None:
        old, base = self.editing, self.started_from
        assert old is not None and base is not None
        changes = self._edits()
        if changes is None:
            return
        if not changes:
            self.notify(_("Nothing changed."), markup=False)
            self.dismiss(old)
            return
        expected = {k: getattr(base, k) for k in changes}
        app = self.reseau

        def tell(meeting: Meeting) -> tuple[str, str]:
            names = ", ".join(app.network.state.names(meeting.contact_ids))
            return (
                _("Meeting with {names} saved; its follow-ups follow.", names=names),
                _("the meeting with {names}", names=names),
            )

        try:
            saved = app.change(
                lambda network: edit_meeting(network, old.id, expected=expected, **changes),
                tell=tell,
            )
        except MeetingChangedElsewhere as clash:
            self._clashed(clash)
            return
        if saved is not None:
            self.dismiss(saved)

    def _clashed(self, clash: MeetingChangedElsewhere) -> None:
        """Someone else changed what the user changed: say theirs; ctrl+s again keeps yours."""
        now = clash.meeting
        if now is None:
            self._say(_("This meeting was deleted elsewhere while you edited: nothing was saved."))
            return
        labels = {
            "when": _("When"),
            "contact_ids": _("With"),
            "channel": _("Channel"),
            "place": _("Place"),
            "note": _("Note"),
            "learned": _("Learned"),
            "advice": _("Advice"),
            "leads": _("Leads"),
            "promises": _("Promises"),
        }
        theirs = meeting_values(now, self.reseau.clock.tz)
        lines = []
        for key in clash.fields:
            if key == "contact_ids":
                value = ", ".join(self.reseau.network.state.names(now.contact_ids))
            elif key == "promises":
                value = "; ".join(x for x in (theirs["promised"], theirs["owed"]) if x)
            elif key == "channel":
                value = channel_label(now.channel)
            else:
                value = theirs[key]
            lines.append(
                _(
                    '{field} was changed elsewhere to "{value}" while you edited.',
                    field=labels[key],
                    value=one_line(value, 60) or _("(empty)"),
                )
            )
        key = key_for(self.app, self.BINDINGS, "save-meeting")
        lines.append(_("Press {key} again to keep what you typed.", key=key))
        self.started_from = now  # the next save starts from what is there now
        self._say("\n".join(lines))

    def _introducer(self) -> str | bool | None:
        text = self._value("#introducer").strip()
        if not text or all(p.contact_id for p in self.people):
            return None
        state = self.reseau.network.state
        picked = self.introducer_pick
        if picked is not None and picked[1].strip() == text and picked[0] in state.contacts:
            return picked[0]
        try:
            return resolve_name(state, text).id
        except NameNotFound:
            self.notify(
                _("No contact matches {name!r} for 'introduced by'.", name=text),
                severity="error",
                markup=False,
            )
        except AmbiguousName as exc:
            self.notify(
                ambiguous_name(text, exc.candidates, shown=5), severity="error", markup=False
            )
        self.query_one("#introducer", Input).focus()
        return False

    def action_cancel(self) -> None:
        for list_id in ("#suggestions", "#introducer-suggestions"):
            options = self.query_one(list_id, OptionList)
            if options.display:
                options.display = False
                return
        if not (self._edited() if self.editing else self.has_input()):
            self.dismiss(None)
            return
        from reseau_tui.ui.screens.confirm_screen import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = (
            _("Discard your changes to this meeting?")
            if self.editing
            else _("Discard this meeting? What you typed will be lost.")
        )
        self.app.push_screen(ConfirmScreen(question), answered)

    def _edited(self) -> bool:
        """Whether the meeting being edited would change (a refused value is a change too)."""
        changes = self._edits(quiet=True)
        return changes is None or bool(changes)
