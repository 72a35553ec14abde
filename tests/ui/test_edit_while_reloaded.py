"""An edit form left open while another writer changes the file: saving undoes nothing of theirs.

The other writer is a second `Network` on the same file (a `reseau import` or
`reseau forget` in another terminal, another app); the app picks its change
up on its timer (`tick`). Only the fields the user changed are written; a
field both changed is shown to the user instead of being overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.services.privacy import plan_forget
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.contact_form import ContactForm
from tests.ui.conftest import make_app, reopened, settle


def notes(app: ReseauApp) -> list[str]:
    return [n.message for n in app._notifications]


async def type_into(pilot: Pilot[int], app: ReseauApp, field: str, text: str) -> None:
    """Clear a field of the open form and type `text`, key by key."""
    widget = app.screen.query_one(f"#{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)


async def elsewhere(app: ReseauApp, db_path: Path, clock: FixedClock, **fields: Any) -> None:
    """Another writer changes Camille's record on disk; the app's timer picks it up."""
    other = Network(db_path, clock)
    (camille,) = [c.id for c in other.state.contacts.values() if c.name == "Camille Martin"]
    other.edit_contact(camille, **fields)
    other.commit()
    app.tick()
    await settle(app)


async def test_saving_an_edit_keeps_what_an_import_filled_in_meanwhile(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ContactForm)
        await type_into(pilot, app, "role", "Buyer")
        await elsewhere(app, db_path, clock, email="camille@airbus.example", phone="+33 6 12")
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, ContactForm)
    saved = reopened(db_path, clock).contact(camille)
    assert (saved.role, saved.email, saved.phone) == ("Buyer", "camille@airbus.example", "+33 6 12")
    assert saved.company == "Airbus"


async def test_saving_an_edit_keeps_the_company_another_app_changed(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#notes", TextArea).focus()
        await pilot.press(*"Met at the fair")
        await elsewhere(app, db_path, clock, company="Airbus Helicopters")
        await pilot.press("ctrl+s")
        await settle(app)
    saved = reopened(db_path, clock).contact(camille)
    assert (saved.company, saved.notes) == ("Airbus Helicopters", "Met at the fair")


async def test_a_forgotten_introducer_is_never_written_back(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    anne = network.add_contact("Anne Leroy").id
    network.edit_contact(camille, introduced_by=anne)
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.contacts.select_key(camille)
        await pilot.press("e")
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#introduced_by", Input).value == "Anne Leroy"
        await type_into(pilot, app, "role", "Buyer")
        other = Network(db_path, clock)  # `reseau forget "Anne Leroy"` in another terminal
        forgetting = plan_forget(other.state, anne, clock.tz)
        assert forgetting.operation is not None
        other.apply(forgetting.operation)
        other.commit()
        app.tick()
        await settle(app)
        await pilot.press("ctrl+s")
        await settle(app)
    state = reopened(db_path, clock).state
    assert anne not in state.contacts
    assert (state.contacts[camille].role, state.contacts[camille].introduced_by) == ("Buyer", None)


async def test_a_field_changed_here_and_elsewhere_is_asked_about_not_overwritten(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        form = app.screen
        await type_into(pilot, app, "company", "Safran")
        await type_into(pilot, app, "role", "Buyer")
        await elsewhere(app, db_path, clock, company="Thales")
        await pilot.press("ctrl+s")
        await settle(app)
        assert app.screen is form  # still open: the user decides
        assert any(
            'Company was changed elsewhere to "Thales" while you edited.' in n
            and "ctrl+s again" in n
            for n in notes(app)
        )
        assert form.query_one("#company", Input).has_class("-invalid")
        assert form.query_one("#company", Input).value == "Safran"  # what they typed stays
        on_disk = reopened(db_path, clock).contact(camille)
        assert (on_disk.company, on_disk.role) == ("Thales", "")  # nothing half-written
        await pilot.press("ctrl+s")  # again: keep mine
        await settle(app)
        assert not isinstance(app.screen, ContactForm)
    saved = reopened(db_path, clock).contact(camille)
    assert (saved.company, saved.role) == ("Safran", "Buyer")


async def test_the_same_change_made_elsewhere_is_no_conflict(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await type_into(pilot, app, "company", "Thales")
        await elsewhere(app, db_path, clock, company="Thales")
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, ContactForm)
        assert not any("changed elsewhere" in n for n in notes(app))
    assert reopened(db_path, clock).contact(camille).company == "Thales"


async def test_a_contact_forgotten_elsewhere_while_edited_is_explained(
    network: Network, camille: str, db_path: Path, clock: FixedClock
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        form = app.screen
        await type_into(pilot, app, "role", "Buyer")
        other = Network(db_path, clock)
        forgetting = plan_forget(other.state, camille, clock.tz)
        assert forgetting.operation is not None
        other.apply(forgetting.operation)
        other.commit()
        app.tick()
        await settle(app)
        await pilot.press("ctrl+s")
        await settle(app)
        assert app.is_running and app.screen is form
        assert any("was removed elsewhere while you edited" in n for n in notes(app))
    assert camille not in reopened(db_path, clock).state.contacts
