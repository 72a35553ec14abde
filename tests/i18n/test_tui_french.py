"""The app in French, read off the screen as the terminal would draw it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from reseau_tui.i18n import current_language, set_language
from reseau_tui.locations import config_file
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.help_screen import HelpScreen
from reseau_tui.ui.screens.main_screen import MainScreen
from reseau_tui.ui.screens.review_screen import ReviewScreen
from reseau_tui.ui.screenshots import demo_app
from tests.faults.screen import screen_text
from tests.ui.conftest import make_app, settle

NBSP = "\N{NO-BREAK SPACE}"
ENGLISH = re.compile(
    r"\b(overdue|due today|Thank|Review|Help|Edit|Sort|Filter|Meeting|days? ago|"
    r"days? late|yesterday|today|Detail|saved|News|Promise)\b"
)


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("en")


def text(app: ReseauApp) -> str:
    """The screen, with the no-break spaces French puts before ':' shown as spaces."""
    return screen_text(app).replace(NBSP, " ")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_main_screen_reads_french(french: None, size: tuple[int, int]) -> None:
    app = demo_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = text(app)
        for words in (
            "11 en retard · 4 pour aujourd'hui · démo",
            "enregistré",
            "Contacts (par urgence) · 24",
            "Remerciements · 11 en retard · 4 à faire · 45",
            "Journal · avec Aïcha Benali",
            "Détail",
            "Aïcha Benali",
            "il y a 3 mois",
            "Responsable data · BNP Paribas",
            "Cercle : amis",
            "e Modifier",
            "s Trier",
            "m Noter",
            "n Contact",
            "? Aide",
            "r Revue du jour",
            "palette",
        ):
            assert words in shown, words
        assert not ENGLISH.findall(shown)
        await pilot.press("3")
        await pilot.pause()
        shown = text(app)
        for words in ("Nouvelles", "Merci au relais", "Promesse", "retard 36 j", "retard 7 j"):
            assert words in shown, words
        assert not ENGLISH.findall(shown)


async def test_review_reads_french_from_first_item_to_summary(french: None) -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        shown = text(app)
        for words in (
            "1 sur 15 · Promesse · Léa Rousseau",
            "en retard · 37 jours de retard · envoyer l'article sur les pneus circulaires",
            "Bonjour Léa,",
            "Comme promis lors de notre visio du 12 octobre 2026, je vous envoie l'article",
            "d fait · c copier · z reporter · x ignorer · s passer · e modifier · échap terminer",
        ):
            assert words in shown, words
        await pilot.press("s")  # Aïcha: tutoiement
        await pilot.pause()
        assert "2 sur 15 · Nouvelles · Aïcha Benali" in text(app)
        assert "Je voulais te donner une nouvelle :" in text(app)
        assert "À bientôt" in text(app)
        await pilot.press("s")  # Camille: vouvoiement
        await pilot.pause()
        assert "Je voulais partager une nouvelle avec vous :" in text(app)
        assert "Bien cordialement" in text(app)
        await pilot.press("d")
        await settle(app)
        last = str(app.screen.query_one("#review-last").render())
        assert last == f"Fait{NBSP}: Nouvelles, Camille Martin."
        await pilot.press("escape")
        await pilot.pause()
        shown = text(app)
        assert "Revue terminée" in shown
        assert "1 autre fait" in shown
        assert "0 remerciement, 1 autre fait, 0 reporté, 0 ignoré, 14 restants" in shown
        assert "échap ou q pour fermer" in shown
        assert not ENGLISH.findall(shown.split("╭")[0])


async def test_help_lists_every_key_in_french(french: None) -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = text(app)
        for words in ("reseau : toutes les touches", "Partout", "q" + " " * 24 + "Quitter"):
            assert words in shown, words
        app.screen.query_one(VerticalScroll).scroll_end(animate=False)
        await pilot.pause()
        shown = text(app)
        for words in (
            "Noter une rencontre (m)",
            "entrée" + " " * 19 + "Choisir le nom en surbrillance",
            "échap ferme cet écran",
        ):
            assert words in shown, words


async def test_quick_capture_reads_french(french: None) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "z", "o")
        await pilot.pause()
        shown = text(app)
        for words in ("Noter une rencontre", "Avec : Aïcha Benali", "Zoë N'Diaye · Thales"):
            assert words in shown, words
        assert "Créer un nouveau contact : zo" in shown


async def test_switching_language_from_the_palette_redraws_and_saves_to_config(
    network: Network,
) -> None:
    camille = network.add_contact("Camille Martin")
    network.log_meeting([camille.id], network.now())
    network.commit()
    settings_before = network.state.settings
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "? Help" in text(app)
        await switch_language(pilot)
        assert current_language() == "fr"
        assert isinstance(app.screen, MainScreen)
        shown = text(app)
        for words in ("Remerciements · 0 en retard · 1 à faire", "Aide", "Revue", "Trier"):
            assert words in shown, words
        assert not ENGLISH.findall(shown)
        assert any(n.message == f"Langue{NBSP}: français" for n in app._notifications)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "reseau : toutes les touches" in text(app)
        await pilot.press("escape")
        await settle(app)
        assert config_file().read_text(encoding="utf-8") == 'language = "fr"\n'
        assert network.state.settings == settings_before
        assert network.state.settings.language is None

        await switch_language(pilot)
        assert current_language() == "en"
        assert "Thank-you queue · 0 overdue · 1 due" in text(app)
        assert config_file().read_text(encoding="utf-8") == 'language = "en"\n'


async def switch_language(pilot: Pilot[int]) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    for key in "langu":
        await pilot.press(key)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def test_a_config_that_cannot_be_written_leaves_the_language_switched(
    network: Network,
) -> None:
    folder = config_file().parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")  # the config folder cannot be created
    app = make_app(network)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await switch_language(pilot)
        assert current_language() == "fr"
        [note] = [n for n in app._notifications if n.message.startswith("Langue")]
        assert note.message.startswith(f"Langue{NBSP}: français, pour cette session seulement")
        assert note.severity == "warning"


async def test_ctrl_c_says_in_french_which_key_quits(french: None, network: Network) -> None:
    app = make_app(network)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        [note] = app._notifications
        assert note.title == f"Vous voulez quitter{NBSP}?"
        assert note.message == "Appuyez sur ctrl+q pour quitter l'application."
