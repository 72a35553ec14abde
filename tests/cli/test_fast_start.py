"""Shell commands load only what they run: a later change cannot slow them down unnoticed.

`reseau --version` and `reseau --help` cost little more than starting Python,
and no command that prints text loads Textual, pendulum or the vCard and
iCalendar libraries; `reseau due` on a file it has seen reads the head of
what the last run kept, not the whole queue. Each case runs the command in a
fresh interpreter and looks at `sys.modules` as it exits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.locations import user_folder
from reseau_tui.services.demo import write_demo_database
from reseau_tui.store.derived import derived_files

# Runs the command as the `reseau` entry point does, then writes the modules it loaded.
PROBE = """
import atexit, json, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
from reseau_tui.cli.main import main
raise SystemExit(main(sys.argv[1:]))
"""
NEVER_IN_THE_SHELL = ("textual", "rich", "pendulum", "vobject", "icalendar")
# The file formats' adapters, for import, export and sync only.
ADAPTERS = {
    f"reseau_tui.io.{name}"
    for name in ("vcard", "vcard_write", "vdir", "ics", "csv_contacts", "linkedin", "json_backup")
}


def loaded(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        capture_output=True,
        text=True,
        env=os.environ | {"COLUMNS": "100"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(out.read_text()))


def packages(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_the_version_loads_nothing_of_reseau_but_its_entry_point(tmp_path: Path) -> None:
    modules = loaded(tmp_path, "--version")
    ours = {m for m in modules if m.startswith("reseau_tui")}
    assert ours <= {
        "reseau_tui",
        "reseau_tui.cli",
        "reseau_tui.cli.main",
        "reseau_tui.i18n",
        "reseau_tui.domain",
        "reseau_tui.domain.text",
    }
    assert not packages(modules) & {"orjson", "tinydb", *NEVER_IN_THE_SHELL}


def test_the_help_loads_no_database_code_and_no_library_it_does_not_print_with(
    tmp_path: Path,
) -> None:
    modules = loaded(tmp_path, "--help")
    assert not packages(modules) & {"orjson", "tinydb", "platformdirs", *NEVER_IN_THE_SHELL}
    heavy = {"reseau_tui.domain.models", "reseau_tui.domain.engine", "reseau_tui.services.network"}
    assert not modules & heavy
    assert not {m for m in modules if m.startswith("reseau_tui.store")}
    assert "reseau_tui.services.labels" in modules  # the help names the channels: it is read


@pytest.fixture
def demo(tmp_path: Path, clock: FixedClock) -> Path:
    db = tmp_path / "reseau.json"
    write_demo_database(db, clock)
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["contacts", "Camille"],
        ["show", "Camille"],
        ["log", "Camille", "--note", "coffee"],
        ["journal"],
    ],
)
def test_printing_commands_load_neither_the_ui_nor_pendulum_nor_the_file_formats(
    tmp_path: Path, demo: Path, args: list[str]
) -> None:
    modules = loaded(tmp_path, "--db", str(demo), *args)
    assert "reseau_tui.services.network" in modules  # it did open the database
    assert not packages(modules) & set(NEVER_IN_THE_SHELL)
    assert not {m for m in modules if m.startswith("reseau_tui.ui")}
    assert not modules & ADAPTERS


def test_due_on_a_file_seen_before_reads_the_head_of_what_was_kept_not_the_whole(
    tmp_path: Path, demo: Path
) -> None:
    """The whole findings gone, the head left: `due` says the same without scanning again
    (a scan would keep the whole findings anew)."""
    env = os.environ | {"COLUMNS": "100"}
    due = [sys.executable, "-m", "reseau_tui", "--db", str(demo), "due"]
    first = subprocess.run(due, capture_output=True, text=True, env=env, check=True)
    (whole,) = derived_files(demo)
    whole.unlink()
    again = subprocess.run(due, capture_output=True, text=True, env=env, check=True)
    assert again.stdout == first.stdout
    assert "OVERDUE" in first.stdout  # the demo owes thank-yous: the test is not vacuous
    assert not derived_files(demo)


@pytest.mark.parametrize("kind", ["data", "config", "cache"])
@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": ""},
        {"XDG_DATA_HOME": "relative/data", "XDG_CONFIG_HOME": "rel", "XDG_CACHE_HOME": "c"},
        {"HOME": "relative-home"},
        {"HOME": "/home/zoé/"},
    ],
)
def test_reseau_folders_are_where_platformdirs_puts_them(
    monkeypatch: pytest.MonkeyPatch, kind: str, environ: dict[str, str]
) -> None:
    """reseau names its folders itself in the usual case (loading platformdirs is slow)."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    expected = {
        "data": platformdirs.user_data_path,
        "config": platformdirs.user_config_path,
        "cache": platformdirs.user_cache_path,
    }[kind]("reseau")
    assert user_folder(kind) == expected
