"""Hostile text through the shell commands: stored exactly, printed safely, absurd sizes refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.validation import MAX_NAME
from reseau_tui.services.network import Network
from tests.faults.screen import UNSAFE
from tests.faults.support import hostile_strings

HOSTILE = [*hostile_strings(), "csi8\x9b2J bit", "nel\x85 and \x9d]0;osc8\x9c end"]
TEN_MB = 10 * 1024 * 1024


class Shell:
    def __init__(self, capsys: pytest.CaptureFixture[str], db: Path) -> None:
        self.capsys, self.db = capsys, db

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        status = main(["--db", str(self.db), *args])
        out, err = self.capsys.readouterr()
        for stream in (out, err):
            unsafe = sorted({hex(ord(c)) for c in stream if ord(c) in UNSAFE})
            assert unsafe == [], (args[:1], unsafe, stream[:300])
        return status, out, err


@pytest.fixture
def shell(capsys: pytest.CaptureFixture[str], db_path: Path) -> Shell:
    return Shell(capsys, db_path)


def _name(text: str, i: int) -> str:
    return text if len(text) <= MAX_NAME else f"Long line {i}"


def test_every_command_prints_hostile_text_safely_and_stores_it_exactly(
    shell: Shell, db_path: Path
) -> None:
    for i, text in enumerate(HOSTILE):
        status, out, err = shell("add", _name(text, i), "--company", text[:2000], "--note", text)
        assert status == 0, err
        status, out, err = shell(
            "log",
            _name(text, i),
            "--when",
            "-1d",
            "--note",
            text,
            "--learned",
            text,
            "--lead",
            text[:2000],
            "--promise",
            text[:2000],
        )
        assert status == 0, err

    status, out, _ = shell("contacts")
    assert status == 0
    assert "[bold]Alice[/bold]" in out and "[@click=app.quit]quit[/]" in out
    assert "\N{REPLACEMENT CHARACTER}]0;pwned" in out  # the ESC shown, not obeyed

    status, out, _ = shell("contacts", "--json")
    stored = {c["notes"] for c in json.loads(out)}
    assert stored == set(HOSTILE)  # exact, every byte, through the JSON escapes
    on_disk = orjson.loads(db_path.read_bytes())["contacts"]
    assert {c["notes"] for c in on_disk.values()} == set(HOSTILE)

    status, out, _ = shell("due", "--all")
    assert status == 0 and out
    status, out, _ = shell("due", "--all", "--json")
    items = json.loads(out)
    assert items and all(isinstance(i["draft"], str) for i in items)

    status, _out, err = shell("done", items[0]["id"], "--note", HOSTILE[11])
    assert status == 0, err
    status, _out, err = shell("log", "\x1b]0;nobody\x07 \u202eat all", "--note", "x")
    assert status == 1 and "no contact matches" in err
    status, out, _ = shell("forget", "[bold]Alice[/bold]", "--yes")
    assert status == 0 and out.startswith("Forgot [bold]Alice[/bold]:")


@pytest.mark.parametrize("fmt", ["csv", "json", "vcard", "ics"])
def test_every_export_format_takes_hostile_text(
    shell: Shell, db_path: Path, tmp_path: Path, fmt: str
) -> None:
    for i, text in enumerate(HOSTILE):
        assert shell("add", _name(text, i), "--note", text, "--company", text[:2000])[0] == 0
        assert shell("log", _name(text, i), "--note", text)[0] == 0
    target = tmp_path / f"export.{fmt}"

    status, _out, err = shell("export", fmt, "--output", str(target))

    assert status == 0, err
    assert target.stat().st_size > 0


@pytest.mark.parametrize(
    "args",
    [
        ["add", "x" * TEN_MB],
        ["add", "Camille", "--note", "x" * TEN_MB],
        ["add", "Camille", "--company", "x" * TEN_MB],
        ["milestone", "x" * TEN_MB],
    ],
    ids=["name", "note", "company", "milestone"],
)
def test_a_ten_megabyte_value_is_refused_with_its_size_and_nothing_is_written(
    shell: Shell, db_path: Path, args: list[str]
) -> None:
    status, out, err = shell(*args)

    assert status == 1
    assert "is too long (10,485,760 characters; at most" in err
    assert len(err) < 500 and out == ""  # the value is not echoed back
    assert not db_path.exists()


def test_a_ten_megabyte_note_in_a_meeting_is_refused(shell: Shell, db_path: Path) -> None:
    assert shell("add", "Camille Martin")[0] == 0
    before = db_path.read_bytes()

    status, _out, err = shell("log", "Camille", "--note", "x" * TEN_MB)

    assert status == 1 and "note: is too long (10,485,760 characters" in err
    assert db_path.read_bytes() == before


def test_bytes_that_are_not_utf8_on_the_command_line_are_refused(db_path: Path) -> None:
    """A shell passes raw bytes; Python hands them over as lone surrogates."""
    done = subprocess.run(
        [sys.executable, "-m", "reseau_tui", "--db", str(db_path), "add", b"Zo\xeb \xff"],
        capture_output=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert b"invalid character" in done.stderr and b"Traceback" not in done.stderr
    assert not db_path.exists()


async def test_a_ten_megabyte_paste_in_the_app_is_refused_and_the_app_goes_on(
    network: Network, db_path: Path
) -> None:
    from textual.widgets import Input

    from tests.ui.conftest import make_app, settle

    app = make_app(network)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")
        app.screen.query_one("#name", Input).value = "x" * TEN_MB
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.pause()
        assert any("is too long (10,485,760 characters" in n.message for n in app._notifications)
        await pilot.press("escape", "n", *"Camille", "ctrl+s")
        await settle(app)
    assert [c.name for c in Network(db_path).state.contacts.values()] == ["Camille"]
