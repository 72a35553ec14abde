"""The meeting and contact forms at 80x24 and 50x30: the keys stay in view, every field is reached.

At 80x24 the meeting form's "ctrl+s save" line was below the bottom of the
screen, and so was anything said there: the fields now scroll above a foot
that stays put.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from tests.faults.screen import screen_text
from tests.ui.conftest import make_app, reopened, settle

SIZES = [(80, 24), (50, 30)]


async def tab_to(app: ReseauApp, pilot: object, field: str) -> None:
    for _ in range(30):
        if app.focused is not None and app.focused.id == field:
            return
        await pilot.press("tab")  # type: ignore[attr-defined]
    raise AssertionError(f"tab never reached #{field}")


def on_screen(app: ReseauApp, widget_id: str) -> bool:
    """Whether the whole widget is drawn on the terminal, not scrolled out of its form."""
    geometry = app.screen._compositor.find_widget(app.screen.query_one(f"#{widget_id}"))
    terminal = Region(0, 0, *app.size)
    shown = geometry.region.intersection(geometry.clip).intersection(terminal)
    return bool(geometry.region.area) and shown == geometry.region


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "50x30"])
async def test_the_meeting_form_keeps_its_keys_in_view_down_to_the_last_field(
    network: Network, camille: str, db_path: Path, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(network)
    async with app.run_test(size=size) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"cam", "enter")
        await pilot.pause()
        assert "ctrl+s save" in screen_text(app)
        await tab_to(app, pilot, "owed")
        await pilot.pause()
        assert on_screen(app, "owed")
        assert "ctrl+s save" in screen_text(app)
        await pilot.press(*"an intro to Thales", "ctrl+s")
        await settle(app)
    (meeting,) = reopened(db_path, clock).state.meetings.values()
    assert [(p.text, p.by_me) for p in meeting.promises] == [("an intro to Thales", False)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "50x30"])
async def test_the_contact_form_keeps_its_keys_and_notice_in_view(
    network: Network, camille: str, size: tuple[int, int]
) -> None:
    app = make_app(network)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", *"camille martin")
        await pilot.pause()
        assert "ctrl+s save" in screen_text(app)
        await tab_to(app, pilot, "notes")
        await pilot.pause()
        assert on_screen(app, "notes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "ctrl+s save" in text
        assert "already exists" in text  # what ctrl+s said is in view too
