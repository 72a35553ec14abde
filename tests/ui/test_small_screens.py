"""The main screen at the sizes people use: 120x40, 80x24, and a phone's 50x30."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from textual.app import App
from textual.widgets._footer import FooterKey

from reseau_tui.services.network import Network
from reseau_tui.ui.widgets.status_bar import StatusBar
from tests.faults.screen import screen_text
from tests.ui.conftest import make_app


def _screen_lines(app: App[Any]) -> list[str]:
    """What the terminal shows, row by row."""
    return screen_text(app).split("\n")


async def test_at_50_columns_the_status_still_says_saved_and_the_footer_keeps_help(
    network: Network,
) -> None:
    for i in range(30):
        network.add_contact(f"Person {i:02}", company="Compagnie Générale des Établissements")
    network.commit()
    app = make_app(network)
    app.demo = True  # the longest status line: "… · demo · saved"
    async with app.run_test(size=(50, 30)) as pilot:
        await pilot.pause()
        app.update_status()
        status = app.main.query_one(StatusBar).text
        assert status.rstrip().endswith("saved"), status
        footer = app.main.query_one("KeyFooter")
        keys = [k.key for k in footer.query(FooterKey)]
        assert keys[:2] == ["question_mark", "r"]


async def test_a_cut_cell_ends_with_an_ellipsis(network: Network) -> None:
    network.add_contact("Camille Martin", company="Compagnie Générale des Établissements")
    app = make_app(network)
    async with app.run_test(size=(50, 30)) as pilot:
        await pilot.pause()
        line = app.main.contacts._line(app.main.contacts.rows[0], 46)
        assert "Compagnie" in line and "…" in line
        assert "Générale des Établissements" not in line


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_welcome_panel_fits_the_screen_with_one_border(
    network: Network, size: tuple[int, int]
) -> None:
    app = make_app(network)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        welcome = app.main.query_one("#welcome")
        region = welcome.region
        assert region.right <= size[0], region
        assert region.x >= 0
        lines = _screen_lines(app)
        title_row = next(i for i, line in enumerate(lines) if "Welcome to reseau" in line)
        assert lines[title_row].rstrip().endswith("│")  # its right border is on screen
        top = lines[region.y]
        assert "╭╭" not in top and "╭│" not in "".join(lines)


async def test_the_queue_shows_the_time_since_an_item_is_overdue_in_full(
    network: Network,
) -> None:
    camille = network.add_contact("Camille Martin").id
    network.log_meeting([camille], network.now() - timedelta(hours=49), note="coffee")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        item = app.main.queue_list.rows[0]
        assert item.state == "overdue"
        line = app.main.queue_list._line(item, 56)
        assert "09:00" in line, line


async def test_at_50_columns_the_footer_shows_only_keys_that_fit_whole(network: Network) -> None:
    from textual.widgets._footer import FooterKey

    network.add_contact("Camille Martin")
    app = make_app(network)
    async with app.run_test(size=(50, 30)) as pilot:
        for _ in range(5):  # the keys are measured once laid out
            await pilot.pause()
        footer = app.main.query_one("KeyFooter")
        keys = list(footer.query(FooterKey))
        [palette] = [k for k in keys if k.has_class("-command-palette")]
        shown = [k for k in keys if k.display and k is not palette]
        edges = [(k.action, k.region.right) for k in shown]
        assert shown and all(k.region.right <= palette.region.x for k in shown), (
            edges,
            palette.region,
        )
        assert len(shown) < len(keys) - 1  # some were left out, not drawn in part


async def test_at_80_columns_the_pane_in_use_keeps_its_room_when_the_terminal_loses_focus(
    network: Network,
) -> None:
    for i in range(12):
        network.add_contact(f"Person {i:02}")
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        tall = app.main.query_one("#contacts").size.height
        assert tall > 6
        app.screen.set_focus(None)  # what a terminal reporting focus-out leads to
        await pilot.pause()
        assert app.main.query_one("#contacts").size.height == tall
