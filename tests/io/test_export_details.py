"""Exports other programs take as they are: spreadsheets, folders, calendars, links, order."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.codec import contact_to_doc
from reseau_tui.domain.models import create_contact
from reseau_tui.domain.state import CONTACTS
from reseau_tui.services.exporting import export_csv, export_ics, export_vcard
from reseau_tui.services.importing import import_file
from reseau_tui.services.network import Network
from reseau_tui.store import Operation
from tests.io.conftest import by_name
from tests.io.test_ics import log_a_meeting
from tests.io.test_round_trip import Fresh

# --- 8. a CSV for Excel ---------------------------------------------------------------


def excel_rows(network: Network) -> list[dict[str, str]]:
    text = export_csv(network, excel=True).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_excel_csv_keeps_the_0_and_the_plus_of_phone_numbers(network: Network) -> None:
    network.add_contact("Anne Petit", phone="0612345678")
    network.add_contact("Bruno Caron", phone="+33612345678")
    network.add_contact("Chloé Martin", phone="+33 6 12 34 56 78")

    phones = {row["name"]: row["phone"] for row in excel_rows(network)}

    # A text formula: Excel and LibreOffice show 0612345678, not 612345678.
    assert phones == {
        "Anne Petit": '="0612345678"',
        "Bruno Caron": '="+33612345678"',
        "Chloé Martin": '="+33 6 12 34 56 78"',
    }


def test_excel_csv_shows_formula_like_text_without_an_apostrophe(network: Network) -> None:
    network.add_contact('=HYPERLINK("http://evil")', role="-2+3", company="@Work")

    (row,) = excel_rows(network)

    assert row["name"] == '="=HYPERLINK(""http://evil"")"'  # shown as the text, never run
    assert (row["role"], row["company"]) == ('="-2+3"', '="@Work"')
    assert not any(cell.startswith("'") for cell in row.values())


def test_excel_csv_comes_back_exactly(network: Network, fresh: Fresh) -> None:
    network.add_contact("=SUM(A1:A9)", phone="0612345678", notes='say "hi"\nthen =1+1')
    network.add_contact("Long", role="=" + "x" * 300)  # too long for a formula's text

    copy = fresh("copy")
    report = import_file(copy, "csv", export_csv(network, excel=True))

    assert report.problems == []
    assert {(c.name, c.phone, c.notes, c.role) for c in copy.state.contacts.values()} == {
        ("=SUM(A1:A9)", "0612345678", 'say "hi"\nthen =1+1', ""),
        ("Long", "", "", "=" + "x" * 300),
    }


# --- 10. folders, calendar UIDs, links ----------------------------------------------------


def test_an_export_to_a_folder_path_that_does_not_exist_makes_no_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Network(db_path).add_contact("Anne Petit")
    Network(db_path).commit()
    target = tmp_path / "exports"

    assert main(["--db", str(db_path), "export", "vcard", "-o", f"{target}/"]) == 1

    assert capsys.readouterr().err == f"reseau: {target}/: no such folder\n"
    assert not target.exists()


def test_an_export_to_a_folder_says_how_to_name_the_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()

    assert main(["--db", str(db_path), "export", "json", "-o", f"{folder}/"]) == 1

    assert capsys.readouterr().err == (
        f"reseau: {folder}/: is a folder, not a file; name the file, e.g. "
        f"{folder / 'reseau-backup.json'}\n"
    )
    assert list(folder.iterdir()) == []


def test_todos_and_events_of_one_follow_up_have_different_uids(network: Network) -> None:
    log_a_meeting(network)

    todos = icalendar.Calendar.from_ical(export_ics(network)).walk("VTODO")
    events = icalendar.Calendar.from_ical(export_ics(network, events=True)).walk("VEVENT")

    todo_uids = {str(c["UID"]) for c in todos}
    event_uids = {str(c["UID"]) for c in events}
    assert len(todo_uids) == len(event_uids) == len(network.queue().items)
    assert not todo_uids & event_uids  # a calendar given both keeps both


def test_vcard_links_are_written_without_backslashes(network: Network, fresh: Fresh) -> None:
    link = "https://maps.example.com/place?q=48.85,2.35;zoom=12"
    network.add_contact("Anne Petit", url=link)

    text = export_vcard(network).decode()

    assert f"URL:{link}\r\n" in text
    copy = fresh("copy")
    import_file(copy, "vcard", text.encode())
    assert by_name(copy)["Anne Petit"].url == link


# --- 11. the same order every time ---------------------------------------------------------


def test_contacts_of_one_name_list_in_the_same_order_after_a_backup_is_restored(
    network: Network, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two people named alike, the one added first with the larger id.
    for cid, email in (
        ("ffffffff-0000-4000-8000-000000000001", "anne@laposte.example"),
        ("00000000-0000-4000-8000-000000000002", "anne@airbus.example"),
    ):
        contact = replace(create_contact("Anne Petit", created=network.now(), email=email), id=cid)
        network.apply(Operation.insert("add", CONTACTS, contact_to_doc(contact)))
    network.commit()
    backup = tmp_path / "backup.json"
    restored = tmp_path / "restored.json"

    assert main(["--db", str(network.path), "contacts", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["--db", str(network.path), "export", "json", "-o", str(backup)]) == 0
    assert main(["--db", str(restored), "import", "json", str(backup)]) == 0
    capsys.readouterr()
    assert main(["--db", str(restored), "contacts", "--json"]) == 0
    after = json.loads(capsys.readouterr().out)

    assert [c["email"] for c in after] == [c["email"] for c in before]
    assert [c["email"] for c in before] == ["anne@airbus.example", "anne@laposte.example"]
