"""On a phone in portrait (50x30: Termux, Blink over SSH) every screen fits and its keys show."""

from __future__ import annotations

import re

from reseau_tui.ui.screens.followup_screen import FollowUpScreen
from reseau_tui.ui.screens.help_screen import HelpScreen
from reseau_tui.ui.screens.review_screen import ReviewScreen
from reseau_tui.ui.screenshots import demo_app
from tests.faults.screen import screen_text

PHONE = (50, 30)


async def test_a_follow_up_takes_the_whole_phone_screen_and_keeps_its_keys_in_view() -> None:
    app = demo_app()
    async with app.run_test(size=PHONE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("3", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        form = app.screen.query_one(".form")
        assert (form.region.width, form.region.height) == PHONE  # no strip of panes around it
        shown = screen_text(app)
        assert "c copy" in shown and "escape close" in shown


async def test_the_review_keeps_its_keys_on_a_phone() -> None:
    app = demo_app()
    async with app.run_test(size=PHONE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        shown = screen_text(app)
        assert "d done" in shown and "escape finish" in shown
        assert app.screen.query_one(".form").region.width == PHONE[0]


async def test_help_on_a_phone_wraps_long_words_under_themselves() -> None:
    app = demo_app()
    async with app.run_test(size=PHONE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "Command palette:" in line)
        column = lines[first].index("Command palette:")
        follow = lines[first + 1]
        # The rest of the words go on in their own column, not back at the left edge.
        assert re.match(r"│\s+$", follow[:column]), follow
        assert follow[column:].startswith("every action")


async def test_a_dialog_fits_a_phone() -> None:
    app = demo_app()
    async with app.run_test(size=PHONE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("3", "down", "enter", "z")
        await pilot.pause()
        dialog = app.screen.query_one(".dialog")
        assert dialog.region.right <= PHONE[0] and dialog.region.x >= 0
