""" "Saved" is said once the change is on disk: not while the save runs, never when it failed.

The commit runs on a worker; here it is held at the write (an injected pause)
or made to fail, so what the user is told can be checked at each moment.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import TextArea

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.services.privacy import plan_forget
from reseau_tui.store import SaveError
from reseau_tui.ui.app import ReseauApp
from tests.ui.conftest import make_app, reopened, settle


def notes(app: ReseauApp) -> list[str]:
    return [n.message for n in app._notifications]


def names_on_disk(db_path: Path, clock: FixedClock) -> set[str]:
    return {c.name for c in reopened(db_path, clock).state.contacts.values()}


class HeldWrite:
    """The commit's atomic write waits at its start until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import reseau_tui.store.store as store_module

        self.reached = threading.Event()
        self.release = threading.Event()
        real = getattr(store_module, "atomic_write")  # noqa: B009 - not re-exported

        def held(path: Path, data: bytes) -> None:
            self.reached.set()
            assert self.release.wait(timeout=60), "the test never released the write"
            real(path, data)

        monkeypatch.setattr(store_module, "atomic_write", held)


class FailingWrite:
    """The disk refuses every write until `fixed`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import reseau_tui.store.store as store_module

        self.monkeypatch = monkeypatch
        self.module = store_module
        self.real = getattr(store_module, "atomic_write")  # noqa: B009 - not re-exported

        def full(path: Path, data: bytes) -> None:
            raise SaveError(path, "the disk is full")

        monkeypatch.setattr(store_module, "atomic_write", full)

    def fixed(self) -> None:
        self.monkeypatch.setattr(self.module, "atomic_write", self.real)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldWrite]:
    hold = HeldWrite(monkeypatch)
    yield hold
    hold.release.set()  # a failing test never leaves the worker waiting


async def test_saved_is_said_only_once_the_commit_is_on_disk(
    network: Network, camille: str, db_path: Path, clock: FixedClock, held: HeldWrite
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"Zoë N'Diaye", "ctrl+s")
        app.save_now()
        assert held.reached.wait(timeout=60)  # the commit is writing, not done
        await pilot.pause()
        assert not any("Saved" in n for n in notes(app))
        assert "Zoë N'Diaye" not in names_on_disk(db_path, clock)
        held.release.set()
        await settle(app)
        await pilot.pause()
        assert notes(app).count("Saved Zoë N'Diaye.") == 1
    assert "Zoë N'Diaye" in names_on_disk(db_path, clock)


async def test_a_failed_save_says_not_saved_yet_and_saved_only_once_it_is(
    network: Network,
    camille: str,
    db_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk = FailingWrite(monkeypatch)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"Zoë N'Diaye", "ctrl+s")
        await settle(app)
        await pilot.pause()
        assert not any("Saved" in n for n in notes(app))
        assert any("Not saved yet: Zoë N'Diaye. It is kept in memory" in n for n in notes(app))
        app.tick()  # tried again, still failing: said once, not at every try
        await settle(app)
        await pilot.pause()
        assert sum("Not saved yet" in n for n in notes(app)) == 1
        assert not any("Saved" in n for n in notes(app))
        disk.fixed()
        app.tick()
        await settle(app)
        await pilot.pause()
        assert notes(app).count("Saved Zoë N'Diaye.") == 1
    assert "Zoë N'Diaye" in names_on_disk(db_path, clock)


async def test_quick_capture_says_saved_only_after_the_commit(
    network: Network,
    camille: str,
    db_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk = FailingWrite(monkeypatch)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "enter")
        app.screen.query_one("#note", TextArea).text = "Great chat"
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.pause()
        assert not any("saved. Thank them" in n for n in notes(app))
        assert any("Not saved yet: the meeting with Camille Martin" in n for n in notes(app))
        disk.fixed()
        app.tick()
        await settle(app)
        await pilot.pause()
        said = "Meeting with Camille Martin saved. Thank them within a day or two."
        assert notes(app).count(said) == 1
    assert len(reopened(db_path, clock).state.meetings) == 1


async def test_an_edit_that_no_longer_applies_is_never_said_saved(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = ReseauApp(network, tick_seconds=3600, save_delay=3600)  # saved when the test says
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "tab", "tab", *"Buyer", "ctrl+s")
        await pilot.pause()
        other = Network(db_path, clock)  # `reseau forget` before the app's save
        forgetting = plan_forget(other.state, camille, clock.tz)
        assert forgetting.operation is not None
        other.apply(forgetting.operation)
        other.commit()
        app.save_now()
        await settle(app)
        await pilot.pause()
        assert any("Not applied, it changed elsewhere" in n for n in notes(app))
        assert not any("Saved" in n for n in notes(app))
    assert camille not in reopened(db_path, clock).state.contacts
