"""No second Camille Martin by accident: `n`, `l` and the meeting form offer the one there is.

A morning of real use made two: `n` with "camille martin" beside "Camille
Martin", and `l` on a lead that had become a contact the week before. The rule
is the import's (same profile link, email, or name with accents and case aside).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Input, OptionList, Static

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.screens.contact_form import ContactForm
from reseau_tui.ui.screens.meeting_form import MeetingForm
from reseau_tui.ui.screens.pick_screen import PickScreen
from tests.ui.conftest import make_app, reopened, settle


def notice(app: App[Any]) -> str:
    """The line above the form's keys, as shown (empty when hidden)."""
    widget = app.screen.query_one("#notice", Static)
    return str(widget.content) if widget.display else ""


def named(network: Network, name: str) -> list[str]:
    return [c.id for c in network.state.contacts.values() if c.name.casefold() == name.casefold()]


async def test_new_contact_with_a_known_name_warns_and_ctrl_s_again_adds_a_second(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"camille martin", "ctrl+s")
        await settle(app)
        assert isinstance(app.screen, ContactForm)
        assert notice(app) == (
            "Camille Martin (Airbus) already exists: enter opens their card, "
            "ctrl+s again adds a second person."
        )
        assert named(network, "camille martin") == [camille]
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, ContactForm)
    assert len(named(reopened(db_path, clock), "camille martin")) == 2


async def test_enter_opens_the_known_card_with_what_was_typed_in_its_empty_fields(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"Camille Martin", "tab", *"Thales", "tab", "tab", "tab")
        await pilot.press(*"06 12 34 56 78", "ctrl+s")
        await settle(app)
        assert "already exists" in notice(app)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm) and form.contact is not None
        assert form.contact.id == camille
        assert form.query_one("#company", Input).value == "Airbus"  # hers is kept
        assert form.query_one("#phone", Input).value == "06 12 34 56 78"
        await pilot.press("ctrl+s")
        await settle(app)
    state = reopened(db_path, clock).state
    assert [(c.name, c.company, c.phone) for c in state.contacts.values()] == [
        ("Camille Martin", "Airbus", "06 12 34 56 78")
    ]


async def test_a_known_email_is_the_same_person_under_another_name(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    network.add_contact("Camille Martin", email="camille@airbus.example")
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"Cam Martin", "tab", "tab", "tab", *"CAMILLE@airbus.example")
        await pilot.press("ctrl+s")
        await settle(app)
        assert notice(app).startswith("Camille Martin already exists")
    assert len(reopened(db_path, clock).state.contacts) == 1


async def test_l_on_a_lead_that_is_a_contact_says_so_and_offers_them(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    thomas = network.add_contact("Thomas Bernard", company="Thales").id
    network.log_meeting([camille], clock.now(), leads=["thomas bernard"])
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "l")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm) and app.screen.contact is None
        assert notice(app) == (
            "Thomas Bernard (Thales) is already a contact: enter opens their card, "
            "ctrl+s adds a second person."
        )
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm) and form.contact is not None
        assert form.contact.id == thomas
        await pilot.press("escape")
        await settle(app)
    assert named(reopened(db_path, clock), "Thomas Bernard") == [thomas]


async def test_leads_that_are_contacts_are_marked_in_the_detail_and_the_picker(
    network: Network, camille: str, clock: FixedClock
) -> None:
    network.add_contact("Thomas Bernard")
    network.log_meeting([camille], clock.now(), leads=["Thomas Bernard", "Chloé Petit"])
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        detail = app.main.detail.query_one("#detail-body", Static)
        text = str(detail.content)
        assert "• Thomas Bernard ✓ contact" in text
        assert "• Chloé Petit\n" in text + "\n" and "Chloé Petit ✓" not in text
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown == ["Thomas Bernard ✓ contact", "Chloé Petit"]
        await pilot.press("down", "enter")  # Chloé: not a contact, the form says nothing
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#name", Input).value == "Chloé Petit"
        assert notice(app) == ""


async def test_create_a_new_contact_with_a_known_name_offers_the_known_one(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"camille martin", "down", "enter")  # "Create a new contact"
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm)
        assert all(p.contact_id for p in form.people)  # nobody new is to be created
        assert notice(app) == (
            "Camille Martin (Airbus) already exists: enter picks them, or choose "
            "“Create a new contact” again to add a second person."
        )
        await pilot.press("enter")  # the known one is highlighted
        await pilot.press(*"Coffee at the station", "ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, MeetingForm)
    saved = reopened(db_path, clock)
    assert named(saved, "camille martin") == [camille]
    (meeting,) = saved.state.meetings.values()
    assert (meeting.contact_ids, meeting.note) == ((camille,), "Coffee at the station")


async def test_create_again_adds_a_second_person_of_that_name(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"camille martin", "down", "enter")
        await pilot.pause()
        assert "already exists" in notice(app)
        await pilot.press("down", "enter")  # back on "Create a new contact", chosen again
        await pilot.pause()
        assert [p.contact_id for p in app.screen.people] == [None]  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(app)
    state = reopened(db_path, clock).state
    assert sorted(c.name for c in state.contacts.values()) == ["Camille Martin", "camille martin"]
