"""Quick capture with a new person: a refused field creates nobody; a saved meeting is one step.

The form used to create the new contact first and check the meeting after: a
lead too long was refused, the user discarded the form, and the person they
had typed was still there, in memory and saved with the next change.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.meeting_form import MeetingForm
from tests.ui.conftest import make_app, reopened, settle


def names(network: Network) -> list[str]:
    return sorted(c.name for c in network.state.contacts.values())


async def test_a_refused_meeting_then_discarded_creates_nobody(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"Inès Garnier", "down", "enter")
        form = app.screen
        form.query_one("#introducer", Input).value = "camille"
        form.query_one("#leads", Input).value = "Chloé Petit; " + "x" * 2_001
        await pilot.press("ctrl+s")
        await settle(app)
        assert app.screen is form
        assert any("lead: is too long" in n.message for n in app._notifications)
        await pilot.press("escape", "y")  # discard what was typed
        assert not isinstance(app.screen, MeetingForm)
        assert names(network) == ["Camille Martin"]
        assert not network.state.meetings
        assert network.store.pending == 0
        await settle(app)
        assert names(reopened(db_path, clock)) == ["Camille Martin"]
        await pilot.press("q")  # quitting saves what is pending: there must be nothing
    assert names(reopened(db_path, clock)) == ["Camille Martin"]


async def test_a_meeting_with_a_new_person_is_one_change(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = ReseauApp(network, tick_seconds=3600, save_delay=3600)  # saved when the test says
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.journal.focus()
        await pilot.press("m", *"Inès Garnier", "down", "enter")
        app.screen.query_one("#introducer", Input).value = "camille"
        app.screen.query_one("#promised", Input).value = "send my CV"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingForm)
        assert network.store.pending == 1  # the person and the meeting: one step
        app.save_now()
        await settle(app)
    state = reopened(db_path, clock).state
    (ines,) = [c for c in state.contacts.values() if c.name == "Inès Garnier"]
    assert ines.introduced_by == camille
    (meeting,) = state.meetings.values()
    assert meeting.contact_ids == (ines.id,)
    assert [p.text for p in meeting.promises] == ["send my CV"]
