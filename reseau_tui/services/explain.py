"""What reseau says when it cannot do what was asked, written once for the app and the shell.

The app shows these in notifications and forms, `reseau` prints them after
"reseau: " on stderr; both take the words from here, so a fix or a better
wording reaches both at once and the French translation is made once.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import Contact
from reseau_tui.i18n import _
from reseau_tui.services.labels import field_label
from reseau_tui.store import DamagedDatabase
from reseau_tui.store.errors import WRONG_SHAPE


def field_problem(field: str, template: str, values: Mapping[str, Any]) -> str:
    """ "Email: is too long (…)": a field's name in the user's words, then what is wrong."""
    return _("{field}: {message}", field=field_label(field), message=_(template, **values))


def invalid_input(exc: InvalidInput) -> str:
    return field_problem(exc.field, exc.template, exc.values)


def read_only(*, looking: bool = False) -> str:
    """Said when a change is refused, or (`looking`) once, when the app opens such a file."""
    if looking:
        return _("This database is read-only: you can look, but changes cannot be saved.")
    return _("This database is read-only: changes cannot be saved.")


def changed_elsewhere(what: str) -> str:
    """A change another writer's edit of the same records made impossible to apply."""
    return _("Not applied, it changed elsewhere: {what}", what=what)


def damaged(path: Path, problem: str) -> str:
    return _("the database {path} {problem}. It was not changed.", path=str(path), problem=problem)


def damaged_database(exc: DamagedDatabase) -> list[str]:
    """Every line about a file that cannot be read: what, the backup, how to keep a copy."""
    lines = [damaged(exc.path, _(exc.problem, **exc.values))]
    if exc.backup:
        lines.append(
            _(
                "newest readable backup: {backup} (restore: cp '{backup}' '{path}')",
                backup=str(exc.backup),
                path=str(exc.path),
            )
        )
    else:
        lines.append(_("no readable backup was found next to it."))
    if exc.problem == WRONG_SHAPE:
        copy = exc.path.with_name(exc.path.name + ".copy")
        lines.append(
            _(
                "the file is plain JSON: to keep everything it holds, copy it "
                "({command}), then correct or remove that record in a text editor.",
                command=f"cp {shlex.quote(str(exc.path))} {shlex.quote(str(copy))}",
            )
        )
    return lines


def ambiguous_name(name: str, candidates: Sequence[Contact], *, shown: int = 10) -> str:
    """ "'Camille' matches several contacts: Camille Martin (Airbus); … Be more precise." """
    names = "; ".join(c.name + (f" ({c.company})" if c.company else "") for c in candidates[:shown])
    more = len(candidates) - shown
    suffix = _(" and {count} more", count=more) if more > 0 else ""
    return _(
        "{name!r} matches several contacts: {names}{more}. Be more precise.",
        name=name,
        names=names,
        more=suffix,
    )
