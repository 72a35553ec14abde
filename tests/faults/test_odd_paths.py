"""`--db` and `RESEAU_DB` that cannot name a file: a plain sentence and status 1, never a traceback.

A loop of symbolic links, a file name longer than the file system takes, or
`~someone` for a user this system does not have: every command and the app
say what is wrong with the path, in the user's language, before anything
opens it, and nothing is written anywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import reseau_tui.ui.launch
from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.locations import PathProblem, database_path
from reseau_tui.ui.app import ReseauApp

COMMANDS = [
    ["due"],
    ["add", "Zoë N'Diaye"],
    ["log", "Zoë", "--new", "--note", "Coffee"],
    ["contacts"],
    ["export", "json"],
    ["forget", "Zoë", "--yes"],
]


def looping(tmp_path: Path) -> Path:
    """`a` links to `b`, which links back to `a`: the database is that loop."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    return tmp_path / "a"


def looping_folder(tmp_path: Path) -> Path:
    """A folder on the way to the database is a loop of links."""
    (tmp_path / "sync").symlink_to(tmp_path / "sync")
    return tmp_path / "sync" / "reseau.json"


def long_name(tmp_path: Path) -> Path:
    return tmp_path / ("r" * 300 + ".json")


def nobody_home(tmp_path: Path) -> str:
    return "~reseau-no-such-user/reseau.json"


PATHS: dict[str, tuple[Callable[[Path], Path | str], str]] = {
    "symlink loop": (looping, "goes through a loop of symbolic links"),
    "loop on the way": (looping_folder, "goes through a loop of symbolic links"),
    "300-character name": (long_name, "has a name of 305 bytes; at most 223 can be used here"),
    "unknown user": (nobody_home, "starts with ~reseau-no-such-user, but this system has no user"),
}


def entries(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """The full-screen app, replaced by a note of the path it was opened on."""
    opened: list[Path | None] = []
    monkeypatch.setattr(reseau_tui.ui.launch, "run_app", lambda db, demo=False: opened.append(db))
    return opened


@pytest.mark.parametrize("kind", sorted(PATHS))
def test_every_command_explains_a_database_path_that_cannot_name_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_app: list[Path | None], kind: str
) -> None:
    make, problem = PATHS[kind]
    db = str(make(tmp_path))
    before = entries(tmp_path)
    for argv in [*COMMANDS, []]:  # [] opens the app
        capsys.readouterr()
        status = main(["--db", db, *argv])
        out, err = capsys.readouterr()
        assert status == 1, (argv, out, err)
        assert err.startswith(f"reseau: the database path {db} {problem}"), (argv, err)
        assert err.count("\n") == 1 and out == ""
    assert no_app == []
    assert entries(tmp_path) == before  # nothing created, not even a lock or a backup


@pytest.mark.parametrize("kind", sorted(PATHS))
def test_reseau_db_that_cannot_name_a_file_is_explained_too(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_app: list[Path | None],
    kind: str,
) -> None:
    make, problem = PATHS[kind]
    db = str(make(tmp_path))
    monkeypatch.setenv("RESEAU_DB", db)
    for argv in (["due"], ["add", "Zoë"], []):
        capsys.readouterr()
        assert main(argv) == 1
        assert capsys.readouterr().err.startswith(f"reseau: the database path {db} {problem}")
    assert no_app == []


def test_the_app_opened_on_such_a_path_says_what_is_wrong_with_it(
    tmp_path: Path, clock: FixedClock
) -> None:
    with pytest.raises(PathProblem) as caught:
        ReseauApp.open(looping(tmp_path), clock=clock)
    assert caught.value.template == "goes through a loop of symbolic links"


def test_the_explanation_is_in_the_users_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(long_name(tmp_path))
    assert main(["--lang", "fr", "--db", db, "due"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reseau\u00a0: le chemin de la base {db} a un nom de 305 octets"), err


def test_a_real_process_ends_with_the_explanation_and_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reseau_tui", "--db", str(looping(tmp_path)), "add", "Zoë"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "goes through a loop of symbolic links" in done.stderr
    assert "Traceback" not in done.stderr


# --- paths that do name a file ------------------------------------------------------------


def test_home_and_relative_paths_name_the_file_they_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = Path(os.environ["HOME"])
    assert main(["--db", "~/reseau.json", "add", "Zoë"]) == 0
    assert (home / "reseau.json").is_file()
    monkeypatch.chdir(tmp_path)
    assert main(["--db", "here.json", "add", "Zoë"]) == 0
    assert (tmp_path / "here.json").is_file()
    assert database_path("here.json") == tmp_path / "here.json"
    assert database_path(Path("~") / "reseau.json") == home / "reseau.json"


def test_a_database_that_is_a_link_is_saved_where_it_points(tmp_path: Path) -> None:
    """The file in a synced folder, linked from elsewhere: saves reach it, the link stays."""
    synced = tmp_path / "Sync"
    synced.mkdir()
    link = tmp_path / "reseau.json"
    link.symlink_to(synced / "reseau.json")
    assert main(["--db", str(link), "add", "Zoë"]) == 0
    assert main(["--db", str(link), "add", "Ana"]) == 0
    assert link.is_symlink() and (synced / "reseau.json").is_file()
    assert database_path(link) == synced / "reseau.json"


def test_a_long_but_usable_name_is_accepted(tmp_path: Path) -> None:
    db = tmp_path / ("r" * 218 + ".json")  # 223 bytes: a backup's name still fits beside it
    assert main(["--db", str(db), "add", "Zoë"]) == 0
    assert main(["--db", str(db), "add", "Ana"]) == 0  # the second save keeps a backup
    assert db.is_file() and any(p.name.startswith(db.name + ".bak-") for p in tmp_path.iterdir())
