"""The main screen: filtering, the queue's actions, the live timer, other writers, save errors."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import SaveError
from reseau_tui.ui.screens.followup_screen import FollowUpScreen
from reseau_tui.ui.screens.help_screen import HelpScreen
from reseau_tui.ui.widgets.pane import Pane
from tests.ui.conftest import make_app, reopened, settle


def _names(app_list: object) -> list[str]:
    return [r.contact.name for r in app_list.rows]  # type: ignore[attr-defined]


async def test_filter_contacts_as_you_type_ignoring_accents(network: Network) -> None:
    for name, company in [
        ("Hélène Lefèvre", "Safran"),
        ("Camille Martin", "Airbus"),
        ("Marc Lefort", "Thales"),
    ]:
        network.add_contact(name, company=company)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"lefe")
        assert _names(app.main.contacts) == ["Hélène Lefèvre"]
        await pilot.press("backspace")
        assert _names(app.main.contacts) == ["Hélène Lefèvre", "Marc Lefort"]
        await pilot.press("escape")
        assert len(app.main.contacts.rows) == 3
        assert app.focused is app.main.contacts


async def test_filter_by_company_and_tag(network: Network) -> None:
    network.add_contact("Camille Martin", company="Airbus", tags=("aéro",))
    network.add_contact("Zoë N'Diaye", company="Thales")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"AERO")
        assert _names(app.main.contacts) == ["Camille Martin"]


async def test_journal_filter_searches_the_full_text(network: Network, camille: str) -> None:
    network.log_meeting(
        [camille], network.now() - timedelta(days=3), note="Supply chains", learned="MRO is hiring"
    )
    network.log_meeting([camille], network.now() - timedelta(days=1), note="Second coffee")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"mro")
        assert [m.note for m in app.main.journal.rows] == ["Supply chains"]


async def test_selecting_a_meeting_shows_its_full_note(network: Network, camille: str) -> None:
    network.log_meeting(
        [camille],
        network.now() - timedelta(days=1),
        note="Long talk",
        advice="Apply before January",
        leads=["Thales"],
    )
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        text = str(app.main.detail.query_one("#detail-body").render())
        assert "Apply before January" in text and "Thales" in text


async def _app_with_a_thank_you(network: Network, camille: str) -> None:
    network.log_meeting([camille], network.now() - timedelta(hours=5), note="Coffee")
    network.commit()


async def test_done_from_the_queue_is_saved(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    await _app_with_a_thank_you(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        assert app.main.queue_list.highlighted.kind == "thank"  # type: ignore[union-attr]
        await pilot.press("d")
        await settle(app)
        assert all(i.kind != "thank" for i in app.queue.items)
    assert all(i.kind != "thank" for i in reopened(db_path, clock).queue().items)


async def test_snooze_defaults_to_three_days(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    await _app_with_a_thank_you(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "z", "enter")
        await settle(app)
    thank = next(i for i in reopened(db_path, clock).queue().items if i.kind == "thank")
    assert thank.state == "snoozed"
    assert thank.snoozed_until == clock.now() + timedelta(days=3)


async def test_dismiss_removes_the_item_for_good(network: Network, camille: str) -> None:
    await _app_with_a_thank_you(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "x")
        await settle(app)
        clock = network.clock
        assert isinstance(clock, FixedClock)
        clock.advance(days=30)
        app.tick()
        assert all(i.kind != "thank" for i in app.queue.items)


async def test_open_item_copy_and_done_keeps_the_edited_text(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    await _app_with_a_thank_you(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "enter")
        assert isinstance(app.screen, FollowUpScreen)
        draft = app.screen.text
        assert "Camille" in draft
        await pilot.press("c")
        assert app.clipboard == draft
        await pilot.press("e", *"Dear", "enter", "escape", "d")
        await settle(app)
        assert not isinstance(app.screen, FollowUpScreen)
    (action,) = reopened(db_path, clock).state.actions.values()
    assert action.outcome == "done"
    assert action.text == "Dear\n" + draft


async def test_timer_turns_a_due_thank_you_overdue_and_notifies_once(
    network: Network, camille: str, clock: FixedClock
) -> None:
    await _app_with_a_thank_you(network, camille)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        row = app.main.contacts.rows[0]
        assert (row.contact.id, row.need) == (camille, "due")
        assert app.main.contacts.row_class(row) == "row-list--due"
        clock.advance(hours=44)
        app.tick()
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert app.main.contacts.rows[0].need == "overdue"
        assert app.main.contacts.row_class(app.main.contacts.rows[0]) == "row-list--overdue"
        assert any("Camille Martin: overdue since" in m for m in notes)
        app.tick()
        clock.advance(seconds=30)
        app.tick()
        await pilot.pause()
        assert [n.message for n in app._notifications] == notes


async def test_a_meeting_logged_from_the_shell_appears_and_survives_the_next_save(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        other = Network(db_path, clock)
        other.log_meeting([camille], clock.now(), note="From the shell")
        other.commit()
        app.tick()
        await settle(app)
        await pilot.pause()
        assert [m.note for m in app.main.journal.rows] == ["From the shell"]
        await pilot.press("n", *"Zoë N'Diaye", "ctrl+s")
        await settle(app)
    state = reopened(db_path, clock).state
    assert [m.note for m in state.meetings.values()] == ["From the shell"]
    assert sorted(c.name for c in state.contacts.values()) == ["Camille Martin", "Zoë N'Diaye"]


async def test_a_failed_save_is_shown_kept_in_memory_and_retried(
    network: Network,
    camille: str,
    db_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reseau_tui.store.store as store_module
    from reseau_tui.store.files import atomic_write as real_write

    def full_disk(path: Path, data: bytes) -> None:
        raise SaveError(path, "the disk is full")

    monkeypatch.setattr(store_module, "atomic_write", full_disk)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"Zoë N'Diaye", "ctrl+s")
        await settle(app)
        await pilot.pause()
        assert "the disk is full" in app.save_problem
        assert any("Could not save" in n.message for n in app._notifications)
        assert "Zoë N'Diaye" in _names(app.main.contacts)
        monkeypatch.setattr(store_module, "atomic_write", real_write)
        app.tick()
        await settle(app)
        await pilot.pause()
        assert app.save_problem == ""
    assert "Zoë N'Diaye" in [c.name for c in reopened(db_path, clock).state.contacts.values()]


async def test_quit_flushes_pending_changes(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    app.save_delay = 3600
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"Camille", "ctrl+s", "q")
    assert [c.name for c in reopened(db_path, clock).state.contacts.values()] == ["Camille"]


async def test_markup_and_escapes_in_user_text_are_shown_literally(network: Network) -> None:
    hostile = "[/b] Zoë [bold red]N'Diaye[/] \x1b]0;pwned\x07 \u202eevil"
    contact = network.add_contact(hostile, company="[link=file:///etc/passwd]x[/link]")
    network.log_meeting([contact.id], network.now() - timedelta(days=1), note="[/]\x1b[2J")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "enter")
        assert app.screen.text.startswith("Hello Zoë,")  # type: ignore[attr-defined]
        title = str(app.screen.query_one(".form-title").render())
        assert "[/b] Zoë [bold red]N'Diaye[/]" in title
        await pilot.press("escape", "r")
        await pilot.press("escape", "escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "1")
        line = app.main.contacts.render_line(0).text
        assert "[/b] Zoë [bold red" in line and "[link=file:/" in line  # as typed, then "…"
        assert "\x1b" not in line and "\u202e" not in line


async def test_first_run_shows_what_to_do_next(network: Network) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)):
        assert app.main.has_class("-empty")
        welcome = str(app.main.query_one("#welcome").render())
        assert "add your first contact" in welcome and "reseau --demo" in welcome


async def test_narrow_terminal_stacks_the_panes(network: Network, camille: str) -> None:
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main
        assert screen.has_class("-narrow")
        for pane_id in ("#contacts", "#journal", "#queue"):
            region = screen.query_one(pane_id).region
            assert region.height >= 3 and region.bottom <= 23
        await pilot.press("3")
        assert screen.query_one("#queue").region.height > 3


async def test_a_large_journal_arrives_just_after_the_first_frame(
    db_path: Path, clock: FixedClock
) -> None:
    """Opened with what the last run kept, the app draws contacts and the queue at once;
    the journal, built on a worker, then shows every meeting, and the first done works."""
    from reseau_tui.services.demo import write_demo_database

    write_demo_database(db_path, clock)
    reopened(db_path, clock).queue()  # a run that keeps what it found
    network = reopened(db_path, clock)
    meetings = len(network.store.tables["meetings"])
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.main.contacts.rows and app.main.queue_list.rows
        await settle(app)
        await pilot.press("3")  # the queue focused: the journal shows every meeting
        assert len(app.main.journal.rows) == meetings > 0
        assert app.main.query_one("#journal", Pane).title == "Journal · everyone"  # not "loading…"
        await pilot.press("d")  # done on the first item
        await settle(app)
    assert network.state.actions


@pytest.fixture
def lazily_opened(db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Network:
    """The demo, opened the way a large file opens: the journal's bytes left for later."""
    from reseau_tui.services.demo import write_demo_database
    from reseau_tui.store import loader

    monkeypatch.setattr(loader, "LAZY_FROM", 0)
    write_demo_database(db_path, clock)
    reopened(db_path, clock).queue()  # a run that keeps what it found
    network = reopened(db_path, clock)
    assert not network.store.rest.ready()
    return network


async def test_the_queue_names_its_meetings_once_the_journal_has_been_read(
    lazily_opened: Network, db_path: Path, clock: FixedClock
) -> None:
    meetings = len(reopened(db_path, clock).store.tables["meetings"])
    app = make_app(lazily_opened)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("3")  # the queue focused: the journal shows every meeting
        assert len(app.main.journal.rows) == meetings > 0
        from reseau_tui.services.followups import about

        state, tz = app.network.state, app.clock.tz
        said = [
            (item.kind, about(item, state, tz, wait=False)) for item in app.main.queue_list.rows
        ]
        assert all(text != "…" for _kind, text in said)
        assert any(text.startswith("coffee ") for _kind, text in said)  # "coffee 17 Nov…"
        assert any(kind == "promise" and text for kind, text in said)  # the promise's words
        queue = app.main.queue_list
        assert any("coffee" in (queue.search_key(i) or "") for i in queue.rows)  # `/` finds it


async def test_a_journal_that_cannot_be_read_after_start_stops_the_app_with_the_reason(
    lazily_opened: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = "changed while it was being read: another program wrote into it"
    monkeypatch.setattr(lazily_opened.store.rest, "_problem", problem)  # as its reader finds
    app = make_app(lazily_opened)
    exits: list[dict[str, object]] = []
    monkeypatch.setattr(app, "exit", lambda **how: exits.append(how))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.pause()
    assert exits and exits[0]["return_code"] == 1
    assert "another program wrote into it. It was not changed." in str(exits[0]["message"])
