"""The app around the lists: other windows' changes, the theme, screenshots, the demo."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from tests.ui.conftest import make_app, settle


def _messages(app: ReseauApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_contact_added_from_the_shell_shows_within_the_second_and_says_so(
    network: Network, camille: str, db_path: Path, capsys: object
) -> None:
    app = make_app(network)
    assert app.watch_seconds <= 1.0  # the file is looked at every second, not on the 30 s tick
    async with app.run_test(size=(120, 40)) as pilot:
        assert main(["add", "Zoë N'Diaye", "--company", "Thales"]) == 0
        assert app.watch_file()  # what the once-a-second timer does
        await settle(app)
        await pilot.pause()
        names = [r.contact.name for r in app.main.contacts.rows]
        assert "Zoë N'Diaye" in names
        assert "1 contact added elsewhere." in _messages(app)
        assert not app.watch_file()  # taken in: nothing more to read


async def test_a_meeting_logged_from_the_shell_is_named_as_such(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        other = Network(db_path, clock)
        other.log_meeting([camille], clock.now(), note="From the shell")
        other.commit()
        app.watch_file()
        await settle(app)
        await pilot.pause()
        assert "1 meeting logged elsewhere." in _messages(app)
        assert [m.note for m in app.main.journal.rows] == ["From the shell"]


async def test_the_chosen_theme_is_used_again_at_the_next_start(network: Network) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "gruvbox"
        await pilot.pause()
    again = make_app(network)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "gruvbox"


async def test_a_screenshot_goes_to_the_data_folder_readable_only_by_the_user(
    network: Network, camille: str, tmp_path: Path, monkeypatch: object
) -> None:
    os.chdir(tmp_path)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
    [shot] = list((tmp_path / "home" / "data" / "reseau" / "screenshots").iterdir())
    assert stat.S_IMODE(shot.stat().st_mode) == 0o600
    assert stat.S_IMODE(shot.parent.stat().st_mode) == 0o700
    assert "Camille" in shot.read_text(encoding="utf-8")  # the screen as it was
    assert not list(tmp_path.glob("*.svg"))  # nothing left in the current folder
    assert any(str(shot) in message for message in _messages(app))


def test_quitting_the_demo_leaves_no_folder_and_no_cache_files(tmp_path: Path) -> None:
    """`reseau --demo` in a real terminal, then `q`: its temporary copy goes with it."""
    import pty
    import select
    import subprocess
    import time

    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "TERM": "xterm-256color"}
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reseau_tui", "--demo"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 60  # a bound for a stuck app, not a wait for time to pass
    try:
        while b"demo" not in seen and time.monotonic() < deadline:
            if select.select([master], [], [], 1)[0]:
                seen += os.read(master, 65536)
        assert b"demo" in seen, "the demo never drew its status line"
        assert list(temp.glob("reseau-demo-*"))  # the copy it works on
        os.write(master, b"q")
        while proc.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 1)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        assert proc.wait(timeout=max(deadline - time.monotonic(), 1)) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert list(temp.glob("reseau-demo-*")) == []
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "reseau" / "derived"
    assert not cache.exists() or list(cache.iterdir()) == []
