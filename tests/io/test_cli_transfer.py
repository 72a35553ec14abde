"""`reseau import` and `reseau export` from the shell: messages, exit codes, files."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import vobject

from reseau_tui.cli.main import main
from reseau_tui.cli.transfer import ProgressBar
from reseau_tui.services.network import Network
from tests.io.conftest import FIXTURES
from tests.io.test_large_import import connections


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def test_malformed_vcard_reports_each_card_and_line_and_exits_1(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(db_path, "import", "vcard", str(FIXTURES / "vcard/malformed.vcf"))

    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "malformed.vcf:11: card 2 (Broken Card): skipped a line that cannot be read: EMAIL "
        "(warning)",
        "reseau: malformed.vcf:13: card 3 (Never Closed): the card is never closed (no END:VCARD)",
        "reseau: malformed.vcf: nothing was imported: 1 problem. Fix it, or import the "
        "valid part (2 of 3) with --skip-invalid.",
    ]
    assert not db_path.exists()


def test_skip_invalid_imports_the_rest_and_still_lists_the_problems(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(db_path, "import", "vcard", str(FIXTURES / "vcard/malformed.vcf"), "--skip-invalid")

    out, err = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == [
        "Imported malformed.vcf:",
        "  contacts: 2 new, 0 merged, 0 already up to date",
        "  skipped: 1 with problems",
        "  1 line that cannot be read was left out of its card (see the warnings)",
    ]
    assert len(err.splitlines()) == 2
    assert run(db_path, "contacts", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["name"], c.get("email")) for c in listed] == [
        ("Broken Card", None),
        ("Valid Person", "valid@example.com"),
    ]


def test_dry_run_writes_nothing(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(
        db_path, "import", "linkedin", str(FIXTURES / "linkedin/Connections.csv"), "--dry-run"
    )

    out, _err = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == [
        "Dry run of Connections.csv: nothing was written. It would import:",
        "  contacts: 5 new, 0 merged, 0 already up to date",
        "  skipped: 1 without a name",
    ]
    assert not db_path.exists()


def test_a_missing_file_is_refused(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(db_path, "import", "csv", "nowhere.csv")

    assert code == 1
    assert capsys.readouterr().err == "reseau: nowhere.csv: no such file\n"


def test_import_from_standard_input(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (FIXTURES / "csv/contacts.csv").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    assert run(db_path, "import", "csv", "-") == 0
    assert "contacts: 2 new" in capsys.readouterr().out


def test_escape_sequences_in_a_file_do_not_reach_the_terminal(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = tmp_path / "evil.vcf"
    evil.write_bytes(b"BEGIN:VCARD\r\nFN:\x1b]0;pwned\x07Eve\r\nEMAIL\r\nEND:VCARD\r\n")

    assert run(db_path, "import", "vcard", str(evil)) == 0  # the line left out is a warning

    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "card 1 (\N{REPLACEMENT CHARACTER}]0;pwnedEve)" in err


def test_export_to_stdout_and_to_a_private_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "import", "csv", str(FIXTURES / "csv/contacts.csv")) == 0
    capsys.readouterr()

    assert run(db_path, "export", "vcard", "--vcard-version", "3") == 0
    printed = capsys.readouterr().out
    target = tmp_path / "out" / "contacts.vcf"
    target.parent.mkdir()
    assert run(db_path, "export", "vcard", "--vcard-version", "3", "-o", str(target)) == 0

    assert capsys.readouterr().err == f"Wrote 2 contacts to {target}.\n"
    assert target.read_text(encoding="utf-8").replace("\r\n", "\n") == printed.replace("\r\n", "\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(target.parent) == ["contacts.vcf"]  # no temporary file left
    cards = list(vobject.readComponents(target.read_text(encoding="utf-8")))
    assert sorted(c.fn.value for c in cards) == ["Anne Petit", "Bruno Caron"]
    assert all(c.version.value == "3.0" for c in cards)


def test_export_refuses_to_overwrite_the_database(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "import", "csv", str(FIXTURES / "csv/contacts.csv")) == 0
    before = db_path.read_bytes()

    assert run(db_path, "export", "json", "-o", str(db_path)) == 1

    assert "is your database" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_ics_export_from_the_shell(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    network = Network(db_path)
    network.log_meeting([network.add_contact("Anne Petit").id])
    network.commit()

    assert run(db_path, "export", "ics", "--events") == 0

    out = capsys.readouterr().out
    assert "BEGIN:VEVENT" in out and "BEGIN:VTODO" not in out
    assert "SUMMARY:Thank: Anne Petit" in out


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "Connections.csv"
    big.write_bytes(connections(2_000))

    assert run(db_path, "import", "linkedin", str(big)) == 0

    out, err = capsys.readouterr()
    assert "\r" not in err and err == ""
    assert "contacts: 1,998 new" in out


def test_progress_bar_draws_in_place_for_large_files_only() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, width=10)

    bar("matching", 0, 999)
    assert stream.getvalue() == ""
    for done in range(0, 2_001, 100):
        bar("matching", done, 2_000)
    bar.close()

    drawn = stream.getvalue().split("\r")
    assert drawn[1] == "matching   [----------] 0/2,000\x1b[K"
    assert "matching   [#####-----] 1,000/2,000\x1b[K" in drawn
    assert drawn[-2] == "matching   [##########] 2,000/2,000\x1b[K"
    assert drawn[-1] == "\x1b[K"  # the line is cleared for what follows
    assert len(drawn) == 13  # redrawn only when the bar changes


class ClosedPipe:
    """Standard output whose reader has gone (`reseau export vcard | head -1`)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = self

    def write(self, data: bytes) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self.fd


def test_export_into_a_pipe_closed_early_is_quiet(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    network = Network(db_path)
    network.add_contact("Anne")
    network.commit()
    with open(tmp_path / "stdout", "wb") as fake:
        monkeypatch.setattr(sys, "stdout", ClosedPipe(fake.fileno()))

        code = run(db_path, "export", "vcard")

        # What is still written at exit goes nowhere instead of failing again.
        assert os.path.samestat(os.fstat(fake.fileno()), os.stat(os.devnull))
    assert code == 0


def test_other_commands_do_not_load_the_format_libraries() -> None:
    code = (
        "import sys\n"
        "import reseau_tui.cli.main\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'vobject', 'icalendar'})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
