"""A config file that is not a small TOML file: said once, ignored, and the command goes on.

A pipe (reading it would wait for a writer forever), a file nested thousands
deep (tomllib parses nesting by recursion), a file of megabytes: as for any
config file that cannot be used, each command warns on stderr that it is
ignored and does its work with the defaults. Hanging or a traceback would
stop every command, since each one reads the config file first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reseau_tui.cli.main import main
from reseau_tui.config import ConfigProblem, read_config
from reseau_tui.locations import config_file


def a_config(content: str | None = None) -> Path:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if content is not None:
        path.write_text(content, encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`reseau ...` in a process of its own: a command that hangs fails the test, not the run."""
    return subprocess.run(
        [sys.executable, "-m", "reseau_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        timeout=60,
        check=False,
    )


def test_a_config_file_that_is_a_pipe_is_ignored_and_the_command_goes_on() -> None:
    path = a_config()
    os.mkfifo(path)

    done = run("due")  # before: opening the pipe waited for a writer, forever

    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(
        f"reseau: the config file {path} is not a regular file (a device, a pipe or a socket)"
        "; it is ignored.\n"
    ), done.stderr
    assert "Nothing due. You are up to date." in done.stderr


def test_switching_the_language_leaves_a_config_pipe_alone_and_says_so() -> None:
    """The app's language switch reads the file before writing it: refused, not stuck."""
    path = a_config()
    os.mkfifo(path)
    code = (
        "from reseau_tui.config import ConfigProblem, save_language\n"
        "try:\n"
        "    save_language('fr')\n"
        "except ConfigProblem as exc:\n"
        "    print(exc.template)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout == "is not a regular file (a device, a pipe or a socket)\n", done.stderr
    assert path.is_fifo()


@pytest.mark.parametrize(
    "content",
    [
        "a = " + "[" * 5000 + "]" * 5000 + "\n",
        "a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n",
        'language = "fr"\nx = ' + "[" * 2000 + "]" * 2000 + "\n",
    ],
    ids=["arrays", "inline tables", "after the language"],
)
def test_a_config_file_nested_thousands_deep_is_ignored_and_the_command_goes_on(
    content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = a_config(content)

    assert main(["due"]) == 0  # before: RecursionError

    err = capsys.readouterr().err
    assert err.startswith(
        f"reseau: the config file {path} is nested too deeply to be a config file; it is ignored."
    ), err
    assert "Nothing due. You are up to date." in err
    assert "Traceback" not in err


def test_a_config_file_of_megabytes_is_not_read_and_the_command_goes_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = a_config('language = "fr"\n' + "# a line of notes\n" * 100_000)

    assert main(["due"]) == 0

    err = capsys.readouterr().err
    assert err.startswith(
        f"reseau: the config file {path} is too large to be a config file (more than 64 KiB)"
        "; it is ignored.\n"
    ), err
    assert "Nothing due. You are up to date." in err  # in English: the file was not used


def test_the_warning_is_in_the_language_the_environment_asks_for(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    a_config("a = " + "[" * 5000 + "]" * 5000 + "\n")
    assert main(["due"]) == 0
    err = capsys.readouterr().err
    assert (
        "imbriqué trop profondément pour un fichier de configuration\u00a0; il est ignoré." in err
    )
    assert "Rien à faire. Vous êtes à jour." in err


def test_a_small_config_file_is_still_read() -> None:
    a_config('language = "fr"\n' + "# a note\n" * 1000)
    assert read_config() == {"language": "fr"}
    with pytest.raises(ConfigProblem) as caught:
        read_config(config_file().parent)
    assert caught.value.template == "is a folder, not a file"
