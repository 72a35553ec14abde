"""Folders of files: `import vcard DIR`, `export vcard --vdir DIR`, `export ics --vdir DIR`."""

from __future__ import annotations

from pathlib import Path

from reseau_tui.services.import_summary import describe_problem
from reseau_tui.services.importing import import_file, read_folder
from reseau_tui.services.network import Network
from reseau_tui.services.vdir_export import export_ics_folder, export_vcard_folder
from tests.io.conftest import by_name, sample


def test_a_folder_of_cards_imports_as_one_file_naming_each_problem_s_file(
    network: Network, tmp_path: Path
) -> None:
    for name in ("apple-contacts.vcf", "vcard4-related.vcf", "malformed.vcf"):
        (tmp_path / name).write_bytes(sample(f"vcard/{name}"))
    (tmp_path / ".hidden.vcf").write_bytes(b"not a card")
    (tmp_path / "notes.txt").write_bytes(b"not a card")

    refused = import_file(network, "vcard", read_folder(tmp_path))
    report = import_file(network, "vcard", read_folder(tmp_path), skip_invalid=True)

    assert refused.blocked and not refused.applied
    assert [describe_problem(str(tmp_path), p) for p in refused.errors] == [
        f"{tmp_path}/malformed.vcf:13: card 3 (Never Closed): the card is never closed "
        "(no END:VCARD)"
    ]
    assert sorted(by_name(network)) == [
        "Broken Card",
        "Hugo Lambert",
        "Léa Moreau",
        "Valid Person",
    ]
    assert report.contacts.new == 4


def test_export_vcard_vdir_writes_one_card_each_and_then_only_what_changed(
    network: Network, tmp_path: Path
) -> None:
    camille = network.add_contact("Camille Martin")
    network.add_contact("Hugo Lambert")

    first = export_vcard_folder(network, tmp_path)
    network.edit_contact(camille.id, company="Thales")
    second = export_vcard_folder(network, tmp_path)

    assert (first.written, second.written, second.unchanged) == (2, 1, 1)
    assert b"ORG:Thales" in (tmp_path / f"{camille.id}.vcf").read_bytes()


def test_export_ics_vdir_keeps_one_file_per_open_follow_up_and_removes_done_ones(
    network: Network, tmp_path: Path
) -> None:
    camille = network.add_contact("Camille Martin")
    network.log_meeting([camille.id])
    (tmp_path / "birthday.ics").write_bytes(b"BEGIN:VCALENDAR\r\nUID:mine@example\r\n")

    first = export_ics_folder(network, tmp_path)
    names = sorted(p.name for p in tmp_path.glob("reseau-*.ics"))
    same = export_ics_folder(network, tmp_path)
    thank = next(i for i in network.queue().items if i.kind == "thank")
    network.decide(thank, "done")
    after = export_ics_folder(network, tmp_path)

    assert first.written == len(names) >= 2
    assert (same.written, same.unchanged) == (0, len(names))
    assert f"reseau-{thank.id}.ics" in names
    assert (after.removed, sorted(p.name for p in tmp_path.glob("reseau-*.ics"))) == (
        1,
        [n for n in names if n != f"reseau-{thank.id}.ics"],
    )
    assert (tmp_path / "birthday.ics").exists()  # not reseau's: never removed
    text = (tmp_path / names[0]).read_text()
    assert text.count("BEGIN:VTODO") == 1 and "@reseau" in text
