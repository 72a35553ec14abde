"""Hostile names and notes in every part of the app: shown literally, never a control sequence.

The network is filled with the shared sample of troublemakers (markup, links
and actions in markup syntax, OSC and CSI sequences, 8-bit CSI, C0/C1
controls, bidi overrides, combining marks, emoji sequences, a very long line).
The test walks the app the way a user does and, at every step, reads what the
terminal would receive (tests/faults/screen.py): markup must show as typed,
and no control character may reach the terminal.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.models import create_promise
from reseau_tui.domain.validation import MAX_NAME
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.contact_form import ContactForm
from reseau_tui.ui.screens.followup_screen import FollowUpScreen
from reseau_tui.ui.screens.help_screen import HelpScreen
from reseau_tui.ui.screens.meeting_form import MeetingForm
from reseau_tui.ui.screens.pick_screen import PickScreen
from reseau_tui.ui.screens.review_screen import ReviewScreen
from reseau_tui.ui.screens.sync_screen import SyncScreen
from tests.faults.screen import leaks, screen_text
from tests.faults.support import SYNCTHING_COPY, hostile_strings
from tests.ui.conftest import settle

HOSTILE = hostile_strings()
EXTRA = [
    "\x1b]0;pwned\x07Zed",  # a name whose first word is an escape: drafts greet with it
    "csi8\x9b2J bit",  # the 8-bit CSI, and C1 controls
    "nel\x85 and \x9d]0;osc8\x9c end",
]
SAMPLES = HOSTILE + EXTRA


def _name(text: str, i: int) -> str:
    return text if len(text) <= MAX_NAME else f"Long line {i} " + text[:100]


def hostile_network(network: Network) -> dict[str, str]:
    """Every sample as a contact's name and fields, met, owed, introduced; returns name -> id."""
    ids: dict[str, str] = {}
    previous = None
    for i, text in enumerate(SAMPLES):
        contact = network.add_contact(
            _name(text, i),
            company=text[:2000],
            role=text[:2000],
            email=text[:2000],
            url=text[:2000],
            phone=text[:100],
            notes=text,
            tags=(text[:100],),
            introduced_by=previous,
            cadence_days=30,
        )
        ids[text] = previous = contact.id
    now = network.now()
    people = list(ids.values())
    for i, text in enumerate(SAMPLES):
        network.log_meeting(
            [people[i], people[(i + 1) % len(people)]],
            now - timedelta(hours=3 + i),
            place=text[:2000],
            note=text,
            learned=text,
            advice=text,
            leads=[text[:2000], "Second lead " + text[:50]],
            promises=[create_promise(text[:2000]), create_promise(text[:2000], by_me=False)],
        )
    network.add_milestone(SAMPLES[0] + " milestone", now - timedelta(hours=1))
    network.commit()
    return ids


async def walk(pilot: Pilot[int], app: ReseauApp, steps: int, key: str = "down") -> None:
    for _ in range(steps):
        await pilot.press(key)
        assert leaks(app) == []


@pytest.mark.parametrize(
    ("size", "rows"), [((160, 50), len(SAMPLES)), ((80, 24), 4)], ids=["wide", "narrow"]
)
async def test_every_screen_shows_hostile_text_literally_and_safely(
    network: Network, clock: FixedClock, db_path: Path, size: tuple[int, int], rows: int
) -> None:
    ids = hostile_network(network)
    app = ReseauApp(network, tick_seconds=3600, save_delay=0.01)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        assert leaks(app) == []
        await walk(pilot, app, rows)  # every contact, with its card in the detail
        await pilot.press("home")
        shown = screen_text(app)
        assert "[bold]Alice[/bold]" in shown  # markup as typed, not bold
        assert "[@click=app.quit]quit[/]" in shown

        await pilot.press("2")  # the journal, each meeting's full note in the detail
        await walk(pilot, app, rows)
        await pilot.press("3")  # the queue, each draft in the detail
        await walk(pilot, app, rows)

        await pilot.press("home", "enter")  # a follow-up and its editable draft
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        assert leaks(app) == []
        await pilot.press("escape", "r")  # the daily review, draft by draft
        assert isinstance(app.screen, ReviewScreen)
        for _ in range(3):
            assert leaks(app) == []
            await pilot.press("s")
        await pilot.press("escape", "escape")

        await pilot.press("1", "home", "e")  # the edit form
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert leaks(app) == []
        await pilot.press("escape", "2", "home", "l")  # a lead turned into a contact
        await pilot.pause()
        assert isinstance(app.screen, PickScreen) and leaks(app) == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm) and leaks(app) == []
        await pilot.press("escape", "1", "m", *"bold")  # quick capture's suggestions
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm) and leaks(app) == []
        await pilot.press("escape", "escape", "y")

        await pilot.press("1", "home", "a")  # a notification naming the contact
        await pilot.pause()
        assert app._notifications and leaks(app) == []
        await pilot.press("a", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and leaks(app) == []
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert leaks(app) == []
        await pilot.press("escape")
        await settle(app)
        assert app.is_running

    stored = Network(db_path, clock).state.contacts
    assert {stored[cid].notes for cid in ids.values()} == set(SAMPLES)


async def test_an_edit_keeps_the_other_hostile_fields_exactly_as_stored(
    network: Network, clock: FixedClock, db_path: Path
) -> None:
    text = "\x1b]0;pwned\x07 [b]Zoë[/b] \u202eevil\x9b2J\ttab"
    contact = network.add_contact(text, company=text, notes=text + "\nline two " + text)
    network.commit()
    app = ReseauApp(network, tick_seconds=3600, save_delay=0.01)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ContactForm)
        assert leaks(app) == []
        await pilot.press("tab", "tab", *"CTO", "ctrl+s")  # the role only
        await settle(app)
        await pilot.pause()
        assert leaks(app) == []  # the "Saved ..." notification names them too
    saved = Network(db_path, clock).contact(contact.id)
    assert (saved.name, saved.company, saved.role) == (text, text, "CTO")
    assert saved.notes == text + "\nline two " + text


async def test_a_sync_conflict_on_hostile_values_is_asked_safely(
    network: Network, clock: FixedClock, db_path: Path
) -> None:
    text = "\x1b[2J[red]wiped[/red] \u202eevil"
    contact = network.add_contact("[b]Camille[/b] \x1b]0;x\x07", company="Airbus")
    network.commit()
    other = db_path.with_name("other.json")
    other.write_bytes(db_path.read_bytes())
    network.edit_contact(contact.id, company=text)
    network.commit()
    there = Network(other, clock)
    there.edit_contact(contact.id, company=text + " (there)")
    there.commit()
    other.rename(db_path.with_name(SYNCTHING_COPY))
    app = ReseauApp(network, tick_seconds=3600, save_delay=0.01)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SyncScreen)
        assert "[red]wiped[/red]" in screen_text(app)
        assert leaks(app) == []
        await pilot.press("escape")
        await pilot.pause()
        assert leaks(app) == []


@pytest.mark.parametrize("field", ["#name", "#notes", "filter"])
async def test_pasted_escape_sequences_never_reach_the_terminal(
    network: Network, field: str
) -> None:
    """Text pasted from a web page or a terminal may carry ESC, BEL or bidi overrides:
    the field shows it neutralised, and a paste into a one-line field keeps its other lines."""
    from textual import events

    network.add_contact("Camille Martin")
    app = ReseauApp(network, tick_seconds=3600, save_delay=0.01)
    pasted = "Zoë\x1b]0;pwned\x07 \x1b[31mred\x08\u202eevil\nsecond line"
    async with app.run_test(size=(120, 40)) as pilot:
        if field == "filter":
            await pilot.press("slash")
        else:
            await pilot.press("n")
            app.screen.query_one(field).focus()
        await pilot.pause()
        app.post_message(events.Paste(pasted))  # what the terminal sends on a paste
        await pilot.pause()
        assert leaks(app) == []
        widget = app.focused
        assert isinstance(widget, Input | TextArea), widget
        value = widget.value if isinstance(widget, Input) else widget.text
        assert "pwned" in value and "red" in value and "second line" in value
        assert not any(ch in value for ch in "\x1b\x07\x08\u202e")
