"""A read-only file or folder opens read-only and refuses writes clearly; a missing folder is made.

Read-only for real: as root, a read-only bind mount (or `chattr +i` where
mounting is not allowed), which the kernel enforces even for root; else, and
in the `chmod` cases, the write permission bits removed. reseau treats a file
or folder without any write bit as read-only even for root (whom `os.access`
lets through), because that is what its owner asked for.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from tests.faults.screen import screen_text
from tests.store.support import folder_state
from tests.ui.conftest import make_app, settle


def _ok(*command: str) -> bool:
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


@contextmanager
def read_only(target: Path, how: str) -> Iterator[str]:
    """Make `target` read-only; yields how it was done."""
    if how == "kernel" and os.geteuid() == 0:
        if _ok("mount", "--bind", str(target), str(target)):
            if _ok("mount", "-o", "remount,bind,ro", str(target)):
                try:
                    yield "read-only bind mount"
                finally:
                    _ok("umount", str(target))
                return
            _ok("umount", str(target))
        if _ok("chattr", "+i", str(target)):
            try:
                yield "chattr +i"
            finally:
                _ok("chattr", "-i", str(target))
            return
    mode = target.stat().st_mode
    target.chmod(mode & ~0o222)
    try:
        yield "chmod a-w"
    finally:
        target.chmod(mode)


@pytest.fixture
def saved(tmp_path: Path, clock: FixedClock) -> Path:
    """A database alone in its folder (the user's home and cache live elsewhere)."""
    db_path = tmp_path / "data" / "reseau.json"
    db_path.parent.mkdir()
    network = Network(db_path, clock)
    camille = network.add_contact("Camille Martin")
    network.log_meeting([camille.id], note="Coffee")
    network.commit()
    return db_path


TARGETS = [("file", "chmod"), ("file", "kernel"), ("folder", "chmod"), ("folder", "kernel")]


@pytest.mark.parametrize(("what", "how"), TARGETS)
async def test_the_app_opens_read_only_and_says_so(
    saved: Path, clock: FixedClock, what: str, how: str
) -> None:
    target = saved if what == "file" else saved.parent
    before = folder_state(saved.parent)
    with read_only(target, how):
        app = make_app(Network(saved, clock))
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            assert app.read_only
            assert "read-only" in screen_text(app)  # the status line
            notes = [n.message for n in app._notifications]
            assert any("This database is read-only" in n for n in notes)
            await pilot.press("n", *"Léa Petit", "ctrl+s")
            await settle(app)
            await pilot.pause()
            assert any("changes cannot be saved" in n.message for n in app._notifications)
            assert [r.contact.name for r in app.main.contacts.rows] == ["Camille Martin"]
            await pilot.press("escape", "q")
    assert folder_state(saved.parent) == before


@pytest.mark.parametrize(("what", "how"), TARGETS)
def test_shell_commands_that_write_refuse_and_those_that_read_work(
    saved: Path, capsys: pytest.CaptureFixture[str], what: str, how: str
) -> None:
    target = saved if what == "file" else saved.parent
    before = folder_state(saved.parent)
    writes = [
        ["add", "Léa Petit"],
        ["log", "Camille", "--note", "Again"],
        ["milestone", "Signed"],
        ["forget", "Camille", "--yes"],
    ]
    with read_only(target, how):
        for command in writes:
            capsys.readouterr()
            assert main(["--db", str(saved), *command]) == 1, command
            err = capsys.readouterr().err
            assert f"could not save {saved}: the file or its folder is read-only." in err
            assert "Nothing was written." in err
        for command in (["contacts"], ["due", "--all"]):
            assert main(["--db", str(saved), *command]) == 0
            assert "Camille Martin" in capsys.readouterr().out
    assert folder_state(saved.parent) == before


async def test_a_missing_folder_is_created_by_the_first_save_from_the_app(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "new" / "folder" / "reseau.json"
    app = make_app(Network(path, clock))
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.read_only
        assert not path.parent.exists()  # opening alone writes nothing
        await pilot.press("n", *"Camille Martin", "ctrl+s")
        await settle(app)
    assert [c.name for c in Network(path, clock).state.contacts.values()] == ["Camille Martin"]
    assert oct(path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("how", ["chmod", "kernel"])
def test_a_missing_folder_that_cannot_be_created_opens_read_only(
    tmp_path: Path, clock: FixedClock, how: str
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    path = parent / "new" / "reseau.json"
    with read_only(parent, how):
        app = ReseauApp(Network(path, clock))
        assert app.read_only
        assert main(["--db", str(path), "add", "Camille Martin"]) == 1
    assert list(parent.iterdir()) == []


@pytest.mark.parametrize(
    "where",
    [
        lambda tmp: tmp / "a-file" / "reseau.json",  # the folder is a file
        lambda tmp: tmp / "a-folder",  # the database is a folder
        lambda tmp: tmp / "a-file",  # not a database at all: text
    ],
    ids=["folder is a file", "database is a folder", "not a database"],
)
def test_odd_paths_get_a_message_and_exit_1_never_a_traceback(
    tmp_path: Path, where: object
) -> None:
    (tmp_path / "a-file").write_text("shopping list\n")
    (tmp_path / "a-folder").mkdir()
    path = where(tmp_path)  # type: ignore[operator]
    for command in (["add", "Camille Martin"], ["contacts"]):
        done = subprocess.run(
            [sys.executable, "-m", "reseau_tui", "--db", str(path), *command],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("reseau: ") and str(path) in done.stderr
    assert (tmp_path / "a-file").read_text() == "shopping list\n"
