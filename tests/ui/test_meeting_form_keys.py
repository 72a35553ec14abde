"""The meeting form's keys, as a morning of real use needed them.

After "Create a new contact" enter goes on to "Introduced by", which suggests
names as the who field does; backspace in the empty who field takes back a
person picked by mistake; a meeting to come is said planned, and one already
thanked is recorded so; a lead's name is added to, not typed over.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Input, OptionList

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.screens.meeting_form import MeetingForm
from tests.faults.screen import screen_text
from tests.ui.conftest import make_app, reopened, settle


def notifications(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


async def test_enter_after_create_goes_to_introduced_by_which_suggests_names(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    network.add_contact("Camille Moreau", company="Thales")
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"Inès Garnier", "enter")  # "Create a new contact: Inès Garnier"
        assert app.focused is app.screen.query_one("#introducer")
        await pilot.press(*"cam")
        options = app.screen.query_one("#introducer-suggestions", OptionList)
        assert options.display
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown == ["Camille Martin · Airbus", "Camille Moreau · Thales"]
        await pilot.press("down", "enter")  # Camille Moreau, though "cam" names both
        assert app.screen.query_one("#introducer", Input).value == "Camille Moreau"
        assert app.focused is app.screen.query_one("#note")
        await pilot.press(*"Met at the meetup", "ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, MeetingForm)
    state = reopened(db_path, clock).state
    (ines,) = [c for c in state.contacts.values() if c.name == "Inès Garnier"]
    assert state.contacts[ines.introduced_by or ""].name == "Camille Moreau"
    (meeting,) = state.meetings.values()
    assert meeting.note == "Met at the meetup"


async def test_backspace_in_the_empty_who_field_takes_back_the_last_person(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    zoe = network.add_contact("Zoë N'Diaye").id
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"cam", "enter")  # Camille, by mistake
        await pilot.press("shift+tab")  # back to the who field
        assert app.focused is app.screen.query_one("#who")
        assert "backspace in an empty Who takes back the last person" in screen_text(app)
        await pilot.press("backspace")
        assert app.screen.people == []  # type: ignore[attr-defined]
        assert "Camille Martin taken back." in screen_text(app)
        await pilot.press(*"zoe", "enter", "ctrl+s")
        await settle(app)
    (meeting,) = reopened(db_path, clock).state.meetings.values()
    assert meeting.contact_ids == (zoe,)


async def test_a_meeting_tomorrow_is_confirmed_as_planned(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"cam", "enter", "tab", *"tomorrow", "ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, MeetingForm)
        assert (
            "Planned: coffee with Camille Martin, tomorrow at 10:00. "
            "Nothing is owed before it has happened."
        ) in notifications(app)
        line = app.main.journal._line(app.main.journal.rows[0], 80)
        assert "→ planned" in line
    (meeting,) = reopened(db_path, clock).state.meetings.values()
    assert meeting.when == clock.now() + timedelta(days=1)


async def test_already_thanked_records_the_thank_you_done(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"cam", "enter", "tab", *"-3d", "tab", "space", "ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, MeetingForm)
        assert "Meeting with Camille Martin saved, already thanked." in notifications(app)
    saved = reopened(db_path, clock)
    kinds = {i.kind for i in saved.queue().items}
    assert "thank" not in kinds
    assert saved.queue(clock.now() + timedelta(days=30)).lapsed == 0


async def test_a_past_meeting_not_marked_thanked_is_owed_a_thank_you(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    """The control for the checkbox: the same keys without space leave the thank-you to do."""
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"cam", "enter", "tab", *"-3d", "tab", "ctrl+s")
        await settle(app)
    assert "thank" in {i.kind for i in reopened(db_path, clock).queue().items}


async def test_a_leads_name_is_added_to_not_typed_over(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    network.log_meeting([camille], clock.now(), leads=["Chloé"])
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "l", *" Petit", "ctrl+s")
        await settle(app)
    names = sorted(c.name for c in reopened(db_path, clock).state.contacts.values())
    assert names == ["Camille Martin", "Chloé Petit"]
