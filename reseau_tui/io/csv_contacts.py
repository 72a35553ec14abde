"""Contacts from and to a spreadsheet: a header row names the columns, in English or French.

French spreadsheets separate with `;`, others with `,`: the header line tells
which. Tags are separated by `;` (or `,` in a cell without `;`). Cells that a
spreadsheet would run as a formula are written with a leading `'`, which the
import takes off again, so a name like `=HYPERLINK(...)` comes back as it was.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from datetime import tzinfo
from typing import Any

from reseau_tui.domain.models import Contact
from reseau_tui.domain.text import fold
from reseau_tui.io.common import (
    Draft,
    ParseResult,
    Problem,
    parse_birthday,
    parse_flag,
    parse_moment,
    source_surname,
)

# What the export writes, in this order; the import reads these and their French names.
COLUMNS = (
    "name",
    "company",
    "role",
    "email",
    "phone",
    "url",
    "circle",
    "tags",
    "introduced_by",
    "notes",
    "birthday",
    "connected",
    "cadence",
    "archived",
    "familiar",
)

# Each field's column names, the best first: a file with several (Outlook's "Title",
# Mr. or Ms., and its "Job Title") is read from the best one. Email, phone and link
# are read from the first of their columns that a row fills (`_EACH_ROW`).
_HEADERS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "nom",
        "full name",
        "nom complet",
        "display name",  # Thunderbird
        "nom et prenom",
        "prenom et nom",
        "prenom nom",
        "contact",
    ),
    "first_name": ("first name", "prenom", "given name"),
    "last_name": ("last name", "nom de famille", "family name", "surname"),
    "company": (
        "company",
        "entreprise",
        "societe",
        "organisation",
        "organization",  # Thunderbird
        "organization name",  # Google Contacts
        "organization 1 name",  # Google Contacts before 2023
        "employeur",
        "employer",
        "structure",
    ),
    "role": (
        "job title",  # Outlook, Thunderbird
        "organization title",  # Google Contacts
        "organization 1 title",
        "position",
        "role",
        "poste",
        "fonction",
        "metier",
        "title",  # Outlook's Mr. or Ms. when "Job Title" is there too
        "titre",
    ),
    "email": (
        "email",
        "e mail",
        "courriel",
        "mail",
        "email address",
        "adresse email",
        "adresse e mail",
        "adresse mail",
        "adresse electronique",
        "e mail address",  # Outlook
        "primary email",  # Thunderbird
        "e mail 2 address",
        "e mail 3 address",
        "secondary email",
    ),
    "phone": (
        "mobile",
        "mobile phone",  # Outlook
        "mobile number",  # Thunderbird
        "cell phone",
        "portable",
        "telephone portable",
        "phone",
        "telephone",
        "tel",
        "phone number",
        "numero de telephone",
        "business phone",  # Outlook
        "work phone",  # Thunderbird
        "home phone",
        "business phone 2",
        "home phone 2",
    ),
    "url": (
        "url",
        "lien",
        "link",
        "linkedin",
        "profil",
        "profile",
        "profile url",
        "profil linkedin",
        "web page",  # Outlook
        "web page 1",  # Thunderbird
        "website",
        "site web",
        "web page 2",
    ),
    "tags": (
        "tags",
        "tag",
        "etiquettes",
        "etiquette",
        "labels",  # Google Contacts
        "group membership",  # Google Contacts before 2023
        "mots cles",
        "categories",  # Outlook
    ),
    "notes": ("notes", "note", "commentaire", "commentaires", "comments", "comment", "remarques"),
    "circle": ("circle", "cercle"),
    "introduced_by": (
        "introduced by",
        "introducer",
        "presente par",
        "presentee par",
        "introduit par",
        "introduite par",
        "recommande par",
        "recommandee par",
    ),
    "birthday": ("birthday", "anniversaire", "date de naissance", "naissance", "birth date"),
    "connected": ("connected", "connected on", "connecte le", "connectee le", "date de connexion"),
    "cadence": ("cadence", "cadence days", "rythme", "frequence"),
    "archived": ("archived", "archive", "archivee"),
    "familiar": ("familiar", "tutoiement", "tutoie"),
}
_HEADER_OF = {
    alias: (key, rank) for key, aliases in _HEADERS.items() for rank, alias in enumerate(aliases)
}
# Google numbers its columns: "E-mail 1 - Value", "Phone 2 - Value", "Website 1 - Value".
_NUMBERED = re.compile(r"^(e mail|phone|website) (\d+) value$")
_NUMBERED_KEY = {"e mail": "email", "phone": "phone", "website": "url"}
_EACH_ROW = frozenset({"email", "phone", "url"})  # the first column a row fills

_CIRCLES_FR = {
    "famille": "family",
    "ami": "friend",
    "amie": "friend",
    "amis": "friend",
    "collegue": "colleague",
    "ancien collegue": "former-colleague",
    "ancienne collegue": "former-colleague",
    "cliente": "client",
    "fournisseur": "supplier",
    "sous traitant": "supplier",
    "ancien eleve": "alumni",
    "ancienne eleve": "alumni",
    "recruteur": "recruiter",
    "recruteuse": "recruiter",
    "connaissance": "acquaintance",
}

# A cell starting with one of these is run as a formula by spreadsheets.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_GUARDED = re.compile(r"^'+[=+\-@\t\r]")
_NUMBER_LIKE = re.compile(r"^[+\-]?[\d\s().\-/]*$")
_TEXT_FORMULA = re.compile(r'^="((?:[^"]|"")*)"$', re.DOTALL)
_FORMULA_TEXT = 255  # the longest text Excel takes in a formula
# A number a spreadsheet would change: its leading 0 or + dropped, or too long to keep.
_CHANGED_AS_NUMBER = re.compile(r"^(\+|0\d)[\d\s.\-]*$|^\d{16,}$")


def header_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[_\-./'’*:]", " ", fold(text))).strip()


def detect_delimiter(text: str) -> str:
    """`;`, tab or `,`: whichever the header line (outside quotes) has most of."""
    first = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(text: str, delimiter: str) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """Rows with the line each starts on; a malformed file gives the problem and where."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        return rows, Problem(
            "the file cannot be read as CSV ({reason})",
            {"reason": str(exc)},
            line=start,
            fatal=True,
        )
    return rows, None


def unguard(cell: str) -> str:
    """A cell as it was before the export protected it from spreadsheets
    (`'=x` → `=x`, and Excel's text formula `="06 12"` → `06 12`)."""
    if m := _TEXT_FORMULA.match(cell):
        return m.group(1).replace('""', '"')
    return cell[1:] if _GUARDED.match(cell) else cell


def as_text(cell: str) -> str:
    """A cell Excel and LibreOffice show as exactly this text: `="…"`, a formula that
    is only a text, so `+33…` and `06…` keep their `+` and `0` and `=SUM(…)` is not
    run, with no apostrophe showing. A cell too long for a formula's text, or of
    several lines, gets the apostrophe instead."""
    if len(cell) > _FORMULA_TEXT or "\n" in cell or "\r" in cell:
        return guard(cell)
    return '="' + cell.replace('"', '""') + '"'


def guard(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    if _GUARDED.match(cell) or (_FORMULA.match(cell) and not _NUMBER_LIKE.match(cell)):
        return "'" + cell
    return cell


GOOGLE_LABELS = " ::: "  # Google Contacts' CSV: "* myContacts ::: Réseau pro"
# The groups every Google contact is in (since 2023, and before): not tags.
_GOOGLE_GROUPS = frozenset({"mycontacts", "my contacts"})


def split_tags(cell: str) -> tuple[str, ...]:
    if GOOGLE_LABELS in cell:
        parts = [p.removeprefix("* ") for p in cell.split(GOOGLE_LABELS)]
        parts = [p for p in parts if p.strip().casefold() not in _GOOGLE_GROUPS]
    else:
        parts = cell.split(";") if ";" in cell else cell.split(",")
    return tuple(t.strip() for t in parts if t.strip())


def join_tags(tags: Iterable[str]) -> str:
    items = list(tags)
    text = ";".join(items)
    # One tag with a comma and no `;` would read back as several tags: a final `;` says not.
    return text + ";" if len(items) == 1 and "," in text and ";" not in text else text


def circle_of(cell: str) -> str:
    key = header_key(cell)
    return _CIRCLES_FR.get(key, key.replace(" ", "-"))


def parse_csv(text: str, tz: tzinfo) -> ParseResult:
    result = ParseResult("row")
    rows, failure = csv_rows(text, detect_delimiter(text))
    if failure is not None:
        result.problems.append(failure)
        return result
    header_at = next(
        (i for i, (_line, row) in enumerate(rows) if any(c.strip() for c in row)), None
    )
    if header_at is None:
        result.problems.append(Problem("the file is empty", fatal=True))
        return result
    header_line, header = rows[header_at]
    columns = _columns(header, header_line, result)
    if not ({"name", "first_name", "last_name"} & columns.keys()):
        if any({"first name", "last name"} <= {fold(c) for c in row} for _n, row in rows):
            result.problems.append(
                Problem(
                    "this is LinkedIn's Connections.csv: import it with `reseau import linkedin`",
                    line=header_line,
                    fatal=True,
                )
            )
            return result
        result.problems.append(
            Problem(
                "no name column: the first row must name the columns "
                "(name or nom, company or entreprise, email or courriel...)",
                line=header_line,
                fatal=True,
            )
        )
        return result
    number = 0
    for line, row in rows[header_at + 1 :]:
        if not any(c.strip() for c in row):
            continue
        number += 1
        result.total += 1
        found = {
            key: [unguard(row[i]) for i in indexes if i < len(row)]
            for key, indexes in columns.items()
        }
        _read_row(found, line, number, tz, result)
    return result


def _columns(header: list[str], line: int, result: ParseResult) -> dict[str, list[int]]:
    """The columns of each field, best first (see `_HEADERS`); unknown ones are reported."""
    ranked: dict[str, list[tuple[int, int]]] = {}
    for index, cell in enumerate(header):
        key_text = header_key(cell)
        found = _HEADER_OF.get(key_text)
        if found is None and (m := _NUMBERED.match(key_text)):
            found = (_NUMBERED_KEY[m.group(1)], 100 + int(m.group(2)))
        if found is None:
            if cell.strip():
                result.problems.append(
                    Problem(
                        "column {column!r} is not one reseau knows; it is ignored",
                        {"column": cell},
                        line=line,
                        blocking=False,
                    )
                )
            continue
        ranked.setdefault(found[0], []).append((found[1], index))
    columns = {key: [i for _rank, i in sorted(found)] for key, found in ranked.items()}
    # "Nom" is the whole name, unless a "Prénom" column says it is the family name.
    names = columns.get("name", [])
    if "first_name" in columns and names and header_key(header[names[0]]) == "nom":
        columns.setdefault("last_name", []).insert(0, names.pop(0))
        if not names:
            del columns["name"]
    return {key: i if key in _EACH_ROW else i[:1] for key, i in columns.items()}


def _values(cells: list[str]) -> list[str]:
    """The values of a field's cells, in order; Google joins several in one cell with " ::: "."""
    return [v.strip() for cell in cells for v in cell.split(GOOGLE_LABELS) if v.strip()]


def _read_row(
    found: Mapping[str, list[str]], line: int, number: int, tz: tzinfo, result: ParseResult
) -> None:
    cells = {key: values[0] if values else "" for key, values in found.items()}
    emails = _values(found.get("email", []))
    phones = _values(found.get("phone", []))
    urls = _values(found.get("url", []))
    first, last = cells.get("first_name", "").strip(), cells.get("last_name", "").strip()
    name = cells.get("name", "").strip() or " ".join(t for t in (first, last) if t)
    if not name and emails:
        name = emails[0]  # a row with an address and no name: the address says who it is
    problems: list[Problem] = []

    def problem(field_name: str, template: str, **values: object) -> None:
        problems.append(
            Problem(
                template, values, line=line, unit="row", number=number, name=name, field=field_name
            )
        )

    if not name:
        problem("name", "must not be empty")
    fields: dict[str, Any] = {}
    for key in ("company", "role", "notes"):
        if cells.get(key):
            fields[key] = cells[key]
    if emails:
        fields["email"] = emails[0]
    if phones:
        fields["phone"] = phones[0]
    if urls:  # the LinkedIn profile, if one of the links is
        fields["url"] = next((u for u in urls if "linkedin." in u.casefold()), urls[0])
    if last and (surname := source_surname(name, last)):
        fields["surname"] = surname
    if cells.get("tags", "").strip():
        fields["tags"] = split_tags(cells["tags"])
    if cells.get("circle", "").strip():
        fields["circle"] = circle_of(cells["circle"])
    if cells.get("birthday", "").strip():
        birthday = parse_birthday(cells["birthday"])
        if birthday is None:
            problem("birthday", "{value!r} is not a date", value=cells["birthday"])
        else:
            fields["birthday"] = birthday
    if cells.get("connected", "").strip():
        connected = parse_moment(cells["connected"], tz)
        if connected is None:
            problem("connected", "{value!r} is not a date", value=cells["connected"])
        else:
            fields["connected"] = connected
    if cells.get("cadence", "").strip():
        cadence = cells["cadence"].strip()
        if cadence.isdecimal() and cadence.isascii():
            fields["cadence_days"] = int(cadence)
        else:
            problem("cadence", "{value!r} is not a number of days", value=cadence)
    for key in ("archived", "familiar"):
        flag = parse_flag(cells.get(key, ""))
        if flag is None:
            problem(key, "{value!r} is neither yes nor no", value=cells[key])
        elif flag:
            fields[key] = True
    if problems:
        result.problems.extend(problems)
        return
    introducer = cells.get("introduced_by", "").strip()
    result.drafts.append(Draft(line, number, name, fields, tuple(emails), introducer=introducer))


def write_csv(
    contacts: Iterable[Contact],
    introducers: Mapping[str, str],
    delimiter: str = ",",
    *,
    excel: bool = False,
) -> str:
    """A header and one row per contact; `introducers` maps an id to the introducer's name.

    With `excel`, phone numbers and cells a spreadsheet would change or run are
    written as Excel's text formula (`as_text`) rather than with an apostrophe.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in contacts:
        row = [
            c.name,
            c.company,
            c.role,
            c.email,
            c.phone,
            c.url,
            c.circle or "",
            join_tags(c.tags),
            introducers.get(c.introduced_by or "", ""),
            c.notes,
            c.birthday,
            c.connected.isoformat() if c.connected else "",
            "" if c.cadence_days is None else str(c.cadence_days),
            "yes" if c.archived else "",
            "yes" if c.familiar else "",
        ]
        if excel:
            row = [
                as_text(cell) if cell and (i == _PHONE or _for_excel(cell)) else cell
                for i, cell in enumerate(row)
            ]
            writer.writerow(row)
        else:
            writer.writerow([guard(cell) for cell in row])
    return buffer.getvalue()


_PHONE = COLUMNS.index("phone")


def _for_excel(cell: str) -> bool:
    return guard(cell) != cell or bool(_CHANGED_AS_NUMBER.match(cell))
