"""The keymap is the user's: `[keys]` in config.toml remaps keys, and every hint follows."""

from __future__ import annotations

from datetime import timedelta

from reseau_tui.domain.clock import FixedClock
from reseau_tui.locations import config_file
from reseau_tui.services.network import Network
from reseau_tui.ui.screens.help_screen import HelpScreen
from reseau_tui.ui.screens.review_screen import ReviewScreen
from tests.ui.conftest import make_app, settle


def write_config(text: str) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def someone_to_thank(network: Network, clock: FixedClock) -> None:
    camille = network.add_contact("Camille Martin").id
    network.log_meeting([camille], clock.now() - timedelta(hours=3))
    network.commit()


def help_text(screen: HelpScreen) -> str:
    return screen.page(100).plain


async def test_two_remapped_keys_show_in_the_help_and_the_review(
    network: Network, clock: FixedClock
) -> None:
    write_config('[keys]\nreview = "R"\nreview-done = "f"\n')
    someone_to_thank(network, clock)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")  # no longer the review
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        hints = str(screen.query_one("#review-keys").render())
        assert "f done" in hints
        assert "d done" not in hints
        await pilot.press("f")  # the item is marked done by the new key
        await settle(app)
        assert screen.counts["thanked"] == 1
        await pilot.press("escape", "escape")
        await pilot.press("question_mark")
        await pilot.pause()
        page = app.screen
        assert isinstance(page, HelpScreen)
        text = help_text(page)
        assert "Daily review (R)" in text
        done_rows = [line for line in text.splitlines() if line.strip().endswith("Done")]
        assert any(line.strip().startswith("f ") for line in done_rows), done_rows


async def test_the_palette_and_the_footer_follow_the_keys(network: Network) -> None:
    write_config('[keys]\nlog-meeting = "M"\n')
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        from reseau_tui.ui.commands import ReseauCommands

        provider = ReseauCommands(app.screen)
        helps = [help_text for _name, help_text, _run in provider._commands()]
        assert "Quick capture of a coffee, a call, a visit (M)" in helps
        keys = {b.binding.id: key for key, b in app.active_bindings.items() if b.binding.id}
        assert keys["log-meeting"] == "M"


async def test_a_bad_entry_is_reported_and_ignored(network: Network, clock: FixedClock) -> None:
    write_config(
        '[keys]\nreview = "d"\nno-such-key = "k"\nhelp = "ctrl+nothing"\nreview-done = "f"\n'
    )
    someone_to_thank(network, clock)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = " ".join(n.message for n in app._notifications)
        assert "no-such-key" in said and "no key has that id" in said
        assert "ctrl+nothing" in said and "that is not a key" in said
        assert 'review = "d"' in said and "already uses that key" in said
        await pilot.press("r")  # the defaults of the ignored entries still work
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        hints = str(app.screen.query_one("#review-keys").render())
        assert "f done" in hints  # and the good entry is taken


def test_the_readme_names_every_key_id_and_only_real_ones() -> None:
    """The ids a user copies from the README into [keys] are the ones the app knows."""
    import re
    from pathlib import Path

    from textual.binding import Binding

    from reseau_tui.ui.app import ReseauApp
    from reseau_tui.ui.keymap import places

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("**Your own keys.**")
    paragraph = readme[start : readme.index("```toml", start)]
    listed = set(re.findall(r"`([a-z-]+)`", paragraph))
    known = {
        b.id
        for place in places(ReseauApp.BINDINGS)
        for b in place
        if isinstance(b, Binding) and b.id
    }
    assert listed == known
