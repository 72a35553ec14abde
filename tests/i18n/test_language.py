"""Which language: --lang, then config.toml, then LC_ALL / LC_MESSAGES / LANG, else English."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from reseau_tui.cli.main import main
from reseau_tui.config import (
    ConfigProblem,
    configured_language,
    save_language,
    startup_language,
)
from reseau_tui.i18n import current_language, language_from_env
from reseau_tui.locations import config_file


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr"}, "fr"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA"}, "fr"),
        ({"LANG": "fr_BE.ISO-8859-15@euro"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": ""}, "en"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "fr_CA.UTF-8", "LC_MESSAGES": "en_US"}, "fr"),
        ({"LC_ALL": "", "LANG": "fr_FR.UTF-8"}, "fr"),
    ],
)
def test_language_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from_env(environ) == expected


def write_config(text: str | bytes) -> Path:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_lang_option_comes_first_then_config_then_environment() -> None:
    warnings: list[str] = []
    french = {"LANG": "fr_FR.UTF-8"}
    assert startup_language(None, warnings.append, environ=french) == "fr"
    write_config('language = "en"\n')
    assert startup_language(None, warnings.append, environ=french) == "en"
    assert startup_language("fr", warnings.append, environ={}) == "fr"
    write_config('# mine\nlanguage = "fr"\n')
    assert startup_language(None, warnings.append, environ={}) == "fr"
    assert startup_language("en", warnings.append, environ={}) == "en"
    assert warnings == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('language = "fr', "is not valid TOML"),
        (b'language = "fr\xe9"\n', "is not UTF-8 text"),
        ('language = "de"\n', 'sets language = "de"; use "en" or "fr"'),
        ("language = 3\n", 'sets language = 3; use "en" or "fr"'),
    ],
)
def test_a_config_that_cannot_be_used_is_reported_and_ignored(
    content: str | bytes, problem: str
) -> None:
    path = write_config(content)
    warnings: list[str] = []
    assert startup_language(None, warnings.append, environ={}) == "en"
    assert len(warnings) == 1
    assert warnings[0].startswith(f"the config file {path} {problem}")
    assert warnings[0].endswith("; it is ignored.")
    # The environment still decides, and the warning is in its language.
    warnings.clear()
    assert startup_language(None, warnings.append, environ={"LANG": "fr_FR.UTF-8"}) == "fr"
    assert warnings[0].startswith(f"le fichier de configuration {path} ")


def test_a_config_file_that_is_a_folder_is_reported() -> None:
    config_file().mkdir(parents=True)
    with pytest.raises(ConfigProblem) as caught:
        configured_language()
    assert caught.value.template == "is a folder, not a file"


def test_broken_config_never_stops_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    write_config("language = [")
    assert main(["due"]) == 0
    err = capsys.readouterr().err
    assert "reseau: the config file" in err
    assert "is not valid TOML" in err
    assert "Nothing due. You are up to date." in err


def test_the_config_file_language_is_used_by_the_shell(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_config('language = "fr"\n')
    assert main(["due"]) == 0
    assert capsys.readouterr().err == "Rien à faire. Vous êtes à jour.\n"
    assert current_language() == "fr"
    assert main(["--lang", "en", "due"]) == 0
    assert capsys.readouterr().err == "Nothing due. You are up to date.\n"
    assert main(["--lang=fr", "due"]) == 0
    assert capsys.readouterr().err == "Rien à faire. Vous êtes à jour.\n"


def test_lang_from_the_environment_reaches_the_shell(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["due"]) == 0
    assert capsys.readouterr().err == "Rien à faire. Vous êtes à jour.\n"
    monkeypatch.setenv("LC_ALL", "C")
    assert main(["due"]) == 0
    assert capsys.readouterr().err == "Nothing due. You are up to date.\n"


# --- saving the choice ------------------------------------------------------------------


def test_saving_the_language_creates_a_private_config_file() -> None:
    path = save_language("fr")
    assert path == config_file()
    assert path.read_text(encoding="utf-8") == 'language = "fr"\n'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert configured_language() == "fr"
    save_language("en")
    assert path.read_text(encoding="utf-8") == 'language = "en"\n'


def test_saving_the_language_keeps_the_rest_of_the_file() -> None:
    path = write_config(
        '# my settings\ntheme = "nord"\nlanguage = "en"  # was English\n\n'
        '[later]\nlanguage = "not this one"\n'
    )
    save_language("fr")
    assert path.read_text(encoding="utf-8") == (
        '# my settings\ntheme = "nord"\nlanguage = "fr"\n\n[later]\nlanguage = "not this one"\n'
    )
    path = write_config("[table]\nkey = 1\n")
    save_language("fr")
    assert path.read_text(encoding="utf-8") == 'language = "fr"\n[table]\nkey = 1\n'
    assert configured_language() == "fr"


def test_a_config_that_cannot_be_read_is_not_overwritten() -> None:
    path = write_config("language = [\n")
    with pytest.raises(ConfigProblem):
        save_language("fr")
    assert path.read_text(encoding="utf-8") == "language = [\n"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp file left


def test_a_config_that_cannot_be_written_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from reseau_tui.store import files
    from reseau_tui.store.errors import SaveError

    def full_disk(path: Path, data: bytes) -> None:
        raise SaveError(path, "the disk is full")

    monkeypatch.setattr(files, "atomic_write", full_disk)
    with pytest.raises(ConfigProblem) as caught:
        save_language("fr")
    assert caught.value.describe() == (
        f"the config file {config_file()} could not be written: the disk is full"
    )
    assert not config_file().exists()
