"""The shell in French, as a French-speaking user reads it: `due`, errors, argparse's help."""

from __future__ import annotations

import re

import pytest

from reseau_tui.cli.main import main
from tests.cli.support import Shell

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def reseau(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Shell:
    monkeypatch.setenv("COLUMNS", "100")
    return Shell(capsys)


def test_due_in_french_with_accents(reseau: Shell) -> None:
    reseau.ok("--lang", "fr", "add", "Hélène Lefèvre", "--company", "Safran")
    assert reseau.err == f"Contact ajouté{NBSP}: Hélène Lefèvre.\n"
    reseau.ok("--lang", "fr", "add", "Zoë N'Diaye", "--introduced-by", "helene")
    reseau.ok("--lang", "fr", "log", "zoe", "--when", "hier", "--learned", "l'aéronautique")
    assert reseau.err == (
        f"Rencontre avec Zoë N'Diaye notée. Pensez à remercier{NBSP}: reseau due\n"
    )

    lines = reseau.ok("--lang", "fr", "due").splitlines()

    assert len(lines) == 2
    thank = next(line for line in lines if "Zoë N'Diaye" in line)
    introducer = next(line for line in lines if "Hélène Lefèvre" in line)
    assert thank.startswith("À FAIRE")
    assert "Remercier " in thank and "hier" in thank
    assert "Merci au relais" in introducer and "a présenté Zoë N'Diaye" in introducer
    assert reseau.err == f"2 suivis. Pour en marquer un comme fait{NBSP}: reseau done ID\n"

    overdue = reseau.ok("--lang", "fr", "due", "--at", "+3j").splitlines()
    assert all(line.startswith("RETARD") for line in overdue)
    assert all("retard 2 j" in line for line in overdue)


def test_an_error_reads_as_french(reseau: Shell) -> None:
    assert reseau("--lang", "fr", "log", "personne") == 1
    assert reseau.out == ""
    assert reseau.err == (
        f"reseau{NBSP}: aucun contact ne correspond à «{NBSP}personne{NBSP}»{NBSP}; "
        "pour l'ajouter en notant la rencontre, ajoutez --new\n"
    )
    assert reseau("--lang", "fr", "due", "--at", "demian") == 1
    assert reseau.err.startswith(
        f"reseau{NBSP}: date{NBSP}: «{NBSP}demian{NBSP}» n'est pas une date que je comprends"
    )
    assert "demain 9h, lundi, jeudi prochain, dans 2 semaines" in reseau.err  # to come: --at


def test_help_is_french_throughout(reseau: Shell) -> None:
    assert reseau("--lang", "fr", "--help") == 0
    text = reseau.out
    assert text.startswith(f"utilisation{NBSP}: reseau [-h] [--version] [--db CHEMIN]")
    for french in (
        f"arguments positionnels{NBSP}:",
        f"options{NBSP}:",
        "afficher ce message d'aide et quitter",
        "afficher la version et quitter",
        "Faites vivre votre réseau professionnel",
        "noter une rencontre",
        "Sans commande, l'application s'ouvre en plein écran.",
    ):
        assert french in text
    for english in ("usage:", "positional arguments", "options:", "show this help", "record"):
        assert english not in text

    assert reseau("--lang", "fr", "log", "--help") == 0
    assert "--when QUAND" in reseau.out
    assert "--place LIEU" in reseau.out
    assert "aujourd'hui 14h30, hier 18h, lundi" in re.sub(r"[ \n]+", " ", reseau.out)  # wrapped


def test_argparse_errors_are_french(reseau: Shell) -> None:
    assert reseau("--lang", "fr", "bogus") == 2
    assert f"reseau{NBSP}: erreur{NBSP}: argument COMMANDE{NBSP}: choix invalide" in reseau.err
    assert reseau("--lang", "fr", "due", "--bogus") == 2
    assert f"arguments non reconnus{NBSP}: --bogus" in reseau.err
    assert reseau("--lang", "fr", "snooze", "abc") == 2
    assert f"ces arguments sont obligatoires{NBSP}: --until" in reseau.err


def test_english_stays_english(reseau: Shell) -> None:
    assert reseau("--lang", "en", "--help") == 0
    assert reseau.out.startswith("usage: reseau [-h] [--version] [--db PATH]")
    assert "show this help message and exit" in reseau.out
    assert reseau("--lang", "en", "bogus") == 2
    assert "reseau: error: argument COMMAND: invalid choice" in reseau.err


def test_main_can_switch_language_between_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse is told our translations once; each run speaks its own language."""
    assert main(["--lang", "fr", "due"]) == 0
    assert main(["--lang", "en", "due"]) == 0
    assert capsys.readouterr().err == (
        "Rien à faire. Vous êtes à jour.\nNothing due. You are up to date.\n"
    )
