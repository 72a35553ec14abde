"""Dates, kinds and keys as a French (or English) reader meets them on screen and in the shell.

The journal's rows, the queue's and `reseau due`'s say the day in the user's language,
short ("25 août", "25 Aug"), with the year only when it is not this year; the kinds
and the review read as French, not clipped English; the help's keys stand apart
from what they do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pendulum
import pytest

from reseau_tui.cli.main import main
from reseau_tui.i18n import set_language
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.help_screen import HelpScreen
from tests.faults.screen import screen_text
from tests.ui.conftest import make_app

NBSP = "\N{NO-BREAK SPACE}"
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
MONTHS_FR = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("en")


def text(app: ReseauApp) -> str:
    return screen_text(app).replace(NBSP, " ")


def journal_of_two_years(network: Network) -> Network:
    """The clock says 26 November 2026: one meeting this summer, one the December before."""
    camille = network.add_contact("Camille Martin", circle="friend")
    sophie = network.add_contact("Sophie Girard", introduced_by=camille.id)
    network.log_meeting([camille.id], pendulum.datetime(2025, 12, 1, 9, tz="Europe/Paris"))
    network.log_meeting(
        [sophie.id], pendulum.datetime(2026, 8, 25, 15, tz="Europe/Paris"), note="Paris Saclay"
    )
    network.log_meeting(
        [sophie.id], pendulum.datetime(2026, 11, 25, 15, tz="Europe/Paris"), note="Station F"
    )
    network.commit()
    return network


def journal_rows(app: ReseauApp) -> list[str]:
    lines = text(app).splitlines()
    start = next(i for i, line in enumerate(lines) if "Journal" in line)
    return [line for line in lines[start + 1 : start + 4]]


async def test_journal_rows_say_the_day_in_french(french: None, network: Network) -> None:
    app = make_app(journal_of_two_years(network))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        rows = journal_rows(app)
        # This year's days leave the year out; last December's says it (the column fits it).
        assert rows[0].startswith("│ 25 nov.        Sophie Girard"), rows
        assert rows[1].startswith("│ 25 août        Sophie Girard"), rows
        assert rows[2].startswith("│ 1er déc. 2025  Camille Martin"), rows
        assert not ISO_DAY.search(text(app))


async def test_journal_rows_of_this_year_leave_the_year_out(network: Network) -> None:
    camille = network.add_contact("Camille Martin")
    network.log_meeting([camille.id], pendulum.datetime(2026, 8, 25, 15, tz="Europe/Paris"))
    network.log_meeting([camille.id], pendulum.datetime(2026, 11, 1, 15, tz="Europe/Paris"))
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        rows = journal_rows(app)
        assert rows[0].startswith("│ 1 Nov  Camille Martin"), rows
        assert rows[1].startswith("│ 25 Aug Camille Martin"), rows
        assert not ISO_DAY.search(text(app))


async def test_queue_rows_say_the_meeting_day_short_in_french(
    french: None, network: Network
) -> None:
    journal_of_two_years(network)
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        shown = text(app)
        assert "café 25 nov. · " not in shown  # no place: the day alone
        thank = next(line for line in shown.splitlines() if "Remercier " in line)
        assert "café 25 nov." in thank, thank
        assert "novembre" not in thank


async def test_a_thank_you_to_an_introducer_reads_french(french: None, network: Network) -> None:
    camille = network.add_contact("Camille Martin")
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=camille.id)
    network.log_meeting([zoe.id], pendulum.datetime(2026, 11, 25, 15, tz="Europe/Paris"))
    network.commit()
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        shown = text(app)
        queue = [line.split("││")[1] for line in shown.splitlines() if "││ ○" in line]
        assert [row.split("  ")[0] for row in queue] == [" ○ Remercier", " ○ Merci au relais"]
        assert "intro " not in shown and "intro\n" not in shown
        assert "r Revue du jour" in shown  # the footer
        await pilot.press("down")
        await pilot.pause()
        assert "Remercier l'intermédiaire · Camille Martin" in text(app)


async def test_the_card_names_the_circle_as_a_group(french: None, network: Network) -> None:
    journal_of_two_years(network)
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        while "Camille Martin" not in text(app).split("Détail")[1]:
            await pilot.press("down")
            await pilot.pause()
        assert "Cercle : amis" in text(app)


async def test_help_keeps_long_french_keys_apart_from_their_words(
    french: None, network: Network
) -> None:
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = text(app).splitlines()
        page = next(line for line in lines if "page préc." in line)
        assert re.search(r"page préc\. / page suiv\.\s{2,}Page\b", page), page
        review = next(line for line in lines if re.search(r"│\s+r\s", line))
        assert "Revue du jour" in review
        column = page.index("Page", page.index("suiv."))  # every description starts there
        assert review.index("Revue") == column


def test_reseau_due_rows_say_the_day_short_in_french(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    assert main(["add", "Camille Martin"]) == 0
    assert main(["add", "Zoë N'Diaye", "--introduced-by", "camille"]) == 0
    assert main(["log", "zoe", "--when", "-1d", "--place", "Station F"]) == 0
    capsys.readouterr()

    assert main(["--lang", "fr", "due"]) == 0
    out = capsys.readouterr().out
    day = pendulum.now("Europe/Paris") - timedelta(days=1)
    words = f"{'1er' if day.day == 1 else day.day} {MONTHS_FR[day.month - 1]}"
    if day.year != pendulum.now("Europe/Paris").year:
        words += f" {day.year}"
    thank = next(line for line in out.splitlines() if "Zoë N'Diaye" in line)
    assert f"café {words} · Station F" in thank, out
    assert "Merci au relais" in out
    assert not ISO_DAY.search(out)
