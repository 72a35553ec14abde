"""LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).

Today's export starts with a `Notes:` preamble whose wording changes, then a
blank line, then the header; the 2019 export has no preamble and no `URL`
column. So the header row is found by its columns, never by skipping lines.
Members who hide their name come out with empty names: skipped and counted
(one whose email is there is named by it, as in every importer).
`Connected On` is `14 Oct 2025`, English month names whatever the locale.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from reseau_tui.domain.text import fold
from reseau_tui.io.common import (
    Draft,
    ParseResult,
    Problem,
    day_start,
    parse_day,
    source_surname,
)
from reseau_tui.io.csv_contacts import csv_rows

_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "company": "company",
    "position": "role",
    "connected on": "connected",
}


def parse_linkedin(text: str, tz: tzinfo) -> ParseResult:
    result = ParseResult("row")
    rows, failure = csv_rows(text, ",")
    header_at = next(
        (
            i
            for i, (_line, row) in enumerate(rows)
            if {"first name", "last name"} <= {fold(c) for c in row}
        ),
        None,
    )
    if header_at is None:
        result.problems.append(
            failure
            or Problem(
                "no header row with First Name and Last Name: is this LinkedIn's Connections.csv?",
                fatal=True,
            )
        )
        return result
    if failure is not None:
        result.problems.append(failure)
        return result
    columns: dict[str, int] = {}
    for index, cell in enumerate(rows[header_at][1]):
        key = _COLUMNS.get(fold(cell))
        if key is not None:
            columns.setdefault(key, index)
    number = 0
    for line, row in rows[header_at + 1 :]:
        if not any(c.strip() for c in row):
            continue
        number += 1
        result.total += 1
        cells = {key: row[i].strip() if i < len(row) else "" for key, i in columns.items()}
        name = " ".join(t for t in (cells.get("first", ""), cells.get("last", "")) if t)
        name = name or cells.get("email", "")  # as every importer: the address says who it is
        if not name:
            result.nameless += 1
            continue
        fields: dict[str, Any] = {
            key: cells[key] for key in ("url", "email", "company", "role") if cells.get(key)
        }
        if surname := source_surname(name, cells.get("last", "")):
            fields["surname"] = surname
        if cells.get("connected"):
            day = parse_day(cells["connected"])
            if day is None:
                result.problems.append(
                    Problem(
                        "{value!r} is not a date; left empty",
                        {"value": cells["connected"]},
                        line=line,
                        unit="row",
                        number=number,
                        name=name,
                        field="connected",
                        blocking=False,
                    )
                )
            else:
                fields["connected"] = day_start(day, tz)
        emails = (fields["email"],) if "email" in fields else ()
        result.drafts.append(Draft(line, number, name, fields, emails))
    return result
