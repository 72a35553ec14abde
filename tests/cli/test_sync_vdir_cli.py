"""`reseau sync vdir`, `reseau import vcard DIR` and `reseau export --vdir` as a user runs them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.support import Shell


@pytest.fixture
def sh(capsys: pytest.CaptureFixture[str]) -> Shell:
    return Shell(capsys)


def edit(path: Path, old: str, new: str) -> None:
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode()))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_fields_changed_on_both_sides_are_listed_then_settled_with_take(
    sh: Shell, tmp_path: Path
) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    sh.ok("add", "Camille Martin", "--company", "Airbus")
    assert "1 card written" in sh.ok("sync", "vdir", str(cards))
    (card,) = cards.iterdir()
    edit(card, "ORG:Airbus", "ORG:Safran")
    sh.ok("edit", "Camille", "--company", "Thales")

    assert sh("sync", "vdir", str(cards)) == 1
    assert sh.out.splitlines() == [
        f"{cards}: these fields were changed differently in reseau and in the cards; "
        "nothing was written:",
        "  Camille Martin · company",
        "      reseau:   Thales",
        "      the card: Safran",
        f"Keep reseau's values:    reseau sync vdir {cards} --take mine",
        f"Keep the cards' values:  reseau sync vdir {cards} --take theirs",
    ]
    assert b"ORG:Safran" in card.read_bytes()

    out = sh.ok("sync", "vdir", str(cards), "--take", "mine")
    assert "fields changed on both sides: kept reseau's values" in out
    assert b"ORG:Thales" in card.read_bytes()


def test_sync_vdir_in_french(sh: Shell, tmp_path: Path) -> None:
    sh.ok("add", "Camille Martin")
    out = sh.ok("--lang", "fr", "sync", "vdir", str(tmp_path))
    assert out.splitlines() == [f"Synchronisé avec {tmp_path}\u00a0:", "  1 fiche écrite"]


def test_a_missing_folder_is_refused_plainly(sh: Shell, tmp_path: Path) -> None:
    assert sh("sync", "vdir", str(tmp_path / "nope")) == 1
    assert f"{tmp_path / 'nope'}: no such folder" in sh.err


def test_import_reads_a_folder_and_export_writes_one(sh: Shell, tmp_path: Path) -> None:
    source, target = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    target.mkdir()
    (source / "a.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEND:VCARD\r\n")
    (source / "b.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Chen\r\nEND:VCARD\r\n")

    assert "2 new" in sh.ok("import", "vcard", str(source))
    sh.ok("export", "vcard", "--vdir", str(target))

    assert "2 files written, 0 unchanged" in sh.err
    assert sorted(p.read_bytes().split(b"\r\n")[2] for p in target.iterdir()) == [
        b"FN:Ana Lima",
        b"FN:Bo Chen",
    ]
    assert sh("export", "csv", "--vdir", str(target)) == 1
    assert "--vdir writes vcard or ics" in sh.err
