"""Help (`?`) lists every key, the journal's included."""

from __future__ import annotations

from textual.widgets import Static

from reseau_tui.services.network import Network
from tests.ui.conftest import make_app


async def test_help_lists_the_journal_and_its_lead_key(network: Network) -> None:
    network.add_contact("Camille Martin")
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        text = str(app.screen.query_one(Static).render())
        lines = [line.strip() for line in text.splitlines()]
        assert "Journal" in lines
        section = lines[lines.index("Journal") + 1 :]
        journal = section[: section.index("")]  # up to the blank line after the section
        assert any(line.startswith("l ") and "Lead → contact" in line for line in journal)
        assert any("Read the whole meeting" in line for line in journal)


async def test_help_lists_the_settings_screens_keys(network: Network) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        text = str(app.screen.query_one(Static).render())
        assert "Settings (ctrl+p → Settings)" in text
        assert "Back to the default" in text and "Add a circle" in text
