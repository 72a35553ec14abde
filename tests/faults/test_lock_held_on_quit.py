"""Quitting while a reseau stopped with ctrl+z holds the file: the app says so, never hangs."""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import files
from tests.store.test_lock_wait import Holder
from tests.ui.conftest import make_app


async def test_quit_says_who_holds_the_file_and_keeps_the_change(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "LOCK_WAIT", 0.2, raising=False)
    network = Network(db_path, clock)
    network.add_contact("Camille Martin")
    network.commit()
    network.add_contact("Zoë N'Diaye")  # typed, not saved yet
    holder = Holder(db_path)
    try:
        app = make_app(network)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()

            notes = [n.message for n in app._notifications]
            assert any(
                "Could not save before quitting" in n
                and f"another reseau (pid {holder.pid}) is saving this file" in n
                for n in notes
            ), notes
            assert app.is_running  # not quit: the change would be lost
            assert network.store.pending == 1

            holder.release()
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running
    finally:
        holder.release()

    assert {c.name for c in Network(db_path, clock).state.contacts.values()} == {
        "Camille Martin",
        "Zoë N'Diaye",
    }
