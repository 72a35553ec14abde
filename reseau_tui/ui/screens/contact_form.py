"""New contact (n) and edit contact (e): every field, ctrl+s to save from anywhere.

An edit writes only the fields the user changed. The file may be reloaded
while the form is open (a `reseau import` in another terminal, another app, a
`reseau forget`): what others wrote in the other fields stays. A field the
user changed that someone else also changed meanwhile is not overwritten
silently: the form stays open, the field is marked, and ctrl+s again keeps
what the user typed (see `Network.edit_contact`).

A new person who is already a contact (same profile link, email or name, the
rule imports match with) is not added silently: the form says who they are,
`enter` opens their card (what was typed fills its empty fields) and ctrl+s
again adds a second person. A lead's name that is a contact already is said
as the form opens.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from reseau_tui.domain.models import Contact
from reseau_tui.domain.text import fold, one_line, printable, printable_lines
from reseau_tui.i18n import N_, _
from reseau_tui.services.labels import circle_label
from reseau_tui.services.matching import (
    AmbiguousName,
    NameNotFound,
    resolve_name,
    same_person,
    who_is,
)
from reseau_tui.services.network import ChangedElsewhere, Network
from reseau_tui.ui.host import Hosted
from reseau_tui.ui.keymap import hint, key_for
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.widgets.safe_input import SafeInput
from reseau_tui.ui.widgets.safe_text_area import SafeTextArea

TEXT_FIELDS = ("name", "company", "role", "email", "phone", "url", "birthday")
FIELDS = (*TEXT_FIELDS, "circle", "tags", "introduced_by", "cadence_days", "familiar", "notes")
WIDGETS = {"cadence_days": "cadence"}  # a field's widget id, where it is not the field's name
FILLED = (*TEXT_FIELDS[1:], "notes")  # what a new person's form gives the card they already have


class ContactForm(TranslatedBindings, Hosted, ModalScreen[Contact | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="save-contact"),
        Binding("escape", "cancel", N_("Cancel"), id="cancel-contact"),
    ]

    def __init__(
        self,
        contact: Contact | None,
        *,
        name: str = "",
        introduced_by: str | None = None,
        fill: Mapping[str, str] | None = None,
    ) -> None:
        """Edit `contact`, or create one (prefilled with a lead's name and who gave it).

        `fill`: text for the fields `contact` has empty (what was typed for a new
        person who turned out to be this contact); shown as changes to save.
        """
        super().__init__(classes="form-screen")
        self.contact = contact
        self.prefill_name = name
        self.prefill_introducer = introduced_by
        self.fill = {k: v for k, v in (fill or {}).items() if v.strip()}
        # The contact a new person already is, once said, and what was typed when it was:
        # ctrl+s on the same name, email and link then adds a second person.
        self.existing: Contact | None = None
        self.warned: tuple[str, ...] | None = None
        self.originals: dict[str, tuple[str, str]] = {}  # field: (as shown, as stored)
        # What the user started from: an edit writes only what differs from it, and a field
        # someone else changed meanwhile is a question, not an overwrite (see `_clashed`).
        self.started_from: Contact | None = contact

    @staticmethod
    def labels() -> dict[str, str]:
        return {
            "name": _("Name"),
            "company": _("Company"),
            "role": _("Role"),
            "email": _("Email"),
            "phone": _("Phone"),
            "url": _("Profile link"),
            "birthday": _("Birthday (YYYY-MM-DD or MM-DD)"),
            "circle": _("Circle"),
            "tags": _("Tags"),
            "introduced_by": _("Introduced by"),
            "cadence_days": _("Keep in touch"),
            "familiar": _("Familiar form in French drafts (tutoiement)"),
            "notes": _("Notes"),
        }

    def compose(self) -> ComposeResult:
        c = self.contact
        labels = self.labels()
        state = self.reseau.network.state
        introducer = c.introduced_by if c else self.prefill_introducer
        intro = state.contacts[introducer].name if introducer in state.contacts else ""
        with Vertical(classes="form"):
            with VerticalScroll(classes="form-fields"):
                yield Label(_("Edit contact") if c else _("New contact"), classes="form-title")
                for key in TEXT_FIELDS:
                    with Horizontal(classes="row"):
                        yield Label(labels[key], classes="field-label", id=f"label-{key}")
                        value = (
                            getattr(c, key) if c else (self.prefill_name if key == "name" else "")
                        )
                        shown = self._shown(key, value)
                        yield SafeInput(
                            compact=True,
                            value=shown or self.fill.get(key, ""),
                            id=key,
                            # A name given (a lead's) is added to, not typed over by the first key.
                            select_on_focus=key != "name",
                        )
                with Horizontal(classes="row"):
                    yield Label(labels["circle"], classes="field-label", id="label-circle")
                    yield Select(
                        [(circle_label(k), k) for k in state.settings.circle_cadences],
                        value=c.circle if c and c.circle else Select.NULL,
                        prompt=_("(not set)"),
                        compact=True,
                        id="circle",
                    )
                with Horizontal(classes="row"):
                    yield Label(labels["tags"], classes="field-label", id="label-tags")
                    yield SafeInput(
                        compact=True,
                        value=self._shown("tags", ", ".join(c.tags) if c else ""),
                        id="tags",
                        placeholder=_("separate with commas"),
                    )
                with Horizontal(classes="row"):
                    yield Label(
                        labels["introduced_by"], classes="field-label", id="label-introduced_by"
                    )
                    yield SafeInput(
                        compact=True,
                        value=self._shown("introduced_by", intro),
                        id="introduced_by",
                        placeholder=_("a contact's name"),
                    )
                with Horizontal(classes="row"):
                    yield Label(
                        labels["cadence_days"], classes="field-label", id="label-cadence_days"
                    )
                    yield SafeInput(
                        compact=True,
                        value=self._shown(
                            "cadence_days", str(c.cadence_days) if c and c.cadence_days else ""
                        ),
                        id="cadence",
                        placeholder=_("every N days (default: the circle's)"),
                        type="integer",
                    )
                yield Checkbox(
                    labels["familiar"],
                    value=c.familiar if c else False,
                    id="familiar",
                )
                yield Label(labels["notes"], classes="field-label", id="label-notes")
                yield SafeTextArea(
                    self._shown("notes", c.notes if c else "") or self.fill.get("notes", ""),
                    id="notes",
                    soft_wrap=True,
                )
            with Vertical(classes="form-foot"):
                yield Static(id="notice", classes="form-notice")
                yield Label(
                    hint(
                        self.app,
                        self.BINDINGS,
                        ("save-contact", N_("save")),
                        ("cancel-contact", N_("cancel")),
                        _("tab next field"),
                    ),
                    classes="hint",
                )

    def on_mount(self) -> None:
        notice = self.query_one("#notice", Static)
        notice.display = False
        name = self.query_one("#name", Input)
        name.focus()
        name.cursor_position = len(name.value)
        if self.contact is None and self.prefill_name:
            self._already_a_contact(opening=True)  # a lead that is a contact: said at once
        elif self.contact is not None and self.fill:
            self._say(
                _("What you typed fills the fields this card had empty: ctrl+s saves it."),
                warning=False,
            )

    # --- a new person who is a contact already ---------------------------------------

    def _typed_person(self) -> tuple[str, ...]:
        """What decides who a new person may be (the import's keys), as typed."""
        name, email, url, phone = (self._text(k) for k in ("name", "email", "url", "phone"))
        return fold(name), email.strip().casefold(), url.strip().casefold(), phone.strip()

    def _text(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value

    def _already_a_contact(self, *, opening: bool = False) -> bool:
        """Say who a new person already is, once for what is typed; False if nobody."""
        typed = self._typed_person()
        if typed == self.warned:
            return False  # said already: ctrl+s again adds a second person
        found = same_person(
            self.reseau.network.state,
            self._text("name"),
            email=self._text("email"),
            url=self._text("url"),
            phone=self._text("phone"),
        )
        if not found:
            return False
        self.existing, self.warned = found[0], typed
        if opening:
            said = _(
                "{who} is already a contact: enter opens their card, ctrl+s adds a second person.",
                who=who_is(found[0]),
            )
        else:
            said = _(
                "{who} already exists: enter opens their card, {key} again adds a second person.",
                key=key_for(self.app, self.BINDINGS, "save-contact"),
                who=who_is(found[0]),
            )
        self._say(said)
        return True

    def _say(self, text: str, *, warning: bool = True) -> None:
        notice = self.query_one("#notice", Static)
        notice.update(Content(text))
        notice.set_class(warning, "-warning")
        notice.display = True

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        """Another name, email, link or phone than when said: the notice no longer holds."""
        if self.existing is not None and self._typed_person() != self.warned:
            self.existing = None
            self.query_one("#notice", Static).display = False

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """With a person said to exist, enter opens their card, with what was typed."""
        existing = self.existing
        if existing is None:
            return
        event.stop()
        people = self.reseau.network.state.contacts
        contact = people.get(existing.id)
        if contact is None:  # removed elsewhere meanwhile: nothing to open
            self.existing = None
            self.query_one("#notice", Static).display = False
            return
        typed = {k: self.query_one(f"#{k}", Input).value for k in TEXT_FIELDS[1:]}
        typed["notes"] = self.query_one("#notes", TextArea).text
        fill = {k: v for k, v in typed.items() if k in FILLED and not getattr(contact, k)}
        self.dismiss(None)
        self.app.push_screen(ContactForm(contact, fill=fill))

    def _shown(self, key: str, value: str) -> str:
        """The value without control sequences, for the field; remembered as stored."""
        shown = printable_lines(value) if key == "notes" else printable(value)
        self.originals[key] = (shown, value)
        return shown

    def _unchanged(self, key: str, current: str) -> bool:
        return key in self.originals and self.originals[key][0] == current

    def _kept(self, key: str, current: str) -> str:
        """What is in the field; a value shown neutralised and left alone stays as stored."""
        return self.originals[key][1] if self._unchanged(key, current) else current

    def _fields(self) -> tuple[dict[str, Any], set[str]] | None:
        """Every field as it is to be stored, and those the user changed since the form opened.

        None, after saying why, when the introducer typed matches no single contact.
        """
        texts = {k: self.query_one(f"#{k}", Input).value for k in TEXT_FIELDS}
        values: dict[str, Any] = {k: self._kept(k, text) for k, text in texts.items()}
        changed = {k for k, text in texts.items() if not self._unchanged(k, text)}
        circle = self.query_one("#circle", Select).value
        values["circle"] = circle if isinstance(circle, str) else None
        if self.contact is None or values["circle"] != self.contact.circle:
            changed.add("circle")
        tags = self.query_one("#tags", Input).value
        if self.contact and self._unchanged("tags", tags):
            values["tags"] = self.contact.tags
        else:
            values["tags"] = tuple(t.strip() for t in tags.split(",") if t.strip())
            changed.add("tags")
        notes = self.query_one("#notes", TextArea).text
        values["notes"] = self._kept("notes", notes)
        if not self._unchanged("notes", notes):
            changed.add("notes")
        values["familiar"] = self.query_one("#familiar", Checkbox).value
        if self.contact is None or values["familiar"] != self.contact.familiar:
            changed.add("familiar")
        cadence = self.query_one("#cadence", Input).value
        values["cadence_days"] = int(cadence) if cadence.strip().isdigit() else None
        if not self._unchanged("cadence_days", cadence):
            changed.add("cadence_days")
        intro = self.query_one("#introduced_by", Input).value.strip()
        introducer = self.contact.introduced_by if self.contact else self.prefill_introducer
        values["introduced_by"] = None
        if self._unchanged("introduced_by", intro):
            values["introduced_by"] = introducer if intro else None
        else:
            changed.add("introduced_by")
            if intro:
                try:
                    values["introduced_by"] = resolve_name(self.reseau.network.state, intro).id
                except (NameNotFound, AmbiguousName):
                    self.notify(
                        _("No single contact matches {name!r} for 'introduced by'.", name=intro),
                        severity="error",
                        markup=False,
                    )
                    self.query_one("#introduced_by", Input).focus()
                    return None
        return values, changed

    def action_save(self) -> None:
        fields = self._fields()
        if fields is None:
            return
        values, changed = fields
        original = self.contact
        if original is None:
            if self._already_a_contact():
                return
            name = values.pop("name")
            saved = self._save(lambda network: network.add_contact(name, **values))
        else:
            edit = {k: values[k] for k in FIELDS if k in changed}
            if not edit:
                self.notify(_("Nothing changed."), markup=False)
                self.dismiss(original)
                return
            base = self.started_from or original
            expected = {k: getattr(base, k) for k in edit}
            try:
                saved = self._save(
                    lambda network: network.edit_contact(original.id, expected=expected, **edit)
                )
            except ChangedElsewhere as clash:
                self._clashed(clash)
                return
        if saved is not None:
            self.dismiss(saved)

    def _save(self, do: Callable[[Network], Contact]) -> Contact | None:
        """Apply through the app; "Saved" is said once the change is on disk."""

        def tell(contact: Contact) -> tuple[str, str]:
            return _("Saved {name}.", name=contact.name), contact.name

        result: Contact | None = self.reseau.change(do, tell=tell)
        return result

    def _clashed(self, clash: ChangedElsewhere) -> None:
        """Someone else changed what the user changed: show theirs; ctrl+s again keeps yours."""
        now = clash.contact
        if now is None:
            self.notify(
                _(
                    "{name} was removed elsewhere while you edited: nothing was saved.",
                    name=self.contact.name if self.contact else "",
                ),
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        labels = self.labels()
        lines = []
        for key in clash.fields:
            theirs = self._describe(key, now)
            lines.append(
                _(
                    '{field} was changed elsewhere to "{value}" while you edited.',
                    field=labels[key],
                    value=theirs,
                )
            )
            self._mark(key, theirs)
        key = key_for(self.app, self.BINDINGS, "save-contact")
        lines.append(_("Press {key} again to keep what you typed.", key=key))
        if self.started_from is not None:  # the next save starts from what is there now
            self.started_from = replace(
                self.started_from, **{k: getattr(now, k) for k in clash.fields}
            )
        self.notify("\n".join(lines), severity="warning", markup=False, timeout=20)
        first = clash.fields[0]
        self.query_one(f"#{WIDGETS.get(first, first)}").focus()

    def _mark(self, key: str, theirs: str) -> None:
        """Mark a field someone else changed: its label in the error colour, theirs on hover."""
        widget = self.query_one(f"#{WIDGETS.get(key, key)}")
        widget.add_class("-invalid")
        widget.tooltip = _("Changed elsewhere to: {value}", value=theirs)
        if key == "familiar":
            return
        label = self.query_one(f"#label-{key}", Label)
        label.update(Content.styled(self.labels()[key], "bold $error"))

    def _describe(self, key: str, contact: Contact) -> str:
        """A field's value as the user would recognise it, on one short line."""
        value = getattr(contact, key)
        if key == "circle":
            return circle_label(value) if value else _("(not set)")
        if key == "tags":
            value = ", ".join(value)
        elif key == "introduced_by":
            people = self.reseau.network.state.contacts
            value = people[value].name if value in people else ""
        elif key == "familiar":
            return _("yes") if value else _("no")
        elif key == "cadence_days":
            value = str(value) if value else ""
        return one_line(value, 60) or _("(empty)")

    def action_cancel(self) -> None:
        self.dismiss(None)
