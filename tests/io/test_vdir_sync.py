"""`reseau sync vdir`: the three-way rules, on a folder the test edits as khard would.

The real programs are in tests/carddav; here the folder is changed by hand, so
each rule is shown on its own: who changed what, and what comes out.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reseau_tui.services.network import Network
from reseau_tui.services.vdir_sync import FolderProblem, VdirSync, sync_vdir
from reseau_tui.store.card_state import CardStateError, state_path
from tests.io.conftest import by_name, sample


def sync(network: Network, folder: Path, take: str | None = None) -> VdirSync:
    return sync_vdir(network, folder, take=take, commit=network.commit)  # type: ignore[arg-type]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "cards"
    path.mkdir()
    return path


def card_of(folder: Path, name: str) -> Path:
    (found,) = [p for p in folder.iterdir() if f"FN:{name}".encode() in p.read_bytes()]
    return found


def edit_card(path: Path, old: str, new: str) -> None:
    """What khard does: the file rewritten with one value changed (and a new time)."""
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode()))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_each_contact_becomes_one_card_and_a_second_run_writes_nothing(
    network: Network, folder: Path
) -> None:
    camille = network.add_contact("Camille Martin", email="camille@example.org")
    network.add_contact("Hugo Lambert")

    first = sync(network, folder)
    times = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    second = sync(network, folder)

    assert (first.written, second.written) == (2, 0)
    assert f"{camille.id}.vcf" in times
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == times
    assert b"EMAIL:camille@example.org" in (folder / f"{camille.id}.vcf").read_bytes()
    assert state_path(network.path).stat().st_mode & 0o777 == 0o600


def test_a_card_edited_in_the_folder_is_taken_in_and_not_written_back(
    network: Network, folder: Path
) -> None:
    network.add_contact("Camille Martin", phone="06 11 22 33 44")
    sync(network, folder)
    path = card_of(folder, "Camille Martin")
    edit_card(path, "06 11 22 33 44", "07 99 88 77 66")
    written = path.read_bytes()

    report = sync(network, folder)

    assert (report.updated_here, report.written) == (1, 0)
    assert by_name(network)["Camille Martin"].phone == "07 99 88 77 66"
    assert path.read_bytes() == written


def test_a_card_added_in_the_folder_becomes_a_contact_with_its_uid(
    network: Network, folder: Path
) -> None:
    (folder / "5A0C7B3E-2F4D-4E8A-9B1C-3D2E1F0A9B8C.vcf").write_bytes(
        sample("vcard/radicale-apple.vcf")
    )

    report = sync(network, folder)
    again = sync(network, folder)

    assert (report.added_here, report.written, again.added_here, again.written) == (1, 0, 0, 0)
    assert by_name(network)["Léa Moreau"].card_uid == "5A0C7B3E-2F4D-4E8A-9B1C-3D2E1F0A9B8C"
    assert len(list(folder.iterdir())) == 1


def test_different_fields_changed_on_each_side_both_arrive(network: Network, folder: Path) -> None:
    camille = network.add_contact("Camille Martin", phone="06 11 22 33 44")
    sync(network, folder)
    edit_card(card_of(folder, "Camille Martin"), "06 11 22 33 44", "07 99 88 77 66")
    network.edit_contact(camille.id, company="Thales")
    network.commit()

    report = sync(network, folder)

    assert report.conflicts == []
    assert by_name(network)["Camille Martin"].phone == "07 99 88 77 66"
    text = card_of(folder, "Camille Martin").read_text()
    assert "ORG:Thales" in text and "07 99 88 77 66" in text


def test_one_field_changed_on_both_sides_waits_for_the_user(network: Network, folder: Path) -> None:
    camille = network.add_contact("Camille Martin", company="Airbus")
    sync(network, folder)
    path = card_of(folder, "Camille Martin")
    edit_card(path, "ORG:Airbus", "ORG:Safran")
    network.edit_contact(camille.id, company="Thales")
    network.commit()
    edited = path.read_bytes()

    waiting = sync(network, folder)

    assert [(c.field, c.mine, c.theirs) for c in waiting.conflicts] == [
        ("company", "Thales", "Safran")
    ]
    assert waiting.blocked and path.read_bytes() == edited
    assert Network(network.path, network.clock).state.contacts[camille.id].company == "Thales"
    assert sync(network, folder).blocked  # asked again until chosen

    settled = sync(network, folder, take="theirs")

    assert not settled.blocked
    assert by_name(network)["Camille Martin"].company == "Safran"
    assert sync(network, folder).conflicts == []


def test_taking_mine_writes_reseau_s_value_into_the_card(network: Network, folder: Path) -> None:
    camille = network.add_contact("Camille Martin", company="Airbus")
    sync(network, folder)
    edit_card(card_of(folder, "Camille Martin"), "ORG:Airbus", "ORG:Safran")
    network.edit_contact(camille.id, company="Thales")

    sync(network, folder, take="mine")

    assert "ORG:Thales" in card_of(folder, "Camille Martin").read_text()
    assert by_name(network)["Camille Martin"].company == "Thales"


def test_a_card_deleted_in_the_folder_removes_only_an_untouched_unnamed_contact(
    network: Network, folder: Path
) -> None:
    gone = network.add_contact("Camille Martin")
    edited = network.add_contact("Hugo Lambert")
    met = network.add_contact("Nathalie Bernard")
    network.log_meeting([met.id])
    sync(network, folder)
    for c in (gone, edited, met):
        (folder / f"{c.id}.vcf").unlink()
    network.edit_contact(edited.id, role="Directeur")

    report = sync(network, folder)

    assert sorted(by_name(network)) == ["Hugo Lambert", "Nathalie Bernard"]
    assert (report.removed_here, report.kept) == (1, 2)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{c.id}.vcf" for c in (edited, met)
    )  # kept here: their cards come back


def test_a_contact_deleted_in_reseau_removes_its_untouched_card_only(
    network: Network, folder: Path
) -> None:
    from reseau_tui.domain.state import CONTACTS
    from reseau_tui.store import Operation

    gone = network.add_contact("Camille Martin")
    edited = network.add_contact("Hugo Lambert", company="Airbus")
    sync(network, folder)
    edit_card(folder / f"{edited.id}.vcf", "ORG:Airbus", "ORG:Safran")
    for c in (gone, edited):
        network.apply(Operation.remove("forget", CONTACTS, c.id))
    network.commit()

    report = sync(network, folder)

    assert sorted(p.name for p in folder.iterdir()) == [f"{edited.id}.vcf"]
    assert (report.removed_there, report.kept) == (1, 1)
    assert by_name(network)["Hugo Lambert"].company == "Safran"  # changed there: back


def test_a_new_card_for_a_known_contact_joins_it(network: Network, folder: Path) -> None:
    import_file_ = __import__("reseau_tui.services.importing", fromlist=["import_file"])
    import_file_.import_file(network, "vcard", sample("vcard/radicale-apple.vcf"))
    network.commit()
    (folder / "lea.vcf").write_bytes(sample("vcard/radicale-apple.vcf"))

    report = sync(network, folder)

    assert (report.added_here, report.written) == (0, 0)
    assert list(by_name(network)) == ["Léa Moreau"]
    assert [p.name for p in folder.iterdir()] == ["lea.vcf"]


def test_a_record_of_the_last_sync_that_cannot_be_read_stops_the_sync(
    network: Network, folder: Path
) -> None:
    network.add_contact("Camille Martin")
    state_path(network.path).write_text("{not json")

    with pytest.raises(CardStateError):
        sync(network, folder)

    assert list(folder.iterdir()) == []
    assert state_path(network.path).read_text() == "{not json"


def test_a_folder_that_is_not_one_is_refused(network: Network, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")

    with pytest.raises(FolderProblem):
        sync(network, tmp_path / "missing")
    with pytest.raises(FolderProblem):
        sync(network, tmp_path / "file")


def test_a_card_that_cannot_be_read_is_reported_and_left_as_it_is(
    network: Network, folder: Path
) -> None:
    (folder / "broken.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never Closed\r\n")

    report = sync(network, folder)

    assert [p.source for p in report.problems] == ["broken.vcf"]
    assert by_name(network) == {}
    assert (folder / "broken.vcf").read_bytes().endswith(b"FN:Never Closed\r\n")
