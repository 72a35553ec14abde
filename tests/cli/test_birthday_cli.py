"""Birthdays from the shell: set on a contact, wished on the day with a draft, kept through
vCard and JSON. The clock is Thursday 26 November 2026, 10:00 in Paris."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from tests.cli.support import Shell, on_fixed_clock


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    return Shell(capsys)


def wishes(reseau: Shell, *args: str) -> list[dict[str, object]]:
    return [i for i in reseau.due("--all", *args) if i["kind"] == "birthday"]


def test_a_birthday_set_with_add_or_edit_is_wished_on_the_day_with_a_draft(reseau: Shell) -> None:
    reseau.ok("add", "Zoë N'Diaye", "--birthday", "11-27")
    reseau.ok("add", "Léa Dubois", "--familiar")
    reseau.ok("edit", "lea", "--birthday", "1990-12-24")
    people = {c["name"]: c.get("birthday") for c in json.loads(reseau.ok("contacts", "--json"))}
    assert people == {"Zoë N'Diaye": "--11-27", "Léa Dubois": "1990-12-24"}

    (wish,) = wishes(reseau)  # listed a week ahead: Zoë's, tomorrow
    assert (wish["contact"], wish["state"], wish["due"]) == (
        "Zoë N'Diaye",
        "upcoming",
        "2026-11-27T00:00:00+01:00",
    )
    assert wish["about"] == "birthday on 27 November 2026"
    assert str(wish["draft"]).startswith("Hello Zoë,\n\nHappy birthday!")
    (due,) = reseau.due("--at", "tomorrow 9:00")
    assert (due["kind"], due["state"]) == ("birthday", "due")
    assert reseau.due("--at", "2026-11-28 09:00")[0]["state"] == "overdue"
    reseau.ok("done", str(wish["id"]), "--channel", "sms")  # wished the evening before
    assert [w["contact"] for w in wishes(reseau, "--at", "2026-12-20")] == ["Léa Dubois"]

    french = json.loads(reseau.ok("--lang", "fr", "due", "--all", "--json", "--at", "2026-12-20"))
    assert str(french[0]["draft"]).startswith(
        "Bonjour Léa,\n\nJoyeux anniversaire\N{NO-BREAK SPACE}!"
    )
    assert "te souhaite" in str(french[0]["draft"])  # tutoiement: she is marked familiar


def test_a_birthday_that_is_not_a_date_is_refused_and_nothing_added(
    reseau: Shell, db_path: Path
) -> None:
    assert reseau("add", "Zoë N'Diaye", "--birthday", "31/02") == 1
    assert reseau.err.startswith("reseau: birthday: not a date: give YYYY-MM-DD, or MM-DD")
    assert not db_path.exists() or json.loads(reseau.ok("contacts", "--json")) == []
    reseau.ok("add", "Zoë N'Diaye", "--birthday", "02-29")
    reseau.ok("edit", "zoe", "--birthday", "")
    assert "birthday" not in json.loads(reseau.ok("contacts", "--json"))[0]


def test_a_birthday_goes_out_and_comes_back_in_a_vcard_and_a_backup(
    reseau: Shell, tmp_path: Path
) -> None:
    reseau.ok("add", "Zoë N'Diaye", "--birthday", "11-27")
    reseau.ok("add", "Léa Dubois", "--birthday", "1990-12-24")
    card = tmp_path / "contacts.vcf"
    reseau.ok("export", "vcard", "-o", str(card))
    text = card.read_text(encoding="utf-8")
    assert "BDAY:--1127" in text and "BDAY:19901224" in text  # vCard 4: --MMDD without a year
    backup = tmp_path / "backup.json"
    reseau.ok("export", "json", "-o", str(backup))

    for source, fmt in ((card, "vcard"), (backup, "json")):
        other = tmp_path / f"from-{fmt}.json"
        reseau.ok("--db", str(other), "import", fmt, str(source))
        people = json.loads(reseau.ok("--db", str(other), "contacts", "--json"))
        assert {c["name"]: c["birthday"] for c in people} == {
            "Zoë N'Diaye": "--11-27",
            "Léa Dubois": "1990-12-24",
        }, fmt
        assert [i["kind"] for i in reseau.due("--all", "--db", str(other))] == ["birthday"]


def test_no_birthday_wishes_when_the_setting_says_no(reseau: Shell) -> None:
    reseau.ok("add", "Zoë N'Diaye", "--birthday", "11-27")
    reseau.ok("settings", "birthdays", "no")
    assert wishes(reseau) == []
    reseau.ok("settings", "birthday_notice_days", "0")
    reseau.ok("settings", "--reset", "birthdays")
    assert wishes(reseau) == []  # listed on the day only now
    assert len(wishes(reseau, "--at", "tomorrow")) == 1
