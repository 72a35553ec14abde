"""The daily review: every due item in turn, one key per decision, then a summary."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.screens.review_screen import ReviewScreen
from tests.ui.conftest import make_app, reopened, settle


async def test_review_from_start_to_summary(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    camille = network.add_contact("Camille Martin").id
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=camille).id
    inès = network.add_contact("Inès Garnier").id
    network.log_meeting([zoe], clock.now() - timedelta(hours=30))
    network.log_meeting([inès], clock.now() - timedelta(hours=3))
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert len(screen.items) == 3
        first = screen.current
        assert first is not None
        await pilot.press("c")
        assert app.clipboard.startswith("Hello")
        await pilot.press("d")
        await pilot.press("z", "enter")
        await pilot.press("s")
        await settle(app)
        assert screen.finished
        summary = str(screen.query_one("#review-summary").render())
        assert summary == "1 thanked, 1 snoozed, 0 dismissed, 1 left"
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)
    queue = reopened(db_path, clock).queue()
    assert first.id not in {i.id for i in queue.items}
    assert sum(1 for i in queue.items if i.state == "snoozed") == 1
    assert len(queue.actionable()) == 1


async def test_review_with_nothing_due_says_so(network: Network) -> None:
    network.add_contact("Camille Martin")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        assert any("Nothing is due" in n.message for n in app._notifications)


async def test_finishing_early_shows_what_is_left(network: Network, clock: FixedClock) -> None:
    camille = network.add_contact("Camille Martin").id
    network.log_meeting([camille], clock.now() - timedelta(hours=3))
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r", "escape")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert str(screen.query_one("#review-summary").render()) == (
            "0 thanked, 0 snoozed, 0 dismissed, 1 left"
        )


async def test_news_and_promises_done_are_not_counted_as_thanks(
    network: Network, clock: FixedClock
) -> None:
    camille = network.add_contact("Camille Martin").id
    network.log_meeting([camille], clock.now() - timedelta(days=100))
    network.commit()
    for item in network.queue().actionable():
        if item.kind == "thank":
            network.decide(item, "done")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert [i.kind for i in screen.items] == ["news"]
        await pilot.press("d")
        assert str(screen.query_one("#review-summary").render()) == (
            "0 thanked, 1 other done, 0 snoozed, 0 dismissed, 0 left"
        )


async def test_review_says_what_each_key_did_on_its_own_screen_not_over_the_draft(
    network: Network, clock: FixedClock
) -> None:
    for name in ("Camille Martin", "Zoë N'Diaye", "Inès Garnier"):
        person = network.add_contact(name).id
        network.log_meeting([person], clock.now() - timedelta(hours=3))
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "c", "d", "x")
        await settle(app)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert "Dismissed: Thank" in str(screen.query_one("#review-last").render())
        assert list(app._notifications) == []  # nothing piled over the next draft
