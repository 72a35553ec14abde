"""From the shell: an import keeps two John Does apart, `duplicates` lists them, `merge`
joins them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from tests.cli.support import Shell, on_fixed_clock


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    return Shell(capsys)


def vcf(tmp_path: Path, name: str, *lines: str) -> str:
    path = tmp_path / name
    body = "".join(f"{ln}\r\n" for ln in lines)
    path.write_bytes(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n".encode())
    return str(path)


def two_johns(reseau: Shell, tmp_path: Path) -> tuple[str, str]:
    reseau.ok(
        "import", "vcard", vcf(tmp_path, "a.vcf", "FN:John Doe", "EMAIL:john.doe@acme.example")
    )
    second = vcf(
        tmp_path, "b.vcf", "FN:John Doe", "EMAIL:jdoe@other.example", "TEL:+33 6 00 00 00 00"
    )
    assert reseau("import", "vcard", second, "--dry-run") == 0
    assert reseau.err.splitlines() == [
        "b.vcf:1: card 1 (John Doe): possible duplicate of 'John Doe' (john.doe@acme.example): "
        "another email; imported as a separate contact (reseau duplicates lists them) (warning)"
    ]
    assert reseau.out.splitlines() == [
        "Dry run of b.vcf: nothing was written. It would import:",
        "  contacts: 1 new, 0 merged, 0 already up to date",
        "  possible duplicates: 1 imported as a separate contact, not merged "
        "(reseau duplicates lists them; reseau merge joins two)",
    ]
    reseau.ok("import", "vcard", second)
    people = json.loads(reseau.ok("contacts", "--json"))
    first = next(c["id"] for c in people if c["email"] == "john.doe@acme.example")
    other = next(c["id"] for c in people if c["email"] == "jdoe@other.example")
    return first, other


def test_duplicates_lists_the_pair_with_the_command_that_merges_it(
    reseau: Shell, tmp_path: Path
) -> None:
    first, other = two_johns(reseau, tmp_path)

    out = reseau.ok("duplicates")

    lines = out.splitlines()
    assert lines[0] == "same name:"
    assert sorted(lines[1:3]) == sorted(
        [
            f"  {first} John Doe (john.doe@acme.example)",
            f"  {other} John Doe (jdoe@other.example, +33 6 00 00 00 00)",
        ]
    )
    assert lines[3].startswith("  to merge: reseau merge ")
    assert reseau.err == "1 possible duplicate\n"


def test_merge_by_id_makes_them_one_and_the_list_empty(reseau: Shell, tmp_path: Path) -> None:
    first, other = two_johns(reseau, tmp_path)

    out = reseau.ok("merge", first, other, "--yes")

    assert out.splitlines() == [
        "Merged John Doe into John Doe.",
        "Their other values (email) are in the notes of John Doe.",
    ]
    (john,) = json.loads(reseau.ok("contacts", "--json"))
    assert (john["id"], john["email"], john["phone"]) == (
        first,
        "john.doe@acme.example",
        "+33 6 00 00 00 00",
    )
    assert "jdoe@other.example" in john["notes"]
    reseau.ok("duplicates")
    assert reseau.err == "No possible duplicates.\n"


def test_merge_asks_first_and_a_no_changes_nothing(
    reseau: Shell, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, other = two_johns(reseau, tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))

    assert reseau("merge", first, other) == 1

    assert reseau.err.endswith("Nothing was merged.\n")
    assert len(json.loads(reseau.ok("contacts", "--json"))) == 2


def test_merge_by_an_ambiguous_name_is_refused(reseau: Shell, tmp_path: Path) -> None:
    two_johns(reseau, tmp_path)

    assert reseau("merge", "John Doe", "John Doe", "--yes") == 1

    assert "matches several contacts" in reseau.err
