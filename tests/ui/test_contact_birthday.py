"""The contact form's birthday: typed with or without the year, saved, and wished on the day."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.screens.contact_form import ContactForm
from tests.ui.conftest import make_app, reopened, settle


async def test_a_birthday_typed_in_the_form_is_saved_and_wished_on_the_day(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ContactForm)
        field = app.screen.query_one("#birthday", Input)
        field.focus()
        await pilot.press(*"11-27")
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, ContactForm)
    saved = reopened(db_path, clock)
    assert saved.contact(camille).birthday == "--11-27"
    (wish,) = [i for i in saved.queue(clock.now().add(days=1)).items if i.kind == "birthday"]
    assert wish.contact_id == camille and wish.state == "due"


async def test_a_birthday_that_is_not_a_date_keeps_the_form_open(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#birthday", Input).focus()
        await pilot.press(*"31-31")
        await pilot.press("ctrl+s")
        await settle(app)
        assert isinstance(app.screen, ContactForm)
        assert any("birthday" in n.message for n in app._notifications)
    assert reopened(db_path, clock).contact(camille).birthday == ""
