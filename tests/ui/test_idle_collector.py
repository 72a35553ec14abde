"""Full garbage collections wait for a pause in typing; the app leaves the collector as it was."""

from __future__ import annotations

import gc

from reseau_tui.services.network import Network
from reseau_tui.ui.idle_collector import IdleCollector
from tests.ui.conftest import make_app


def test_a_full_collection_waits_until_nobody_typed_for_a_while() -> None:
    collector = IdleCollector(idle_seconds=3.0)
    collector.last_input -= 1.0  # a key one second ago
    assert not collector.collect_if_idle()
    collector.last_input -= 5.0  # six seconds ago
    assert collector.collect_if_idle()
    assert collector.collections == 1


async def test_the_app_holds_full_collections_while_open_and_restores_them(
    network: Network,
) -> None:
    before = gc.get_threshold()
    network.add_contact("Camille Martin")
    app = make_app(network)
    async with app.run_test() as pilot:
        assert gc.get_threshold()[2] > before[2]  # no automatic full collection meanwhile
        app.idle_collector.last_input -= 60
        await pilot.press("down")  # a key: the pause starts again
        assert not app.idle_collector.collect_if_idle()
    assert gc.get_threshold() == before
