"""`reseau undo`: the last change made from the shell, said first, asked on a terminal.

The clock is Thursday 26 November 2026, 10:00 in Paris. What is compared is
the file on disk: its tables, the revision stamp in `meta` aside.
"""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import Any

import orjson
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store.last_change import last_change_path
from tests.cli.support import Shell, on_fixed_clock


class Terminal(io.StringIO):
    """What the user types at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    shell = Shell(capsys)
    shell.ok("add", "Camille Martin", "--company", "Airbus")
    return shell


def on_disk(db_path: Path) -> dict[str, Any]:
    tables = orjson.loads(db_path.read_bytes())
    return {name: docs for name, docs in tables.items() if name != "meta" and docs}


def test_undo_says_what_it_undid_and_the_file_is_as_before(reseau: Shell, db_path: Path) -> None:
    before = on_disk(db_path)
    reseau.ok("log", "camille", "--when", "yesterday 18h", "--note", "Café", "--promised", "CV")
    assert on_disk(db_path) != before

    reseau.ok("undo", "--yes")

    assert "Undone: log meeting with Camille Martin (saved 26 November 2026 10:00)." in reseau.err
    assert on_disk(db_path) == before
    assert reseau.due("--all") == []


def test_a_second_undo_has_nothing_left_to_undo(reseau: Shell, db_path: Path) -> None:
    reseau.ok("edit", "camille", "--company", "Thales")
    reseau.ok("undo", "--yes")
    after_undo = db_path.read_bytes()

    assert reseau("undo", "--yes") == 1

    assert "Nothing to undo: no change made from the shell is left to undo." in reseau.err
    assert db_path.read_bytes() == after_undo  # the add before it stays: one change only
    assert "Airbus" in reseau.ok("contacts")


def test_without_a_terminal_undo_needs_yes(reseau: Shell, db_path: Path) -> None:
    reseau.ok("edit", "camille", "--company", "Thales")
    before = db_path.read_bytes()

    assert reseau("undo") == 1

    assert (
        "not undone: asking first needs a terminal; to undo edit contact Camille Martin "
        "(saved 26 November 2026 10:00) without asking, add --yes"
    ) in reseau.err
    assert db_path.read_bytes() == before
    reseau.ok("undo", "--yes")  # still there to undo
    assert "Airbus" in reseau.ok("contacts")


def test_on_a_terminal_undo_asks_first(
    reseau: Shell, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reseau.ok("edit", "camille", "--company", "Thales")
    before = db_path.read_bytes()
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))

    assert reseau("undo") == 1

    assert "Undo the last change made from the shell: edit contact Camille Martin" in reseau.err
    assert "Nothing was undone." in reseau.err
    assert db_path.read_bytes() == before
    monkeypatch.setattr("sys.stdin", Terminal("oui\n"))
    reseau.ok("undo")
    assert "Airbus" in reseau.ok("contacts")


def test_undo_is_refused_once_another_writer_changed_those_records(
    reseau: Shell, db_path: Path, clock: FixedClock
) -> None:
    reseau.ok("edit", "camille", "--company", "Thales", "--role", "Buyer")
    other = Network(db_path, clock)  # the app, open all day
    other.edit_contact(other.find("Camille").id, company="Safran")
    other.commit()
    before = db_path.read_bytes()

    assert reseau("undo", "--yes") == 1

    assert "not undone: edit contact Camille Martin (saved 26 November 2026 10:00)." in reseau.err
    assert "Camille Martin was changed elsewhere since (company). Nothing was changed." in (
        reseau.err
    )
    assert db_path.read_bytes() == before


def test_an_import_from_the_shell_is_undone_whole(
    reseau: Shell, db_path: Path, tmp_path: Path
) -> None:
    before = on_disk(db_path)
    source = tmp_path / "people.csv"
    rows = [f"Person {i},Company {i},person{i}@example.com" for i in range(300)]
    source.write_text("name,company,email\nCamille Martin,,c@airbus.example\n" + "\n".join(rows))
    reseau.ok("import", "csv", str(source))
    assert len(on_disk(db_path)["contacts"]) == 301

    reseau.ok("undo", "--yes")

    assert "Undone: import csv: 300 new, 1 merged contacts" in reseau.err
    assert on_disk(db_path) == before


def test_forgetting_someone_leaves_nothing_to_undo(reseau: Shell, db_path: Path) -> None:
    reseau.ok("log", "camille", "--when", "yesterday", "--note", "Café")
    assert last_change_path(db_path).exists()

    reseau.ok("forget", "camille", "--yes")

    assert not last_change_path(db_path).exists()  # it held what was forgotten
    assert reseau("undo", "--yes") == 1
    assert "Nothing to undo" in reseau.err


def test_the_record_of_the_last_change_is_private(reseau: Shell, db_path: Path) -> None:
    reseau.ok("edit", "camille", "--note", "Likes jazz")
    record = last_change_path(db_path)
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert record.parent != db_path.parent  # with the cache, not beside the data


def test_an_unreadable_record_undoes_nothing(reseau: Shell, db_path: Path) -> None:
    reseau.ok("edit", "camille", "--company", "Thales")
    last_change_path(db_path).write_text('{"format": 1, "undo": 3}')
    before = db_path.read_bytes()

    assert reseau("undo", "--yes") == 1

    assert "cannot be read" in reseau.err
    assert db_path.read_bytes() == before
