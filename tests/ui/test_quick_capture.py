"""Logging a meeting from the café doorstep: m, a few letters, enter, the note, ctrl+s."""

from __future__ import annotations

from pathlib import Path

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.screens.meeting_form import MeetingForm
from tests.ui.conftest import make_app, reopened, settle


async def test_meeting_with_existing_contact_takes_a_few_keys(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    network.add_contact("Zoë N'Diaye", company="Thales")
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "c", "a", "m", "enter")
        await pilot.press(*"Great chat")
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, MeetingForm)
    meetings = list(reopened(db_path, clock).state.meetings.values())
    assert [(m.contact_ids, m.note) for m in meetings] == [((camille,), "Great chat")]
    assert meetings[0].when == clock.now()


async def test_picking_another_name_replaces_the_preselected_contact(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    zoe = network.add_contact("Zoë N'Diaye").id
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.contacts.select_key(camille)
        await pilot.press("m", "z", "o", "e", "enter", "ctrl+s")
        await settle(app)
    (meeting,) = reopened(db_path, clock).state.meetings.values()
    assert meeting.contact_ids == (zoe,)


async def test_meeting_with_a_new_contact_records_who_introduced_them(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"Inès Garnier", "down", "enter")
        app.screen.query_one("#introducer").value = "camille"  # type: ignore[attr-defined]
        app.screen.query_one("#learned").value = "startups hire ops people"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(app)
    state = reopened(db_path, clock).state
    ines = next(c for c in state.contacts.values() if c.name == "Inès Garnier")
    assert ines.introduced_by == camille
    (meeting,) = state.meetings.values()
    assert meeting.contact_ids == (ines.id,)
    assert meeting.learned == "startups hire ops people"
    kinds = {(i.kind, i.contact_id) for i in reopened(db_path, clock).queue().actionable()}
    assert ("thank-introducer", camille) in kinds


async def test_escape_asks_before_discarding_typed_text(network: Network, camille: str) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "enter", *"half a note", "escape")
        assert isinstance(app.screen_stack[-2], MeetingForm)  # the question is on top
        await pilot.press("n")
        assert isinstance(app.screen, MeetingForm)
        await pilot.press("escape", "y")
        assert not isinstance(app.screen, MeetingForm)
    assert not network.state.meetings


async def test_a_bad_when_is_explained_and_nothing_is_saved(network: Network, camille: str) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "enter")
        app.screen.query_one("#when").value = "someday"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        assert any("someday" in n.message for n in app._notifications)
    assert not network.state.meetings


async def test_a_lead_becomes_a_contact_introduced_by_who_gave_it(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    network.log_meeting([camille], clock.now(), leads=["Chloé Petit", "Thales"])
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "l", "enter", "ctrl+s")
        await settle(app)
    chloe = next(
        c for c in reopened(db_path, clock).state.contacts.values() if c.name != "Camille Martin"
    )
    assert (chloe.name, chloe.introduced_by) == ("Chloé Petit", camille)
