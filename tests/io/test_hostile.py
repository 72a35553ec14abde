"""Names and notes that break naive apps go out and come back exactly as they were."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from reseau_tui.domain.validation import MAX_NAME
from reseau_tui.services.exporting import export_csv, export_json, export_vcard
from reseau_tui.services.importing import import_file
from reseau_tui.services.network import Network
from tests.io.conftest import hostile_strings

Fresh = Callable[[str], Network]
HOSTILE = hostile_strings()


def hostile_network(network: Network) -> None:
    for i, text in enumerate(HOSTILE):
        network.add_contact(
            text if len(text) <= MAX_NAME else f"Long line {i}",
            company=text[:2000],
            role=text[:2000],
            notes=text,
            email=text[:2000],
            url=text[:2000],
            phone=text[:100],
        )
    network.commit()


FIELDS = ("name", "company", "role", "notes", "email", "url", "phone")


def fields_by_position(network: Network) -> list[tuple[str, ...]]:
    contacts = sorted(network.state.contacts.values(), key=lambda c: c.notes)
    return [tuple(getattr(c, f) for f in FIELDS) for c in contacts]


def as_sent(text: str) -> str:
    """vCard has one escape for a line break (\\n): a CR comes back as a plain newline."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_hostile_strings_are_all_in_the_sample() -> None:
    assert len(HOSTILE) == 17
    assert any("\x1b" in s for s in HOSTILE) and any(len(s) > 4000 for s in HOSTILE)


@pytest.mark.parametrize("export", [export_csv, export_json], ids=["csv", "json"])
def test_csv_and_json_keep_every_byte(
    network: Network, fresh: Fresh, export: Callable[[Network], bytes]
) -> None:
    hostile_network(network)
    copy = fresh("copy")

    report = import_file(copy, "csv" if export is export_csv else "json", export(network))

    assert report.errors == []
    assert fields_by_position(copy) == fields_by_position(network)


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_keeps_every_character(network: Network, fresh: Fresh, version: str) -> None:
    hostile_network(network)
    copy = fresh("copy")

    report = import_file(copy, "vcard", export_vcard(network, version))  # type: ignore[arg-type]

    assert report.errors == []
    expected = [tuple(as_sent(v) for v in row) for row in fields_by_position(network)]
    assert fields_by_position(copy) == expected
    changed = [row for row in fields_by_position(copy) if row not in fields_by_position(network)]
    assert changed == [tuple(as_sent("tab\there\r\ncrlf") for _ in FIELDS)]


def test_hostile_names_in_a_linkedin_export_are_stored_exactly(network: Network) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "URL", "Company", "Connected On"])
    short = [s for s in HOSTILE if len(s) <= MAX_NAME]
    for i, text in enumerate(short):
        writer.writerow([text, "", f"https://www.linkedin.com/in/{i}", text, "1 Jan 2024"])

    report = import_file(network, "linkedin", out.getvalue().encode())

    assert report.contacts.new == len(short)
    assert sorted(c.name for c in network.state.contacts.values()) == sorted(short)
    assert all(c.company == c.name for c in network.state.contacts.values())
