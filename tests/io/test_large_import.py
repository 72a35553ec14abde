"""LinkedIn's largest export (30,000 connections) imports whole, with duplicates recognised."""

from __future__ import annotations

import csv
import io

from reseau_tui.services.importing import import_file
from reseau_tui.services.network import Network

ROWS = 30_000
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FIRST = ("Camille", "Léa", "Thomas", "Élodie", "Karim", "Sofia", "Jean-Baptiste", "Inès")
LAST = ("Martin", "Bernard", "N'Diaye", "García", "Lefèvre", "Dubois", "Nguyen", "Roux")


def connections(rows: int) -> bytes:
    """A Connections.csv as LinkedIn writes it: BOM, preamble, CRLF; names repeat, links do not."""
    out = io.StringIO(newline="")
    out.write('\ufeffNotes:\r\n"Some email addresses may be missing."\r\n\r\n')
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for i in range(rows):
        hidden = i % 1000 == 999  # members who hide their name
        writer.writerow(
            [
                "" if hidden else FIRST[i % len(FIRST)],
                "" if hidden else f"{LAST[i // len(FIRST) % len(LAST)]} {i}",
                f"https://www.linkedin.com/in/member-{i}",
                f"member{i}@example.com" if i % 3 == 0 and not hidden else "",
                f"Company {i % 500}",
                "Engineer, senior",
                f"{i % 28 + 1} {MONTHS[i % 12]} {2010 + i % 16}",
            ]
        )
    return out.getvalue().encode("utf-8")


def test_thirty_thousand_connections_import_in_one_save(network: Network) -> None:
    network.add_contact("Camille Martin 0", phone="06 00 00 00 00")  # already known by name
    network.add_contact("Someone", email="MEMBER3@example.com")  # already known by email
    network.commit()
    stages: list[str] = []

    report = import_file(
        network,
        "linkedin",
        connections(ROWS),
        progress=lambda stage, done, total: stages.append(stage),
    )
    network.commit()

    hidden = ROWS // 1000
    assert report.total == ROWS and report.nameless == hidden
    assert (report.contacts.new, report.contacts.merged) == (ROWS - hidden - 2, 2)
    # Matched by email under another name: said, and the name the user typed kept.
    assert [p.message() for p in report.problems] == [
        "name: the file says 'Élodie Martin 3'; yours is kept: 'Someone'"
    ]
    assert len(Network(network.path).state.contacts) == ROWS - hidden
    assert {"checking", "matching", "saving"} <= set(stages)
    someone = next(c for c in network.state.contacts.values() if c.name == "Someone")
    assert someone.url == "https://www.linkedin.com/in/member-3"
