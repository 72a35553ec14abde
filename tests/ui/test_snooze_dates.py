"""The snooze dialog and the meeting form read WHEN as the shell does, in both languages.

The clock is Thursday 26 November 2026, 10:00 in Paris. A snooze only takes a date to
come: a bad or past date keeps the dialog open with the reason, and nothing it
suggests has already passed.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pendulum
from textual.widgets import Input, Static

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.when import parse_when
from reseau_tui.i18n import set_language
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.meeting_form import MeetingForm
from reseau_tui.ui.screens.snooze_screen import SnoozeScreen
from tests.ui.conftest import make_app, reopened, settle

PARIS = pendulum.timezone("Europe/Paris")


def at(text: str) -> pendulum.DateTime:
    value = pendulum.parse(text, tz=PARIS)
    assert isinstance(value, pendulum.DateTime)
    return value


def _thank_you_owed(network: Network, camille: str) -> None:
    network.log_meeting([camille], network.now() - timedelta(hours=5), note="Coffee")
    network.commit()


def shown(app: ReseauApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _type_until(pilot: object, app: ReseauApp, text: str) -> None:
    """Open the dialog on the queue's first item and type `text` in place of the default."""
    await pilot.press("3", "z")  # type: ignore[attr-defined]
    assert isinstance(app.screen, SnoozeScreen)
    field = app.screen.query_one("#until", Input)
    field.value = ""
    await pilot.press(*text)  # type: ignore[attr-defined]


def thank_snoozed_until(db_path: Path, clock: FixedClock) -> object:
    queue = reopened(db_path, clock).queue()
    thank = next(i for i in queue.items if i.kind == "thank")
    return thank.snoozed_until if thank.state == "snoozed" else None


async def test_a_weekday_snoozes_until_the_next_one_and_the_dialog_says_which_day(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    _thank_you_owed(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await _type_until(pilot, app, "lundi")
        assert shown(app, "#until-meaning") == "Until Monday 30 November 2026 at 10:00"
        await pilot.press("enter")
        await settle(app)
        assert not isinstance(app.screen, SnoozeScreen)
    assert thank_snoozed_until(db_path, clock) == at("2026-11-30T10:00")


async def test_a_past_date_keeps_the_dialog_open_with_the_reason(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    _thank_you_owed(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await _type_until(pilot, app, "hier 18h")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        assert shown(app, "#until-meaning") == (
            "Wednesday 25 November 2026 at 18:00 has already passed; pick a date to come"
        )
        # Corrected in place, the same dialog takes it.
        app.screen.query_one("#until", Input).value = ""
        await pilot.press(*"in 2 weeks", "enter")
        await settle(app)
        assert not isinstance(app.screen, SnoozeScreen)
    assert thank_snoozed_until(db_path, clock) == at("2026-12-10T10:00")


async def test_a_date_it_cannot_read_keeps_the_dialog_open_with_examples_to_come(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    _thank_you_owed(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await _type_until(pilot, app, "32/13/2026")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        message = shown(app, "#until-meaning")
        assert message.startswith("'32/13/2026' is not a date I understand")
        assert "next thursday" in message and "yesterday" not in message
        await pilot.press("escape")
        await settle(app)
    assert thank_snoozed_until(db_path, clock) is None


async def test_the_dialog_suggests_only_dates_to_come(
    network: Network, camille: str, clock: FixedClock
) -> None:
    _thank_you_owed(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "z")
        hint = shown(app, "#until-examples")
        examples = [e.strip() for e in hint.split(":", 1)[1].split(",")]
        assert "lundi" in examples or "monday" in examples
        # Whatever the day the dialog is opened, every suggestion is still to come.
        for days in range(0, 400, 13):
            now = clock.now() + timedelta(days=days, hours=days % 24)
            for example in examples:
                meant = parse_when(example, now, clock.tz, future=True)
                assert meant.timestamp() > now.timestamp(), (example, now)


async def test_the_dialog_reads_french_dates_day_first(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    _thank_you_owed(network, camille)
    set_language("fr")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await _type_until(pilot, app, "3/4 9h")
        assert shown(app, "#until-meaning") == "Jusqu'au samedi 3 avril 2027 à 09:00"
        await pilot.press("enter")
        await settle(app)
    assert thank_snoozed_until(db_path, clock) == at("2027-04-03T09:00")


async def test_the_default_still_snoozes_three_days(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    _thank_you_owed(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "z")
        assert shown(app, "#until-meaning") == "Until Sunday 29 November 2026 at 10:00"
        await pilot.press("enter")
        await settle(app)
    assert thank_snoozed_until(db_path, clock) == clock.now() + timedelta(days=3)


async def test_the_meeting_form_takes_a_weekday_as_the_last_one(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "enter")
        assert isinstance(app.screen, MeetingForm)
        app.screen.query_one("#when", Input).value = "lundi 18h"
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, MeetingForm)
    (meeting,) = reopened(db_path, clock).state.meetings.values()
    assert meeting.when == at("2026-11-23T18:00")


async def test_the_meeting_form_reads_french_dates_day_first(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    set_language("fr")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "enter")
        app.screen.query_one("#when", Input).value = "2/11 14h30"
        await pilot.press("ctrl+s")
        await settle(app)
    (meeting,) = reopened(db_path, clock).state.meetings.values()
    assert meeting.when == at("2026-11-02T14:30")
