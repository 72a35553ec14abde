"""New contact (n) and edit contact (e): every field, ctrl+s to save from anywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from reseau_tui.domain.models import CIRCLES, Contact
from reseau_tui.domain.text import printable, printable_lines
from reseau_tui.i18n import N_, _
from reseau_tui.services.labels import circle_label
from reseau_tui.services.matching import AmbiguousName, NameNotFound, resolve_name
from reseau_tui.services.network import Network
from reseau_tui.ui.localize import TranslatedBindings
from reseau_tui.ui.widgets.safe_input import SafeInput
from reseau_tui.ui.widgets.safe_text_area import SafeTextArea

if TYPE_CHECKING:
    from reseau_tui.ui.app import ReseauApp

TEXT_FIELDS = ("name", "company", "role", "email", "phone", "url")


class ContactForm(TranslatedBindings, ModalScreen[Contact | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="save-contact"),
        Binding("escape", "cancel", N_("Cancel"), id="cancel-contact"),
    ]

    def __init__(
        self, contact: Contact | None, *, name: str = "", introduced_by: str | None = None
    ) -> None:
        """Edit `contact`, or create one (prefilled with a lead's name and who gave it)."""
        super().__init__(classes="form-screen")
        self.contact = contact
        self.prefill_name = name
        self.prefill_introducer = introduced_by
        self.originals: dict[str, tuple[str, str]] = {}  # field: (as shown, as stored)

    @property
    def reseau(self) -> ReseauApp:
        return cast("ReseauApp", self.app)

    def compose(self) -> ComposeResult:
        c = self.contact
        labels = {
            "name": _("Name"),
            "company": _("Company"),
            "role": _("Role"),
            "email": _("Email"),
            "phone": _("Phone"),
            "url": _("Profile link"),
        }
        state = self.reseau.network.state
        introducer = c.introduced_by if c else self.prefill_introducer
        intro = state.contacts[introducer].name if introducer in state.contacts else ""
        with VerticalScroll(classes="form"):
            yield Label(_("Edit contact") if c else _("New contact"), classes="form-title")
            for key in TEXT_FIELDS:
                with Horizontal(classes="row"):
                    yield Label(labels[key], classes="field-label")
                    value = getattr(c, key) if c else (self.prefill_name if key == "name" else "")
                    yield SafeInput(compact=True, value=self._shown(key, value), id=key)
            with Horizontal(classes="row"):
                yield Label(_("Circle"), classes="field-label")
                yield Select(
                    [(circle_label(k), k) for k in CIRCLES],
                    value=c.circle if c and c.circle else Select.NULL,
                    prompt=_("(not set)"),
                    compact=True,
                    id="circle",
                )
            with Horizontal(classes="row"):
                yield Label(_("Tags"), classes="field-label")
                yield SafeInput(
                    compact=True,
                    value=self._shown("tags", ", ".join(c.tags) if c else ""),
                    id="tags",
                    placeholder=_("separate with commas"),
                )
            with Horizontal(classes="row"):
                yield Label(_("Introduced by"), classes="field-label")
                yield SafeInput(
                    compact=True,
                    value=self._shown("introduced_by", intro),
                    id="introduced_by",
                    placeholder=_("a contact's name"),
                )
            with Horizontal(classes="row"):
                yield Label(_("Keep in touch"), classes="field-label")
                yield SafeInput(
                    compact=True,
                    value=str(c.cadence_days) if c and c.cadence_days else "",
                    id="cadence",
                    placeholder=_("every N days (default: the circle's)"),
                    type="integer",
                )
            yield Checkbox(
                _("Familiar form in French drafts (tutoiement)"),
                value=c.familiar if c else False,
                id="familiar",
            )
            yield Label(_("Notes"), classes="field-label")
            yield SafeTextArea(
                self._shown("notes", c.notes if c else ""), id="notes", soft_wrap=True
            )
            yield Label(_("ctrl+s save · escape cancel · tab next field"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

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

    def _fields(self) -> dict[str, Any] | None:
        values: dict[str, Any] = {
            k: self._kept(k, self.query_one(f"#{k}", Input).value) for k in TEXT_FIELDS
        }
        circle = self.query_one("#circle", Select).value
        values["circle"] = circle if isinstance(circle, str) else None
        tags = self.query_one("#tags", Input).value
        if self.contact and self._unchanged("tags", tags):
            values["tags"] = self.contact.tags
        else:
            values["tags"] = tuple(t.strip() for t in tags.split(",") if t.strip())
        values["notes"] = self._kept("notes", self.query_one("#notes", TextArea).text)
        values["familiar"] = self.query_one("#familiar", Checkbox).value
        cadence = self.query_one("#cadence", Input).value.strip()
        values["cadence_days"] = int(cadence) if cadence.isdigit() else None
        intro = self.query_one("#introduced_by", Input).value.strip()
        values["introduced_by"] = None
        introducer = self.contact.introduced_by if self.contact else self.prefill_introducer
        if intro and self._unchanged("introduced_by", intro) and introducer:
            values["introduced_by"] = introducer
        elif intro:
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
        return values

    def action_save(self) -> None:
        values = self._fields()
        if values is None:
            return
        name = values.pop("name")
        original = self.contact

        def save(network: Network) -> Contact:
            if original is None:
                return network.add_contact(name, **values)
            return network.edit_contact(original.id, name=name, **values)

        contact = self.reseau.change(save)
        if contact is not None:
            self.notify(_("Saved {name}.", name=contact.name), markup=False)
            self.dismiss(contact)

    def action_cancel(self) -> None:
        self.dismiss(None)
