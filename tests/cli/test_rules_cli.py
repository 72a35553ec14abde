"""The rules are settings: each changed from the shell, and the queue follows at once.

The clock is Thursday 26 November 2026, 10:00 in Paris.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.engine import build_queue
from reseau_tui.services.network import Network
from reseau_tui.services.settings import change_setting
from tests.cli.support import Shell, on_fixed_clock


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    shell = Shell(capsys)
    shell.ok("add", "Camille Martin", "--company", "Airbus")
    shell.ok("add", "Zoë N'Diaye", "--introduced-by", "camille")
    return shell


def listed(reseau: Shell) -> dict[str, dict[str, Any]]:
    return {s["key"]: s for s in json.loads(reseau.ok("settings", "--json"))}


def item(reseau: Shell, kind: str, *args: str) -> dict[str, Any] | None:
    found = [i for i in reseau.due("--all", *args) if i["kind"] == kind]
    assert len(found) <= 1, found
    return found[0] if found else None


def test_a_24_hour_thank_you_window_makes_it_overdue_a_day_earlier(reseau: Shell) -> None:
    reseau.ok("log", "zoe", "--when", "yesterday 15:00")
    thank = item(reseau, "thank", "--at", "today 16:00")
    assert thank is not None
    assert (thank["state"], thank["overdue_at"]) == ("due", "2026-11-27T15:00:00+01:00")

    reseau.ok("settings", "thank_window_hours", "24")

    assert reseau.err == "thank_window_hours set to 24.\n"
    thank = item(reseau, "thank", "--at", "today 16:00")
    assert thank is not None
    assert (thank["state"], thank["overdue_at"]) == ("overdue", "2026-11-26T15:00:00+01:00")
    reseau.ok("settings", "--reset", "thank_overdue_hours")  # its earlier name still works
    assert reseau.err == "thank_window_hours is back to its default: 48.\n"
    assert item(reseau, "thank", "--at", "today 16:00") == {**thank, "state": "due",
        "overdue_at": "2026-11-27T15:00:00+01:00"}  # fmt: skip


def test_introducers_are_thanked_unless_the_setting_says_no(reseau: Shell) -> None:
    reseau.ok("log", "zoe", "--when", "yesterday")
    assert item(reseau, "thank-introducer") is not None

    reseau.ok("settings", "thank_introducers", "no")
    assert item(reseau, "thank-introducer") is None
    assert item(reseau, "thank") is not None  # Zoë herself is still thanked
    reseau.ok("--lang", "fr", "settings", "thank_introducers", "oui")
    assert item(reseau, "thank-introducer") is not None
    assert reseau("settings", "thank_introducers", "maybe") == 1
    assert reseau.err == "reseau: thank_introducers: must be yes or no\n"


def test_news_delay_promise_delay_and_milestone_reach(reseau: Shell) -> None:
    reseau.ok("log", "zoe", "--when", "2026-11-20 10:00", "--promise", "the article")
    reseau.ok("settings", "news_after_days", "30")
    reseau.ok("settings", "promise_default_days", "2")
    news, promise = item(reseau, "news"), item(reseau, "promise")
    assert news is not None and news["due"] == "2026-12-20T10:00:00+01:00"
    assert promise is not None and promise["due"] == "2026-11-22T00:00:00+01:00"

    reseau.ok("settings", "milestone_lookback_days", "3")
    reseau.ok("milestone", "Signed with Airbus")
    assert item(reseau, "news") is not None and "milestone_id" not in (item(reseau, "news") or {})


def test_each_circle_has_an_ideal_and_a_latest_interval(reseau: Shell) -> None:
    reseau.ok("add", "Léa Dubois", "--circle", "ami")
    assert listed(reseau)["latest.friend"]["value"] == 104  # 90, and overdue 14 days later

    reseau.ok("settings", "cadence.friend", "30")
    assert reseau("settings", "latest.friend", "20") == 1
    assert reseau.err == (
        "reseau: latest.friend: must be at least the ideal interval (cadence.friend is 30)\n"
    )
    reseau.ok("settings", "latest.ami", "60")  # the circle's name in French works too

    kt = item(reseau, "keep-in-touch")  # counted from when she was added, today
    assert kt is not None
    assert kt["due"].startswith("2026-12-26") and kt["overdue_at"].startswith("2027-01-25")
    assert (item(reseau, "keep-in-touch", "--at", "2026-12-27") or {})["state"] == "due"
    assert (item(reseau, "keep-in-touch", "--at", "2027-01-26") or {})["state"] == "overdue"
    assert reseau("settings", "cadence.friend", "61") == 1
    assert "must be at most the latest interval (latest.friend is 60)" in reseau.err
    reseau.ok("settings", "cadence.friend", "none")
    assert item(reseau, "keep-in-touch") is None
    assert listed(reseau)["cadence.friend"]["value"] is None


def test_circles_of_ones_own_can_be_added_used_and_removed(reseau: Shell) -> None:
    reseau.ok("settings", "--add-circle", "Mentors")
    assert "Added the circle mentors." in reseau.err
    reseau.ok("settings", "cadence.mentors", "20")
    reseau.ok("add", "Léa Dubois", "--circle", "mentors")
    kt = item(reseau, "keep-in-touch")
    assert kt is not None and kt["due"].startswith("2026-12-16")
    views = listed(reseau)
    assert views["cadence.mentors"]["value"] == 20 and views["latest.mentors"]["value"] == 34

    assert reseau("settings", "--remove-circle", "mentors") == 1
    assert "mentors still has contacts (1): move them to another circle first" in reseau.err
    assert reseau("settings", "--remove-circle", "friend") == 1
    assert "friend comes with reseau and stays" in reseau.err
    assert reseau("settings", "--add-circle", "ami") == 1
    assert "there is already a circle friend" in reseau.err
    assert reseau("settings", "--add-circle", "a.b") == 1

    reseau.ok("edit", "lea", "--circle", "friend")
    reseau.ok("settings", "--remove-circle", "mentors")
    assert "cadence.mentors" not in listed(reseau)
    assert reseau("add", "Yann Le Goff", "--circle", "mentors") == 2  # as any unknown circle
    assert "unknown circle 'mentors'" in reseau.err


def test_an_older_file_keeps_its_meaning(reseau: Shell, db_path: Path) -> None:
    """Before latest intervals, a file kept every circle in one table; overdue came
    `keep_in_touch_overdue_days` after the cadence."""
    reseau.ok("settings", "snooze_days", "4")
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["settings"]["settings"] |= {"circle_cadences": {"friend": 30, "club": 10},
                                     "keep_in_touch_overdue_days": 5}  # fmt: skip
    db_path.write_text(json.dumps(data), encoding="utf-8")

    views = listed(reseau)
    assert (views["cadence.friend"]["value"], views["latest.friend"]["value"]) == (30, 35)
    assert views["cadence.club"]["value"] == 10  # a circle of the user's own
    reseau.ok("add", "Léa Dubois", "--circle", "club")
    kt = item(reseau, "keep-in-touch")
    assert kt is not None and kt["overdue_at"].startswith("2026-12-11")  # 10 + 5 days

    reseau.ok("settings", "--reset", "cadence.friend")
    assert listed(reseau)["cadence.friend"]["value"] == 90  # not the older file's 30


NUMBER = "must be a whole number"
REFUSALS = [
    ("snooze_days", "0", f"snooze_days: {NUMBER} from 1 to 3,650"),
    ("thank_window_hours", "1.5", f"thank_window_hours: {NUMBER} from 1 to 8,760"),
    ("birthdays", "peut-être", "birthdays: must be yes or no"),
    ("cadence.friend", "0", f"cadence.friend: {NUMBER} of days from 1 to 3,650, or none"),
    ("cadence.besties", "3", "circle: unknown circle 'besties'"),
    ("latest.family", "30", "latest.family: family has no keep-in-touch cadence: set cadence."),
    ("language", "fr", "language: not used: the language comes from --lang or the config"),
    ("thank_window", "24", "setting: unknown setting 'thank_window'; use one of: thank_window_"),
]


@pytest.mark.parametrize(("key", "value", "message"), REFUSALS)
def test_values_are_checked_with_a_clear_message_and_nothing_written(
    reseau: Shell, db_path: Path, key: str, value: str, message: str
) -> None:
    before = db_path.read_bytes()
    assert reseau("settings", key, value) == 1
    assert reseau.err.startswith("reseau: " + message), reseau.err
    assert db_path.read_bytes() == before


def test_the_listing_describes_every_rule_in_both_languages(reseau: Shell) -> None:
    rows = {line.split()[0]: line for line in reseau.ok("settings").splitlines()}
    for key in ("thank_window_hours", "thank_introducers", "news_after_days",
                "milestone_lookback_days", "promise_default_days", "snooze_days",
                "thank_lapse_days", "birthdays", "cadence.friend", "latest.friend"):  # fmt: skip
        assert "(default)" in rows[key], key
        assert len(rows[key].split("(default)")[1].strip()) > 10, key  # a description
    assert "yes (default)" in rows["thank_introducers"]
    assert "none (default)" in rows["cadence.family"]

    french = {line.split()[0]: line for line in reseau.ok("--lang", "fr", "settings").splitlines()}
    assert "oui (par défaut)" in french["thank_introducers"]
    assert "amis : jours idéaux entre deux contacts, ou aucun" in french["cadence.friend"].replace(
        "\N{NO-BREAK SPACE}", " "
    )
    assert "aucun (par défaut)" in french["cadence.family"]


def test_the_app_s_queue_follows_a_change_of_settings_at_once(network: Network) -> None:
    zoe = network.add_contact("Zoë N'Diaye")
    network.log_meeting([zoe.id], network.now() - timedelta(hours=30))
    (before,) = network.queue().items[:1]
    assert before.state == "due"

    change_setting(network, "thank_window_hours", "24")

    now = network.now()
    assert network.queue(now).items == build_queue(network.state, now, network.clock.tz).items
    assert network.queue(now).items[0].state == "overdue"


def test_the_rules_and_circles_are_kept_through_a_json_backup(
    reseau: Shell, tmp_path: Path
) -> None:
    reseau.ok("settings", "thank_introducers", "no")
    reseau.ok("settings", "latest.friend", "120")
    reseau.ok("settings", "--add-circle", "mentors")
    reseau.ok("settings", "cadence.mentors", "30")
    backup = tmp_path / "backup.json"
    reseau.ok("export", "json", "-o", str(backup))

    other = tmp_path / "other.json"
    reseau.ok("--db", str(other), "import", "json", str(backup))
    found = {
        s["key"]: s["value"]
        for s in json.loads(reseau.ok("--db", str(other), "settings", "--json"))
    }
    assert found["thank_introducers"] is False
    assert (found["latest.friend"], found["cadence.mentors"]) == (120, 30)
