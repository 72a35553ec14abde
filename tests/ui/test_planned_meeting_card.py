"""A meeting still to come, on a contact's card: not 'last met', but the next meeting."""

from __future__ import annotations

from datetime import timedelta

from reseau_tui.services.network import Network
from tests.ui.conftest import make_app


async def test_the_card_says_the_next_meeting_and_the_last_one_that_happened(
    network: Network,
) -> None:
    sofia = network.add_contact("Sofia Rossi").id
    network.log_meeting([sofia], network.now() - timedelta(days=10), note="first coffee")
    network.log_meeting([sofia], network.now() + timedelta(days=1, hours=4), note="lunch")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        card = str(app.main.detail.query_one("#detail-body").render())
        assert "Last met: 10 days ago" in card
        assert "Next meeting: tomorrow 14:00" in card
