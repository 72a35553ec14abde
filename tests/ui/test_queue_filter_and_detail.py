"""Finding things on the main screen: the queue's filter, the detail area, the journal's scope."""

from __future__ import annotations

from datetime import timedelta

from reseau_tui.services.network import Network
from reseau_tui.ui.widgets.pane import Pane
from tests.ui.conftest import make_app


def _three_people_owed_thanks(network: Network) -> dict[str, str]:
    ids = {}
    for name, note in [
        ("Camille Martin", "Supply chains at Airbus"),
        ("Zoë N'Diaye", "Founders look for ops profiles"),
        ("Marc Lefort", "Thales careers"),
    ]:
        ids[name] = network.add_contact(name).id
        network.log_meeting([ids[name]], network.now() - timedelta(hours=5), note=note)
    network.commit()
    return ids


async def test_slash_filters_the_queue_by_person_and_enter_goes_back_to_the_list(
    network: Network,
) -> None:
    ids = _three_people_owed_thanks(network)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        every = len(app.main.queue_list.rows)
        await pilot.press("slash", *"camill")
        shown = app.main.queue_list.rows
        assert shown and {i.contact_id for i in shown} == {ids["Camille Martin"]}
        assert len(shown) < every
        await pilot.press("enter")
        assert app.focused is app.main.queue_list
        assert "/camill" in str(app.main.query_one("#queue", Pane).border_title)
        await pilot.press("slash", "escape")
        assert len(app.main.queue_list.rows) == every


async def test_the_queue_filter_finds_the_kind_and_what_it_is_about(network: Network) -> None:
    ids = _three_people_owed_thanks(network)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # the journal is read after the first frame
        await app.workers.wait_for_complete()
        await pilot.press("3", "slash", *"thales")
        assert {i.contact_id for i in app.main.queue_list.rows} == {ids["Marc Lefort"]}
        await pilot.press(*["backspace"] * 6, *"news")
        kinds = {i.kind for i in app.main.queue_list.rows}
        assert kinds == {"news"}


async def test_tab_into_the_detail_keeps_the_draft_of_the_follow_up(network: Network) -> None:
    _three_people_owed_thanks(network)
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        body = app.main.detail.query_one("#detail-body")
        draft = str(body.render())
        assert app.main.queue_list.highlighted is not None
        await pilot.press("tab")
        assert app.focused is app.main.detail
        assert str(body.render()) == draft
        assert app.main.detail.size.height > 6  # the focused detail takes the room


async def test_the_contacts_filter_ignores_apostrophes(network: Network) -> None:
    network.add_contact("Zoë N'Diaye")
    network.add_contact("Jeanne d’Arc")
    network.add_contact("Camille Martin")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"ndiaye")
        assert [r.contact.name for r in app.main.contacts.rows] == ["Zoë N'Diaye"]
        await pilot.press(*["backspace"] * 6, *"d'arc")
        assert [r.contact.name for r in app.main.contacts.rows] == ["Jeanne d’Arc"]


async def test_the_journal_says_whose_meetings_it_shows_and_2_shows_everyone(
    network: Network,
) -> None:
    ids = _three_people_owed_thanks(network)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        pane = app.main.query_one("#journal", Pane)
        first = app.main.contacts.highlighted
        assert first is not None
        assert f"with {first.contact.name}" in str(pane.border_title)
        assert len(app.main.journal.rows) == 1
        await pilot.press("2")
        assert "everyone" in str(pane.border_title)
        assert len(app.main.journal.rows) == len(ids)
