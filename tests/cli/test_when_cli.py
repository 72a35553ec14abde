"""WHEN on the command line as people write it, in English and French.

The clock is Thursday 26 November 2026, 10:00 in Paris.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from tests.cli.support import Shell, on_fixed_clock

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    shell = Shell(capsys)
    shell.ok("add", "Camille Martin", "--company", "Airbus")
    return shell


def thank_due(reseau: Shell) -> str:
    """When the meeting logged was (its thank-you is due then), seen two days on."""
    [thank] = [i for i in reseau.due("--all", "--at", "+2d") if i["kind"] == "thank"]
    return str(thank["due"])


@pytest.mark.parametrize(
    ("language", "when", "met"),
    [
        ("en", "today 14:30", "2026-11-26T14:30:00+01:00"),
        ("en", "9:15", "2026-11-26T09:15:00+01:00"),
        ("en", "yesterday 18h", "2026-11-25T18:00:00+01:00"),
        ("fr", "hier 18h", "2026-11-25T18:00:00+01:00"),
        ("fr", "Hier à 18h30", "2026-11-25T18:30:00+01:00"),
        ("fr", "15/11", "2026-11-15T00:00:00+01:00"),
        ("fr", "15/11/2026", "2026-11-15T00:00:00+01:00"),
        ("en", "15/11", "2026-11-15T00:00:00+01:00"),
        ("fr", "3 novembre", "2026-11-03T00:00:00+01:00"),
        ("en", "3 Nov", "2026-11-03T00:00:00+01:00"),
        ("en", "Novembre 3", "2026-11-03T00:00:00+01:00"),
        ("fr", "lundi", "2026-11-23T10:00:00+01:00"),  # the last Monday: a meeting is past
        ("en", "monday", "2026-11-23T10:00:00+01:00"),
        ("fr", "lundi dernier 12h", "2026-11-23T12:00:00+01:00"),
        ("en", "3 days ago", "2026-11-23T10:00:00+01:00"),
        ("fr", "il y a 2 semaines", "2026-11-12T10:00:00+01:00"),
    ],
)
def test_log_when_understands_what_people_write(
    reseau: Shell, language: str, when: str, met: str
) -> None:
    reseau.ok("--lang", language, "log", "camille", "--when", when)

    assert thank_due(reseau) == met


def test_a_numeric_date_is_day_first_in_french_and_refused_when_ambiguous_in_english(
    reseau: Shell, db_path: Path
) -> None:
    before = db_path.read_bytes()
    assert reseau("--lang", "en", "log", "camille", "--when", "3/11") == 1
    assert "'3/11' could be 3 Nov or Mar 11: write the month as a word, as in 3 Nov" in reseau.err
    assert db_path.read_bytes() == before

    reseau.ok("--lang", "fr", "log", "camille", "--when", "3/11")
    assert thank_due(reseau) == "2026-11-03T00:00:00+01:00"


def test_a_meaningless_when_is_refused_with_examples_in_each_language(
    reseau: Shell, db_path: Path
) -> None:
    before = db_path.read_bytes()
    assert reseau("log", "camille", "--when", "32/13/2026") == 1
    assert reseau.err == (
        "reseau: when: '32/13/2026' is not a date I understand; try for example: "
        "today 14:30, yesterday 6pm, monday, 15/12, 3 Dec, -2d, 2026-11-26\n"
    )
    assert reseau("--lang", "fr", "log", "camille", "--when", "blah") == 1
    assert reseau.err == (
        f"reseau{NBSP}: date{NBSP}: «{NBSP}blah{NBSP}» n'est pas une date que je comprends"
        f"{NBSP}; essayez par exemple{NBSP}: aujourd'hui 14h30, hier 18h, lundi, 15/12, "
        "3 déc., -2j, 2026-11-26\n"
    )
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("lundi", "2026-11-30T10:00:00+01:00"),  # the next Monday: a snooze is to come
        ("monday 9am", "2026-11-30T09:00:00+01:00"),
        ("jeudi", "2026-12-03T10:00:00+01:00"),  # today is Thursday: next week's
        ("next thursday", "2026-12-03T10:00:00+01:00"),
        ("jeudi prochain", "2026-12-03T10:00:00+01:00"),
        ("in 2 weeks", "2026-12-10T10:00:00+01:00"),
        ("dans 2 semaines", "2026-12-10T10:00:00+01:00"),
        ("3 décembre", "2026-12-03T00:00:00+01:00"),
        ("3 Dec", "2026-12-03T00:00:00+01:00"),
        ("15/12", "2026-12-15T00:00:00+01:00"),
        ("15/11", "2027-11-15T00:00:00+01:00"),  # passed this year: next year's
        ("15/12/2026", "2026-12-15T00:00:00+01:00"),
        ("9h", "2026-11-27T09:00:00+01:00"),  # passed today: tomorrow's
        ("demain 9h", "2026-11-27T09:00:00+01:00"),
    ],
)
def test_snooze_until_understands_dates_to_come(reseau: Shell, until: str, expected: str) -> None:
    reseau.ok("log", "camille", "--when", "-1h")
    [thank] = reseau.due()

    reseau.ok("snooze", thank["id"], "--until", until)

    [snoozed] = [i for i in reseau.due("--all") if i["id"] == thank["id"]]
    assert snoozed["snoozed_until"] == expected


def test_snooze_says_until_when_in_the_users_language(reseau: Shell) -> None:
    reseau.ok("log", "camille", "--when", "-1h")
    [thank] = reseau.due()

    reseau.ok("snooze", thank["id"], "--until", "lundi 9h")
    assert reseau.err == (
        "Snoozed until Monday 30 November 2026 at 09:00: Thank, Camille Martin.\n"
    )
    reseau.ok("--lang", "fr", "snooze", thank["id"], "--until", "jeudi prochain")
    assert reseau.err == (
        f"Reporté au jeudi 3 décembre 2026 à 10:00{NBSP}: Remercier, Camille Martin.\n"
    )


def test_a_snooze_into_the_past_says_which_day_that_was(reseau: Shell, db_path: Path) -> None:
    reseau.ok("log", "camille", "--when", "-1h")
    [thank] = reseau.due()
    before = db_path.read_bytes()

    assert reseau("snooze", thank["id"], "--until", "hier 18h") == 1

    assert "--until must be in the future: Wednesday 25 November 2026 at 18:00 has passed" in (
        reseau.err
    )
    assert db_path.read_bytes() == before


def test_a_promise_due_on_a_weekday_is_the_next_one(reseau: Shell) -> None:
    reseau.ok(
        "log", "camille", "--when", "-1h", "--promise", "send the article", "--promise-due", "lundi"
    )

    [promise] = [i for i in reseau.due("--all", "--at", "+10d") if i["kind"] == "promise"]
    assert promise["due"].startswith("2026-11-30")


def test_due_at_a_weekday_looks_ahead(reseau: Shell) -> None:
    reseau.ok("log", "camille", "--when", "-1h")

    assert [i["state"] for i in reseau.due("--at", "lundi") if i["kind"] == "thank"] == ["overdue"]
    assert [i["state"] for i in reseau.due("--at", "demain 9h") if i["kind"] == "thank"] == ["due"]


def test_a_milestone_takes_the_same_words(reseau: Shell, db_path: Path, clock: FixedClock) -> None:
    from reseau_tui.services.network import Network

    reseau.ok("milestone", "Signed with Airbus", "--when", "hier 17h")

    [milestone] = Network(db_path, clock).state.milestones.values()
    assert milestone.when.isoformat() == "2026-11-25T17:00:00+01:00"
