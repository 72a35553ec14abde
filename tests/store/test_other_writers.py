"""The app stays open while `reseau add` runs elsewhere: nobody's saved change is lost."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.state import CONTACTS
from reseau_tui.services.network import Network
from reseau_tui.store import Operation


def _names_on_disk(path: Path) -> set[str]:
    return {c["name"] for c in orjson.loads(path.read_bytes())["contacts"].values()}


@pytest.fixture
def camille(db_path: Path, clock: FixedClock) -> str:
    network = Network(db_path, clock)
    contact = network.add_contact("Camille Martin", company="Airbus", role="Engineer")
    network.commit()
    return contact.id


def test_two_open_networks_both_keep_their_new_contacts(db_path: Path, clock: FixedClock) -> None:
    a = Network(db_path, clock)
    b = Network(db_path, clock)
    b.add_contact("Zoë N'Diaye")
    assert b.commit().saved == 1

    a.add_contact("Léa Petit")
    report = a.commit()

    assert report.saved == 1
    assert report.reloaded
    assert report.conflicts == []
    assert _names_on_disk(db_path) == {"Zoë N'Diaye", "Léa Petit"}
    assert {c.name for c in a.state.contacts.values()} == {"Zoë N'Diaye", "Léa Petit"}


def test_a_later_writer_does_not_undo_an_earlier_save(db_path: Path, clock: FixedClock) -> None:
    a = Network(db_path, clock)
    b = Network(db_path, clock)
    a.add_contact("Léa Petit")
    a.commit()
    b.add_contact("Zoë N'Diaye")
    b.commit()
    c = Network(db_path, clock)
    c.add_contact("Hugo Bernard")
    c.commit()
    a.add_contact("Inès Moreau")
    a.commit()

    assert _names_on_disk(db_path) == {"Léa Petit", "Zoë N'Diaye", "Hugo Bernard", "Inès Moreau"}


def test_editing_a_contact_deleted_elsewhere_is_reported_not_dropped(
    db_path: Path, clock: FixedClock, camille: str
) -> None:
    a = Network(db_path, clock)
    b = Network(db_path, clock)
    b.apply(Operation.remove("delete Camille Martin", CONTACTS, camille))
    b.commit()

    a.edit_contact(camille, company="Thales")
    a.add_contact("Léa Petit")
    report = a.commit()

    [conflict] = report.conflicts
    assert "edit contact Camille Martin" in str(conflict)
    assert "deleted elsewhere" in conflict.reason
    assert report.saved == 1  # the new contact, which still applies, is saved
    assert _names_on_disk(db_path) == {"Léa Petit"}
    assert camille not in a.state.contacts
    assert a.store.pending == 0


def test_two_writers_editing_different_fields_of_one_contact_both_win(
    db_path: Path, clock: FixedClock, camille: str
) -> None:
    a = Network(db_path, clock)
    b = Network(db_path, clock)
    b.edit_contact(camille, role="Head of design")
    b.commit()

    a.edit_contact(camille, company="Thales", tags=("aero",))
    report = a.commit()

    assert report.conflicts == []
    saved = orjson.loads(db_path.read_bytes())["contacts"][camille]
    assert saved["role"] == "Head of design"
    assert saved["company"] == "Thales"
    assert saved["tags"] == ["aero"]
    assert a.contact(camille).role == "Head of design"


def test_clearing_a_field_is_replayed_on_a_newer_file(
    db_path: Path, clock: FixedClock, camille: str
) -> None:
    a = Network(db_path, clock)
    b = Network(db_path, clock)
    b.add_contact("Zoë N'Diaye")
    b.commit()

    a.edit_contact(camille, company="")
    a.commit()

    saved = orjson.loads(db_path.read_bytes())["contacts"][camille]
    assert "company" not in saved
    assert saved["role"] == "Engineer"


def test_an_open_network_picks_up_a_contact_added_from_the_shell(
    db_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    app = Network(db_path, clock)
    assert app.reload_if_changed() is None

    assert main(["add", "Zoë N'Diaye"]) == 0
    new_id = capsys.readouterr().out.strip()

    assert app.reload_if_changed() == []
    assert app.contact(new_id).name == "Zoë N'Diaye"


def test_unsaved_changes_survive_picking_up_an_outside_change(
    db_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    app = Network(db_path, clock)
    mine = app.add_contact("Léa Petit")

    assert main(["add", "Zoë N'Diaye"]) == 0
    assert app.reload_if_changed() == []
    assert mine.id in app.state.contacts  # still shown, still pending
    app.commit()

    assert _names_on_disk(db_path) == {"Léa Petit", "Zoë N'Diaye"}


def test_reseau_add_refuses_when_the_introducer_is_unknown(
    db_path: Path, camille: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db_path.read_bytes()

    assert main(["add", "Zoë N'Diaye", "--introduced-by", "Nobody"]) == 1

    assert "no contact matches 'Nobody'" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_introduced_by_finds_the_introducer_by_a_partial_name(
    db_path: Path, camille: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", "Zoë N'Diaye", "--introduced-by", "camille"]) == 0
    new_id = capsys.readouterr().out.strip()

    saved = orjson.loads(db_path.read_bytes())["contacts"][new_id]
    assert saved["introduced_by"] == camille
