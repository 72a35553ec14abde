"""`reseau settings`: list, set, reset; and the signature it sets ending the drafts."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pendulum
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.models import CIRCLES, Settings
from reseau_tui.services.network import Network
from tests.cli.support import Shell
from tests.faults.screen import screen_text
from tests.ui.conftest import make_app


@pytest.fixture
def reseau(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Shell:
    monkeypatch.setenv("COLUMNS", "120")
    return Shell(capsys)


def listed(reseau: Shell) -> dict[str, dict[str, object]]:
    return {s["key"]: s for s in json.loads(reseau.ok("settings", "--json"))}


def test_the_listing_shows_every_setting_and_marks_the_defaults(reseau: Shell) -> None:
    reseau.ok("settings", "snooze_days", "5")

    lines = reseau.ok("settings").splitlines()
    keys = [line.split()[0] for line in lines]
    rules = [f.name for f in fields(Settings) if f.name not in ("circle_cadences", "circle_latest")]
    circles = [f"{kind}.{c}" for c in CIRCLES for kind in ("cadence", "latest")]
    renamed = ["thank_window_hours" if k == "thank_overdue_hours" else k for k in rules]
    assert sorted(keys) == sorted([*renamed, *circles])  # every rule, and each circle's two
    row = {line.split()[0]: line for line in lines}
    assert row["snooze_days"].split()[1:3] == ["5", "days"]  # changed: no mark
    assert "48 (default)" in row["thank_window_hours"]
    assert "(empty) (default)" in row["signature_name"]
    assert "90 (default)" in row["cadence.friend"]
    assert "reseau settings KEY VALUE" in reseau.err


def test_the_json_listing_gives_values_defaults_and_what_can_be_set(reseau: Shell) -> None:
    reseau.ok("settings", "signature_name", "Marie Dupont")

    found = listed(reseau)
    assert found["signature_name"] == {
        "key": "signature_name",
        "value": "Marie Dupont",
        "default": "",
        "is_default": False,
        "settable": True,
    }
    assert found["news_after_days"]["is_default"] is True
    assert found["cadence.friend"]["settable"] is True
    assert found["cadence.friend"]["value"] == 90
    assert found["language"]["settable"] is False


def test_a_number_is_set_checked_and_reset(reseau: Shell, db_path: Path) -> None:
    reseau.ok("settings", "snooze_days", "10")
    assert reseau.err == "snooze_days set to 10.\n"
    assert listed(reseau)["snooze_days"]["value"] == 10

    before = db_path.read_bytes()
    for bad in ("abc", "-1", "0", "3651", "4.5", "1e3", "", "١٠"):
        assert reseau("settings", "snooze_days", bad) == 1, bad
        assert reseau.err == ("reseau: snooze_days: must be a whole number from 1 to 3,650\n"), bad
    assert db_path.read_bytes() == before  # nothing written by a refused value

    reseau.ok("settings", "--reset", "snooze_days")
    assert reseau.err == "snooze_days is back to its default: 3.\n"
    assert listed(reseau)["snooze_days"]["is_default"] is True


def test_text_is_cleaned_of_control_characters(reseau: Shell) -> None:
    reseau.ok("settings", "signature_line", "  Consultante\x1b]0;pwned\x07 RH\n06 12  ")

    value = listed(reseau)["signature_line"]["value"]
    assert isinstance(value, str)
    assert "\x1b" not in value and "\x07" not in value and "\n" not in value
    assert value.startswith("Consultante") and value.endswith("RH 06 12")
    assert reseau("settings", "signature_name", "x" * 201) == 1
    assert "signature_name: is too long" in reseau.err


def test_unknown_and_not_settable_keys_are_refused_clearly(reseau: Shell) -> None:
    assert reseau("settings", "signature", "Marie") == 1
    assert reseau.err.startswith("reseau: setting: unknown setting 'signature'; use one of: ")
    assert "signature_name" in reseau.err and "snooze_days" in reseau.err
    assert reseau("settings", "language", "fr") == 1
    assert "language: not used: the language comes from --lang or the config file" in reseau.err


def test_one_setting_shows_alone(reseau: Shell) -> None:
    assert reseau.ok("settings", "snooze_days").split() == [
        "snooze_days",
        "3",
        "(default)",
        "days",
        "a",
        "snooze",
        "lasts",
        "by",
        "default",
    ]


def test_the_signature_set_from_the_shell_ends_the_drafts_of_reseau_due(reseau: Shell) -> None:
    reseau.ok("add", "Camille Martin")
    reseau.ok("add", "Zoë N'Diaye", "--introduced-by", "camille")
    reseau.ok("log", "zoe", "--when", "yesterday", "--channel", "call", "--learned", "ops")
    assert all(i["draft"].endswith("Best regards") for i in reseau.due())

    reseau.ok("settings", "signature_name", "Marie Dupont")
    reseau.ok("settings", "signature_line", "06 12 34 56 78")

    drafts = [i["draft"] for i in reseau.due()]
    assert len(drafts) == 2
    assert all(d.endswith("Best regards\nMarie Dupont\n06 12 34 56 78") for d in drafts)
    thank = next(d for d in drafts if d.startswith("Hello Zoë"))
    assert "for your time on the phone" in thank


def test_the_signature_is_kept_through_a_json_backup(reseau: Shell, tmp_path: Path) -> None:
    reseau.ok("settings", "signature_name", "Marie Dupont")
    backup = tmp_path / "backup.json"
    reseau.ok("export", "json", "-o", str(backup))

    other = tmp_path / "other.json"
    reseau.ok("--db", str(other), "import", "json", str(backup))
    found = {s["key"]: s for s in json.loads(reseau.ok("--db", str(other), "settings", "--json"))}
    assert found["signature_name"]["value"] == "Marie Dupont"


def test_the_french_listing_and_messages(reseau: Shell) -> None:
    reseau.ok("--lang", "fr", "settings", "signature_name", "Marie Dupont")
    assert reseau.err == "signature_name vaut désormais Marie Dupont.\n"
    row = {line.split()[0]: line for line in reseau.ok("--lang", "fr", "settings").splitlines()}
    assert "votre nom, à la fin de chaque brouillon" in row["signature_name"]
    assert "48 (par défaut)" in row["thank_window_hours"]


def test_a_signature_that_is_not_text_makes_the_file_damaged_not_a_crash(
    reseau: Shell, db_path: Path
) -> None:
    reseau.ok("add", "Zoë N'Diaye")
    reseau.ok("log", "zoe", "--when", "yesterday")
    reseau.ok("settings", "signature_name", "Marie Dupont")
    edited = db_path.read_text(encoding="utf-8").replace('"Marie Dupont"', "42")
    db_path.write_text(edited, encoding="utf-8")  # edited by hand, or by another program

    assert reseau("due", "--json") == 1
    assert "signature_name" in reseau.err and "not text: 42" in reseau.err
    assert "It was not changed." in reseau.err
    assert db_path.read_text(encoding="utf-8") == edited


async def test_the_signature_set_from_the_shell_ends_the_draft_on_screen(
    reseau: Shell, db_path: Path
) -> None:
    reseau.ok("add", "Zoë N'Diaye")
    reseau.ok("log", "zoe", "--when", "-1d", "--channel", "video")
    reseau.ok("settings", "signature_name", "Marie Dupont")

    clock = FixedClock(pendulum.now("Europe/Paris"), pendulum.timezone("Europe/Paris"))
    app = make_app(Network(db_path, clock))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")  # the queue: its draft shows in the detail
        await pilot.pause()
        detail = screen_text(app).split("Detail")[1]
        lines = [line.split("││")[-1].strip(" │") for line in detail.splitlines()]
        closing = lines.index("Best regards")
        assert lines[closing + 1] == "Marie Dupont"
        assert any("for a video call on" in line for line in lines)
