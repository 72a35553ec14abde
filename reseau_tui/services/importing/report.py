"""What an import found and did, and the lines it says about single records.

Both importers (contacts from vCard, LinkedIn and CSV; the JSON backup) fill
the same `ImportReport`, which the app's import screen and `reseau import`
show alike (`services.import_summary`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import Contact
from reseau_tui.i18n import N_, Msg
from reseau_tui.io import ImportFormat
from reseau_tui.io.common import ContactIndex, Draft, Match, Problem, Unit
from reseau_tui.services.labels import CONTACT_FIELD_WORDS

PROGRESS_EVERY = 500


@dataclass
class Tally:
    new: int = 0
    merged: int = 0  # matched a record and filled some of its empty fields
    unchanged: int = 0  # matched a record that already had everything


@dataclass
class ImportReport:
    """What an import found and did (or, for a dry run or a refused file, would do)."""

    format: ImportFormat
    unit: Unit
    total: int = 0  # records in the file
    contacts: Tally = field(default_factory=Tally)
    others: dict[str, Tally] = field(default_factory=dict)  # JSON: meetings, milestones...
    nameless: int = 0  # skipped: no name (LinkedIn members who hide theirs)
    invalid: int = 0  # records with a problem (skipped only with skip_invalid)
    possible_duplicates: int = 0  # imported apart from a contact they might be
    differing: int = 0  # matched contacts the file gives other values for (theirs kept)
    conflicting: int = 0  # contacts changed both in reseau and in the card since the last sync
    skipped_lines: int = 0  # lines of kept records that could not be read
    problems: list[Problem] = field(default_factory=list)
    skip_invalid: bool = False
    applied: bool = False  # the changes are in the network, to be saved by the next commit
    # Run once the import is saved: keeps what the cards and contacts now agree on.
    after_save: Callable[[], None] | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.blocking]

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)

    @property
    def blocked(self) -> bool:
        """Problems keep this file out: it cannot be read, or has errors and none may be skipped."""
        return self.fatal or (bool(self.errors) and not self.skip_invalid)

    @property
    def changes(self) -> int:
        tallies = [self.contacts, *self.others.values()]
        return sum(t.new + t.merged for t in tallies)


def no_progress(stage: str, done: int, total: int) -> None:
    pass


# What makes a record only possibly the contact of the same name (`Match.similar`).
_WHY = {
    "url": Msg("another profile link"),
    "email": Msg("another email"),
    "phone": Msg("another phone number"),
    "id": Msg("the same id in the file, under another name"),
}
_SHOWN = 60  # characters of a value quoted in a report line


def shown(value: str) -> str:
    text = " ".join(value.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def who(c: Contact) -> str:
    """A contact as a report line tells them apart from another of the same name."""
    detail = c.email or c.phone or c.company
    return f"{c.name!r} ({detail})" if detail else repr(c.name)


def possible_duplicate(d: Draft, unit: Unit, found: Match, index: ContactIndex) -> Problem:
    where: dict[str, Any] = {
        "line": d.line,
        "unit": unit,
        "number": d.number,
        "name": d.name,
        "source": d.source,
    }
    cid, reason = found.similar[0]
    if reason == "name":
        return Problem(
            "possible duplicate: {count} contacts are named {who!r}; imported as a separate "
            "contact (reseau duplicates lists them)",
            {"count": len(found.similar), "who": index.by_id[cid].name},
            blocking=False,
            **where,
        )
    return Problem(
        "possible duplicate of {who}: {why}; imported as a separate contact "
        "(reseau duplicates lists them)",
        {"who": who(index.by_id[cid]), "why": _WHY[reason]},
        blocking=False,
        **where,
    )


def difference(d: Draft, unit: Unit, field_name: str, theirs: str, ours: str) -> Problem:
    """A field a matched record gives another value for: said, the user's value kept."""
    return _about_field(
        d, unit, field_name, N_("the file says {theirs!r}; yours is kept: {ours!r}"), theirs, ours
    )


def _about_field(
    d: Draft, unit: Unit, field_name: str, template: str, theirs: str, ours: str
) -> Problem:
    """A warning about one field of a matched record, quoting both values."""
    return Problem(
        template,
        {"theirs": shown(theirs), "ours": shown(ours)},
        line=d.line,
        unit=unit,
        number=d.number,
        name=d.name,
        source=d.source,
        field=CONTACT_FIELD_WORDS.get(field_name, field_name),
        blocking=False,
    )


def as_text(value: Any) -> str:
    """A field's value in a report line."""
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if value is None or value is False:
        return ""
    if value is True:
        return "✓"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def taken(d: Draft, unit: Unit, field_name: str, theirs: Any, ours: Any) -> Problem:
    """A field changed in the card only since the last sync: the card's value is taken."""
    template = N_("changed in the file since the last import: {theirs!r} is taken (was {ours!r})")
    return _about_field(d, unit, field_name, template, as_text(theirs), as_text(ours))


def clash(d: Draft, unit: Unit, field_name: str, theirs: Any, ours: Any) -> Problem:
    """A field changed both in reseau and in the card: the user's value stands, said."""
    template = N_(
        "changed both here and in the file since the last import: the file says {theirs!r}; "
        "yours is kept: {ours!r}"
    )
    return _about_field(d, unit, field_name, template, as_text(theirs), as_text(ours))


def record_problem(d: Draft, unit: Unit, exc: InvalidInput) -> Problem:
    return Problem(
        exc.template,
        exc.values,
        line=d.line,
        unit=unit,
        number=d.number,
        name=d.name,
        source=d.source,
        field=exc.field,
    )
