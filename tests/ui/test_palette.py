"""The command palette (ctrl+p) offers each command once, in the user's words."""

from __future__ import annotations

from textual.command import CommandList

from reseau_tui.services.network import Network
from tests.ui.conftest import make_app


async def test_the_palette_offers_quit_once(network: Network) -> None:
    network.add_contact("Camille Martin")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"quit")
        options = app.screen.query_one(CommandList)

        def titles() -> list[str]:
            return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

        for _ in range(100):  # the providers answer asynchronously
            await pilot.pause()
            if any("Save and quit" in t for t in titles()):
                break
        await app.workers.wait_for_complete()  # and Textual's own, if slower
        await pilot.pause()
        quits = [t for t in titles() if t.lower().startswith("quit")]
        assert len(quits) == 1, titles()
