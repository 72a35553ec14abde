"""The app finds a sync conflict copy on start or on its timer, merges it, and asks what it must."""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.store.sync import conflict_copies
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.main_screen import MainScreen
from reseau_tui.ui.screens.sync_screen import SyncScreen
from tests.faults.screen import screen_text
from tests.faults.support import Machines, by_name, contacts_on_disk, two_machines
from tests.ui.conftest import make_app, settle


@pytest.fixture
def machines(tmp_path: Path, clock: FixedClock) -> Machines:
    return two_machines(tmp_path, clock)


def notes(app: ReseauApp) -> list[str]:
    return [n.message for n in app._notifications]


def names(app: ReseauApp) -> list[str]:
    return sorted(r.contact.name for r in app.main.contacts.rows)


def companies(machines: Machines) -> Path:
    camille = by_name(machines.here, "Camille Martin")
    zoe = by_name(machines.here, "Zoë N'Diaye")
    machines.here.edit_contact(camille, company="Safran")
    machines.here.edit_contact(zoe, company="MBDA")
    machines.here.commit()
    machines.there.edit_contact(camille, company="Dassault")
    machines.there.edit_contact(zoe, company="Naval Group")
    machines.there.add_contact("Hugo Bernard")
    machines.there.commit()
    return machines.conflict()


async def test_a_copy_found_on_start_is_merged_saved_and_moved_aside(machines: Machines) -> None:
    machines.there.add_contact("Hugo Bernard")
    machines.there.commit()
    copy = machines.conflict()
    app = make_app(machines.here)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await settle(app)
        await pilot.pause()
        assert "Hugo Bernard" in names(app)
        assert any(
            f"Merged {copy.name}: 1 change from the other copy merged" in n for n in notes(app)
        )
    assert "Hugo Bernard" in {c["name"] for c in contacts_on_disk(machines.path).values()}
    assert conflict_copies(machines.path) == []
    assert copy.with_name(copy.name + ".merged").exists()


async def test_fields_changed_both_ways_are_chosen_on_screen(machines: Machines) -> None:
    copy = companies(machines)
    app = make_app(machines.here)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SyncScreen)
        shown = screen_text(app)
        assert "Camille Martin (contact) · company" in shown
        assert "this machine: Safran" in shown and "the copy: Dassault" in shown
        # Camille: the copy's value (down, enter); Zoë: this machine's (left as it is).
        await pilot.press("tab", "down", "enter", "ctrl+s")
        await settle(app)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Hugo Bernard" in names(app)
    on_disk = {c["name"]: c for c in contacts_on_disk(machines.path).values()}
    assert on_disk["Camille Martin"]["company"] == "Dassault"
    assert on_disk["Zoë N'Diaye"]["company"] == "MBDA"
    assert "Hugo Bernard" in on_disk
    assert not copy.exists()


async def test_later_leaves_the_copy_and_the_timer_does_not_ask_again(
    machines: Machines,
) -> None:
    copy = companies(machines)
    before = machines.path.read_bytes()
    app = make_app(machines.here)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert any("will be offered again next time" in n for n in notes(app))
        app.tick()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert copy.exists()
    assert machines.path.read_bytes() == before


async def test_a_copy_that_appears_while_the_app_is_open_is_merged_on_the_timer(
    machines: Machines,
) -> None:
    app = make_app(machines.here)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        machines.there.add_contact("Hugo Bernard")
        machines.there.commit()
        machines.conflict()
        assert "Hugo Bernard" not in names(app)
        app.tick()
        await settle(app)
        await pilot.pause()
        assert "Hugo Bernard" in names(app)
    assert conflict_copies(machines.path) == []
