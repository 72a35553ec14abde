"""Correcting the journal in the app: e edits the highlighted meeting, D deletes it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Input

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.meetings import edit_meeting
from reseau_tui.services.network import Network
from reseau_tui.ui.screens.confirm_screen import ConfirmScreen
from reseau_tui.ui.screens.help_screen import HelpScreen
from reseau_tui.ui.screens.meeting_form import MeetingForm
from tests.ui.conftest import make_app, reopened, settle


def _thanks(network: Network, meeting_id: str) -> dict[str, datetime]:
    """The open thank-yous of a meeting: person → when the thank-you is overdue."""
    return {
        i.contact_id: i.overdue_at
        for i in network.queue().items
        if i.meeting_id == meeting_id and i.kind == "thank"
    }


def _place(network: Network, meeting_id: str) -> str:
    meeting = network.state.meeting(meeting_id)
    assert meeting is not None
    return meeting.place


async def test_editing_a_meetings_date_moves_its_thank_you_and_saves_it(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    meeting = network.log_meeting([camille], network.now() - timedelta(hours=2), note="coffee")
    network.commit()
    before = _thanks(network, meeting.id)[camille]
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "e")
        form = app.screen
        assert isinstance(form, MeetingForm)
        when = form.query_one("#when", Input)
        assert when.value == "2026-11-26 08:00"  # the meeting as it is, to correct
        when.value = "2026-11-20 08:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingForm)
        await settle(app)
        moved = _thanks(app.network, meeting.id)[camille]
        assert moved == before - timedelta(days=6)
        assert any(i.meeting_id == meeting.id and i.state == "overdue" for i in app.queue.items)
    on_disk = reopened(db_path, clock).state.meeting(meeting.id)
    assert on_disk is not None
    assert on_disk.when == datetime.fromisoformat("2026-11-20T08:00:00+01:00")
    assert on_disk.note == "coffee"


async def test_an_edit_of_a_field_changed_elsewhere_is_shown_and_ctrl_s_again_keeps_mine(
    network: Network, camille: str
) -> None:
    meeting = network.log_meeting([camille], network.now() - timedelta(hours=2), place="Café A")
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "e")
        form = app.screen
        assert isinstance(form, MeetingForm)
        edit_meeting(app.network, meeting.id, place="Café B")  # another window, meanwhile
        form.query_one("#place", Input).value = "Café C"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # nothing saved over theirs without a word
        notice = str(form.query_one("#notice").render())
        assert 'Place was changed elsewhere to "Café B"' in notice
        assert _place(app.network, meeting.id) == "Café B"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _place(app.network, meeting.id) == "Café C"


async def test_deleting_a_meeting_asks_then_its_follow_ups_go_and_a_done_one_stays_done(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    sofia = network.add_contact("Sofia Rossi").id
    meeting = network.log_meeting([camille, sofia], network.now() - timedelta(hours=2))
    done = next(
        i for i in network.queue().items if i.meeting_id == meeting.id and i.contact_id == camille
    )
    network.decide(done, "done")
    network.commit()
    assert _thanks(network, meeting.id).keys() == {sofia}
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "D")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # not yet: nothing goes
        assert app.network.state.meeting(meeting.id) is not None
        await pilot.press("D", "y")
        await pilot.pause()
        await settle(app)
        assert app.network.state.meeting(meeting.id) is None
        assert not [i for i in app.queue.items if i.meeting_id == meeting.id]
        assert app.main.journal.highlighted is None  # the journal no longer lists it
    state = reopened(db_path, clock).state
    assert state.meeting(meeting.id) is None
    assert [a.outcome for a in state.decisions_on(done.id)] == ["done"]


async def test_help_lists_the_journals_edit_and_delete_keys(network: Network, camille: str) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        page = app.screen.page(None).plain
        journal = page.split("Journal", 1)[1].split("Thank-you queue", 1)[0]
        assert "e  " in journal and "Edit" in journal
        assert "D / delete" in journal and "Delete" in journal
