"""`u` undoes this session's changes one by one, `U` redoes them; the file follows each step.

What is compared is the file on disk, read back: its tables (the revision stamp
in `meta` aside, and a table emptied is as one never made).
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.services.privacy import plan_forget
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.contact_form import ContactForm
from reseau_tui.ui.screens.import_screen import ImportScreen
from reseau_tui.ui.screens.meeting_form import MeetingForm
from tests.ui.conftest import make_app, reopened, settle


def on_disk(db_path: Path) -> dict[str, Any]:
    tables = orjson.loads(db_path.read_bytes())
    return {name: docs for name, docs in tables.items() if name != "meta" and docs}


def notes(app: ReseauApp) -> list[str]:
    return [n.message for n in app._notifications]


def status(app: ReseauApp) -> str:
    return app.main.status.text


async def press(pilot: Pilot[int], app: ReseauApp, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app)
    await pilot.pause()


async def mark_the_thank_you_done(pilot: Pilot[int], app: ReseauApp) -> None:
    await pilot.press("3")
    assert app.main.queue_list.highlighted.kind == "thank"  # type: ignore[union-attr]
    await press(pilot, app, "d")


async def log_a_meeting(pilot: Pilot[int], app: ReseauApp) -> None:
    await pilot.press("1", "m", "enter")  # with the contact highlighted: Camille Martin
    assert isinstance(app.screen, MeetingForm)
    app.screen.query_one("#note", TextArea).text = "Second coffee"
    await press(pilot, app, "ctrl+s")
    assert not isinstance(app.screen, MeetingForm), [n.message for n in app._notifications]


async def edit_the_role(pilot: Pilot[int], app: ReseauApp, role: str) -> None:
    await pilot.press("1", "e")
    assert isinstance(app.screen, ContactForm)
    field = app.screen.query_one("#role", Input)
    field.focus()
    field.value = ""
    await pilot.press(*role)
    await press(pilot, app, "ctrl+s")
    assert not isinstance(app.screen, ContactForm)


def with_a_thank_you(network: Network) -> None:
    network.log_meeting([network.find("Camille").id], network.now() - timedelta(hours=5))
    network.commit()


async def test_three_different_changes_undone_leave_the_file_as_it_was(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    with_a_thank_you(network)
    before = on_disk(db_path)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await mark_the_thank_you_done(pilot, app)
        await log_a_meeting(pilot, app)
        await edit_the_role(pilot, app, "Buyer")
        assert on_disk(db_path) != before
        await press(pilot, app, "u")
        assert "Undone: edit contact Camille Martin" in status(app)
        await press(pilot, app, "u")
        assert "Undone: log meeting with Camille Martin" in status(app)
        await press(pilot, app, "u")
        assert "Undone: mark done: Thank, Camille Martin" in status(app)
        assert status(app).endswith("saved")  # on disk, not just in memory
        assert app.queue.items[0].kind == "thank"  # the thank-you is owed again
        await press(pilot, app, "u")
        assert "Nothing to undo." in status(app)  # the meeting logged before the app opened stays
    assert on_disk(db_path) == before
    assert reopened(db_path, clock).contact(camille).role == ""


async def test_redo_makes_the_undone_changes_again_and_a_new_change_ends_it(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    with_a_thank_you(network)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await log_a_meeting(pilot, app)
        await edit_the_role(pilot, app, "Buyer")
        after = on_disk(db_path)
        await press(pilot, app, "u", "u")
        await press(pilot, app, "U")
        assert "Redone: log meeting with Camille Martin" in status(app)
        await press(pilot, app, "ctrl+shift+z")  # as in most editors
        assert "Redone: edit contact Camille Martin" in status(app)
        assert on_disk(db_path) == after
        await press(pilot, app, "u")
        await edit_the_role(pilot, app, "Head of buying")  # a new change: nothing to redo now
        await press(pilot, app, "U")
        assert "Nothing to redo." in status(app)
    assert reopened(db_path, clock).contact(camille).role == "Head of buying"


async def test_undo_is_refused_once_another_writer_changed_that_record(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await edit_the_role(pilot, app, "Buyer")
        other = Network(db_path, clock)  # another window, or `reseau edit` in a terminal
        other.edit_contact(camille, role="Head of buying")
        other.commit()
        app.tick()  # the app takes their change in
        await settle(app)
        await press(pilot, app, "u")
        assert "Cannot undo: edit contact Camille Martin" in status(app)
        assert any(
            "Camille Martin was changed elsewhere since (role). Nothing was changed." in n
            for n in notes(app)
        )
        assert network.contact(camille).role == "Head of buying"
    assert reopened(db_path, clock).contact(camille).role == "Head of buying"


async def test_an_undo_that_meets_another_writers_change_at_saving_is_not_applied(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = ReseauApp(network, tick_seconds=3600, save_delay=3600, watch_seconds=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await edit_the_role(pilot, app, "Buyer")
        app.save_now()
        await settle(app)
        other = Network(db_path, clock)
        other.edit_contact(camille, role="Head of buying")
        other.commit()
        await pilot.press("u")  # before the app has seen their change
        app.save_now()
        await settle(app)
        await pilot.pause()
        assert "Not applied, it changed elsewhere: undo: edit contact Camille Martin" in notes(app)
        assert network.contact(camille).role == "Head of buying"
    assert reopened(db_path, clock).contact(camille).role == "Head of buying"


async def test_a_meeting_deleted_from_the_journal_comes_back_with_its_thank_you(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    with_a_thank_you(network)
    before = on_disk(db_path)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "D", "y")
        await settle(app)
        assert not network.state.meetings
        assert "thank" not in [i.kind for i in app.queue.items]
        await press(pilot, app, "u")
        assert "Undone: delete the meeting with Camille Martin" in status(app)
        assert "thank" in [i.kind for i in app.queue.items]
        assert len(app.main.journal.rows) == 1
    assert on_disk(db_path) == before


async def test_someone_forgotten_elsewhere_does_not_come_back_through_an_undo(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    with_a_thank_you(network)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "D", "y")
        await settle(app)
        other = Network(db_path, clock)  # `reseau forget camille` in a terminal
        forgetting = plan_forget(other.state, camille, clock.tz)
        assert forgetting.operation is not None
        other.apply(forgetting.operation)
        other.commit()
        app.tick()
        await settle(app)
        await press(pilot, app, "u")
        assert "Cannot undo: delete the meeting with Camille Martin" in status(app)
        assert any("Someone it names is no longer a contact" in n for n in notes(app))
    state = reopened(db_path, clock).state
    assert not state.contacts and not state.meetings


def spreadsheet(rows: int) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["name", "company", "role", "email"])
    for i in range(rows):
        writer.writerow([f"Person {i}", f"Company {i % 40}", "Engineer", f"person{i}@example.com"])
    return out.getvalue()


async def test_a_large_import_is_undone_in_one_step(
    network: Network, camille: str, db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    network.edit_contact(camille, email="person7@example.com")  # the import fills in her role…
    network.commit()
    before = on_disk(db_path)
    source = tmp_path / "people.csv"
    source.write_text(spreadsheet(2_000).replace("Person 7,", "Camille Martin,"), "utf-8")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_import()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#path", Input).value = str(source)
        await pilot.pause()
        await press(pilot, app, "ctrl+s")
        assert "Imported" in str(screen.query_one("#report", Static).render())
        await press(pilot, app, "escape")
        assert len(reopened(db_path, clock).state.contacts) == 2_000
        await press(pilot, app, "u")
        assert "Undone: import csv: 1999 new, 1 merged contacts" in status(app)
        assert [c.name for c in network.state.contacts.values()] == ["Camille Martin"]
    assert on_disk(db_path) == before


async def test_help_lists_undo_and_redo(network: Network) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        text = str(app.screen.query_one(Static).render())
        lines = [line.strip() for line in text.splitlines()]
        assert any(line.startswith("u ") and "Undo the last change" in line for line in lines)
        assert any(
            line.startswith("U / ctrl+shift+z") and "Redo what was undone" in line for line in lines
        )
