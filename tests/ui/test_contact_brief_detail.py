"""A highlighted contact's detail is their brief: what `reseau show` prints, before meeting them."""

from __future__ import annotations

from datetime import timedelta

from reseau_tui.domain.models import create_promise
from reseau_tui.services.meetings import edit_meeting
from reseau_tui.services.network import Network
from tests.ui.conftest import make_app


async def test_the_detail_of_a_contact_is_their_brief_with_the_last_advice_and_open_promises(
    network: Network, camille: str
) -> None:
    sofia = network.add_contact("Sofia Rossi", introduced_by=camille).id
    network.log_meeting(
        [sofia],
        network.now() - timedelta(days=40),
        advice="Talk to the CFO first",
        place="Café Oberkampf",
    )
    last = network.log_meeting(
        [sofia], network.now() - timedelta(days=3), advice="Apply before Christmas"
    )
    network.edit_contact(sofia, circle="friend")
    edit_meeting(
        network,
        last.id,
        promises=[
            create_promise("send the deck"),
            create_promise("an intro to Bob", by_me=False),
        ],
    )
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()  # the journal, read after the first frame
        await pilot.press("1", "slash", *"sofia", "enter")
        await pilot.pause()
        row = app.main.contacts.highlighted
        assert row is not None and row.contact.id == sofia
        brief = str(app.main.detail.query_one("#detail-body").render())
        assert "Introduced by: Camille Martin" in brief
        assert "Advice: Apply before Christmas" in brief  # the last meeting's advice
        assert "Advice: Talk to the CFO first" in brief  # and the one before
        assert brief.index("Apply before Christmas") < brief.index("Talk to the CFO first")
        mine = brief.split("You promised", 1)[1]
        assert "send the deck" in mine.split("They promised you", 1)[0]
        assert "an intro to Bob" in brief.split("They promised you", 1)[1]
        assert "Keep in touch: every" in brief and "next due" in brief
