"""The settings screen, from the palette: every rule listed, changed where it is read."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.settings_screen import SettingsScreen
from reseau_tui.ui.widgets.pane import Pane
from reseau_tui.ui.widgets.settings_list import SettingsList
from tests.ui.conftest import make_app, reopened, settle


async def _open_settings(app: ReseauApp, pilot: Pilot[int]) -> SettingsScreen:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Settings")
    await pilot.pause(0.3)  # the palette searches on a worker
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


def _thank_you_state(app: ReseauApp, meeting_id: str) -> str:
    return next(i.state for i in app.queue.items if i.meeting_id == meeting_id)


async def test_a_shorter_thank_you_window_makes_a_thank_you_overdue_in_the_queue_at_once(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    meeting = network.log_meeting([camille], network.now() - timedelta(hours=30))
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        assert _thank_you_state(app, meeting.id) == "due"  # 30 hours of 48
        screen = await _open_settings(app, pilot)
        listed = screen.query_one(SettingsList)
        assert listed.highlighted_view is not None
        assert listed.highlighted_view.key == "thank_window_hours"
        await pilot.press("enter")
        field = screen.query_one("#setting-value", Input)
        assert field.display and field.value == "48"
        field.value = "24"
        await pilot.press("enter")
        await pilot.pause()
        assert not field.display
        assert _thank_you_state(app, meeting.id) == "overdue"
        title = app.main.query_one("#queue", Pane).title
        assert title.startswith("Thank-you queue · 1 overdue")  # the main screen's too
        view = listed.highlighted_view
        assert view is not None and view.value == 24 and not view.is_default
        await pilot.press("r")  # back to the default: due again
        await pilot.pause()
        assert _thank_you_state(app, meeting.id) == "due"
        await pilot.press("enter")
        field.value = "24"
        await pilot.press("enter")
        await settle(app)
    assert reopened(db_path, clock).state.settings.thank_overdue_hours == 24


async def test_a_bad_value_is_refused_with_the_reason_and_the_field_stays_open(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_settings(app, pilot)
        await pilot.press("enter")
        field = screen.query_one("#setting-value", Input)
        field.value = "two days"
        await pilot.press("enter")
        await pilot.pause()
        assert field.display and field.has_focus  # to correct it, not to start again
        notice = str(screen.query_one("#notice").render())
        assert "must be a whole number from 1 to 8" in notice
        assert app.network.state.settings.thank_overdue_hours == 48
        await settle(app)
    assert reopened(db_path, clock).state.settings.thank_overdue_hours == 48


async def test_a_circle_of_ones_own_is_added_with_its_cadence_then_removed(
    network: Network, camille: str
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_settings(app, pilot)
        await pilot.press("a")
        screen.query_one("#setting-value", Input).value = "mentors 60"
        await pilot.press("enter")
        await pilot.pause()
        assert app.network.state.settings.circle_cadences.get("mentors") == 60
        listed = screen.query_one(SettingsList)
        keys = [v.key for v in listed.views]
        assert "cadence.mentors" in keys and "latest.mentors" in keys
        listed.highlighted = keys.index("cadence.mentors")
        await pilot.press("x", "y")
        await pilot.pause()
        assert "mentors" not in app.network.state.settings.circle_cadences
        assert "cadence.mentors" not in [v.key for v in listed.views]
