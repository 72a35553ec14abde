"""Importing from the app: check first (nothing written), then import, then it is saved."""

from __future__ import annotations

from pathlib import Path

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.screens.import_screen import ImportScreen
from tests.ui.conftest import make_app, reopened, settle

FIXTURES = Path(__file__).parent.parent / "io" / "fixtures"


async def _wait_import(app: object) -> None:
    await app.workers.wait_for_complete()  # type: ignore[attr-defined]


async def test_check_then_import_a_linkedin_export(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    source = next(FIXTURES.rglob("Connections.csv"))
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_import()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#path").value = str(source)  # type: ignore[attr-defined]
        await pilot.pause()
        assert screen.query_one("#format").value == "linkedin"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await _wait_import(app)
        await pilot.pause()
        report = str(screen.query_one("#report").render())
        assert "nothing was written" in report and "new" in report
        assert not network.state.contacts
        await pilot.press("ctrl+s")
        await _wait_import(app)
        await pilot.pause()
        assert "Imported" in str(screen.query_one("#report").render())
        await settle(app)
        count = len(network.state.contacts)
        assert count > 0
        assert len(app.main.contacts.rows) == count
    assert len(reopened(db_path, clock).state.contacts) == count


async def test_a_file_with_errors_imports_nothing(network: Network) -> None:
    source = next(FIXTURES.rglob("malformed.vcf"))
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_import()
        await pilot.pause()
        screen = app.screen
        screen.query_one("#path").value = str(source)  # type: ignore[attr-defined]
        await pilot.pause()
        assert screen.query_one("#format").value == "vcard"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await _wait_import(app)
        await pilot.pause()
        report = str(screen.query_one("#report").render())
        assert "Nothing was imported" in report and "line" in report
    assert not network.state.contacts
