"""An import report in words: what was added, merged, skipped, and every problem with its line.

Shared by `reseau import` and the app's import screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reseau_tui.i18n import Num, _, n_
from reseau_tui.services.explain import field_problem
from reseau_tui.services.labels import table_name

if TYPE_CHECKING:
    from reseau_tui.io.common import Problem
    from reseau_tui.services.importing import ImportReport, Tally


def unit_label(unit: str) -> str:
    return {"card": _("card"), "row": _("row"), "record": _("record")}.get(unit, unit)


def describe_problem(source: str, p: Problem) -> str:
    """`file:line: card 2 (Name): field: message`, translated."""
    if p.source:  # a file of the folder imported
        source = f"{source.rstrip('/')}/{p.source}"
    where = f"{source}:{p.line}" if p.line else source
    parts = [where]
    if p.number is not None:
        record = f"{unit_label(p.unit)} {p.number}"
        parts.append(f"{record} ({p.name})" if p.name else record)
    elif p.name:
        parts.append(p.name)
    message = _(p.template, **p.values)
    if p.field:
        message = field_problem(p.field, p.template, p.values)
    parts.append(message if p.blocking else _("{message} (warning)", message=message))
    return ": ".join(parts)


def _tally(t: Tally) -> str:
    """ "1,998 new, 0 merged, 2 already up to date" ("0 fusionné": French counts 0 as one)."""
    return _(
        "{new}, {merged}, {unchanged}",
        new=n_("{n} new", "{n} new", t.new, n=Num(t.new)),
        merged=n_("{n} merged", "{n} merged", t.merged, n=Num(t.merged)),
        unchanged=n_(
            "{n} already up to date", "{n} already up to date", t.unchanged, n=Num(t.unchanged)
        ),
    )


def summary_lines(report: ImportReport) -> list[str]:
    lines = [_("contacts: {tally}", tally=_tally(report.contacts))]
    for table, tally in report.others.items():
        lines.append(_("{table}: {tally}", table=table_name(table), tally=_tally(tally)))
    skipped = []
    if report.nameless:
        skipped.append(
            n_(
                "{n} without a name",
                "{n} without a name",
                report.nameless,
                n=Num(report.nameless),
            )
        )
    if report.invalid:
        skipped.append(
            n_("{n} with problems", "{n} with problems", report.invalid, n=Num(report.invalid))
        )
    if skipped:
        lines.append(_("skipped: {list}", list=", ".join(skipped)))
    if report.skipped_lines:
        lines.append(
            n_(
                "{n} line that cannot be read was left out of its card (see the warnings)",
                "{n} lines that cannot be read were left out of their cards (see the warnings)",
                report.skipped_lines,
                n=Num(report.skipped_lines),
            )
        )
    if report.possible_duplicates:
        lines.append(
            n_(
                "possible duplicates: {n} imported as a separate contact, not merged "
                "(reseau duplicates lists them; reseau merge joins two)",
                "possible duplicates: {n} imported as separate contacts, not merged "
                "(reseau duplicates lists them; reseau merge joins two)",
                report.possible_duplicates,
                n=Num(report.possible_duplicates),
            )
        )
    if report.differing:
        lines.append(
            n_(
                "{n} contact has other values in the file: yours were kept (see the warnings)",
                "{n} contacts have other values in the file: yours were kept (see the warnings)",
                report.differing,
                n=Num(report.differing),
            )
        )
    if report.conflicting:
        lines.append(
            n_(
                "{n} contact was changed both here and in the file since the last import: "
                "yours was kept, not merged (see the warnings)",
                "{n} contacts were changed both here and in the file since the last import: "
                "yours were kept, not merged (see the warnings)",
                report.conflicting,
                n=Num(report.conflicting),
            )
        )
    return lines


def guess_format(name: str, head: bytes) -> str:
    """The import format a file most likely is, from its name and first bytes."""
    lower = name.lower()
    if lower.endswith((".vcf", ".vcard")):
        return "vcard"
    if lower.endswith(".json") or ".json.bak-" in lower:
        return "json"
    text = head.decode("utf-8", errors="replace").lower()
    if "begin:vcard" in text:
        return "vcard"
    if "connected on" in text and "first name" in text:
        return "linkedin"
    if text.lstrip("\ufeff \r\n\t").startswith("{"):
        return "json"
    return "csv"
