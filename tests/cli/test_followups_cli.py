"""`reseau log`, `due`, `done`, `snooze`, `dismiss` and `milestone`, used as a new user would.

The commands run on the real clock (in Paris, set by the fixtures), so meetings
are logged relative to now and the tests assert relative outcomes; `--at`
looks ahead.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.support import Shell


@pytest.fixture
def reseau(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Shell:
    monkeypatch.setenv("COLUMNS", "100")  # a usual terminal, whatever runs the tests
    return Shell(capsys)


def summary(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return sorted((i["kind"], i["contact"], i["state"]) for i in items)


def test_new_user_thanks_introducer_gives_news_and_shares_a_milestone(reseau: Shell) -> None:
    reseau.ok("add", "Camille Martin", "--company", "Airbus")
    reseau.ok("add", "Zoë N'Diaye", "--introduced-by", "camille")
    meeting = reseau.ok("log", "zoe", "--when", "yesterday", "--learned", "supply chains")
    assert meeting.strip()
    assert "reseau due" in reseau.err

    # The day after: a thank-you for Zoë, and one for Camille who introduced her.
    reseau.ok("due")
    lines = reseau.out.splitlines()
    assert len(lines) == 2
    thank = next(line for line in lines if "Zoë N'Diaye" in line)
    introducer = next(line for line in lines if "Camille Martin" in line)
    assert "Thank" in thank and "yesterday" in thank
    assert "Thank introducer" in introducer and "introduced Zoë N'Diaye" in introducer
    assert summary(reseau.due()) == [
        ("thank", "Zoë N'Diaye", "due"),
        ("thank-introducer", "Camille Martin", "due"),
    ]

    # Three days on, both are late.
    assert summary(reseau.due("--at", "+3d")) == [
        ("thank", "Zoë N'Diaye", "overdue"),
        ("thank-introducer", "Camille Martin", "overdue"),
    ]
    reseau.ok("due", "--at", "+3d")
    assert all(
        line.startswith("OVERDUE") and "days late" in line for line in reseau.out.splitlines()
    )

    # Thanking Zoë removes exactly that one.
    zoe_thank = next(i for i in reseau.due() if i["kind"] == "thank")
    reseau.ok("done", zoe_thank["id"], "--note", "Thanks again!")
    assert "Zoë N'Diaye" in reseau.err
    assert summary(reseau.due()) == [("thank-introducer", "Camille Martin", "due")]
    assert reseau("done", zoe_thank["id"]) == 1

    # Three months later it is time to give Zoë news.
    assert ("news", "Zoë N'Diaye", "due") in summary(reseau.due("--at", "+91d"))
    assert ("news", "Zoë N'Diaye", "upcoming") in summary(reseau.due("--all"))
    assert "news" not in {i["kind"] for i in reseau.due()}

    # A milestone makes that news due now, once.
    reseau.ok("milestone", "Signed with Airbus")
    assert "1 person is owed this news" in reseau.err
    news = [i for i in reseau.due() if i["kind"] == "news"]
    assert [(i["contact"], i["state"]) for i in news] == [("Zoë N'Diaye", "due")]
    assert "Signed with Airbus" in news[0]["draft"]
    assert [i["kind"] for i in reseau.due("--at", "+91d")].count("news") == 1


def test_due_json_gives_scripts_every_field(reseau: Shell) -> None:
    reseau.ok("add", "Camille Martin")
    reseau.ok("add", "Zoë N'Diaye", "--introduced-by", "Camille Martin")
    contact_id = json.loads(reseau.ok("contacts", "zoe", "--json"))[0]["id"]
    reseau.ok("log", "zoe", "--when", "-2h", "--learned", "supply chains")
    before = datetime.now(UTC)

    items = reseau.due()

    assert len(items) == 2
    for item in items:
        assert {"id", "kind", "contact_id", "contact", "due", "state", "draft"} <= set(item)
        assert item["state"] == "due"
        due = datetime.fromisoformat(item["due"])
        assert due.utcoffset() is not None
        assert before - timedelta(hours=2, minutes=5) < due < before
    thank = next(i for i in items if i["kind"] == "thank")
    assert (thank["contact_id"], thank["contact"]) == (contact_id, "Zoë N'Diaye")
    assert thank["draft"].startswith("Hello Zoë,")
    assert "supply chains" in thank["draft"]
    introducer = next(i for i in items if i["kind"] == "thank-introducer")
    assert introducer["draft"].startswith("Hello Camille,")


def test_due_with_nothing_to_do_says_so_and_points_to_upcoming(reseau: Shell) -> None:
    reseau.ok("add", "Anne Roux")
    reseau.ok("due")
    assert reseau.out == ""
    assert "Nothing due" in reseau.err

    reseau.ok("log", "anne", "--when", "-1h")
    thank = next(i for i in reseau.due() if i["kind"] == "thank")
    reseau.ok("snooze", thank["id"], "--until", "+2d")
    reseau.ok("due")
    assert reseau.out == ""
    assert "2 more upcoming or snoozed: reseau due --all" in reseau.err
    assert reseau.due() == []


def test_snoozed_follow_up_leaves_the_list_until_its_date(reseau: Shell) -> None:
    reseau.ok("add", "Anne Roux")
    reseau.ok("log", "anne", "--when", "-1h")
    thank = reseau.due()[0]

    reseau.ok("snooze", thank["id"], "--until", "+2d")

    assert reseau.due() == []
    assert reseau.due("--at", "+1d") == []
    snoozed = {i["id"]: i for i in reseau.due("--all")}[thank["id"]]
    assert snoozed["state"] == "snoozed"
    assert datetime.fromisoformat(snoozed["snoozed_until"]) > datetime.now(UTC) + timedelta(days=1)
    assert [(i["id"], i["state"]) for i in reseau.due("--at", "+3d")] == [(thank["id"], "due")]


def test_snooze_into_the_past_is_refused(reseau: Shell) -> None:
    reseau.ok("add", "Anne Roux")
    reseau.ok("log", "anne", "--when", "-1h")
    thank = reseau.due()[0]

    assert reseau("snooze", thank["id"], "--until", "yesterday") == 1
    assert "future" in reseau.err
    assert [i["state"] for i in reseau.due()] == ["due"]


def test_dismissed_follow_up_is_gone_for_good(reseau: Shell) -> None:
    reseau.ok("add", "Anne Roux")
    reseau.ok("log", "anne", "--when", "-1h")
    thank = reseau.due()[0]

    reseau.ok("dismiss", thank["id"][:6])

    assert "Dismissed" in reseau.err
    assert thank["id"] not in {i["id"] for i in reseau.due("--all", "--at", "+5d")}


def test_done_with_an_unknown_id_fails_and_changes_nothing(reseau: Shell, db_path: Path) -> None:
    reseau.ok("add", "Anne Roux")
    reseau.ok("log", "anne", "--when", "-1h")
    before = db_path.read_bytes()

    assert reseau("done", "th-000000000000") == 1

    assert "th-000000000000" in reseau.err and "reseau due --all" in reseau.err
    assert db_path.read_bytes() == before
    assert len(reseau.due()) == 1


def test_ambiguous_name_fails_listing_the_candidates(reseau: Shell, db_path: Path) -> None:
    reseau.ok("add", "Anne Roux", "--company", "Airbus")
    reseau.ok("add", "Anne Petit")
    before = db_path.read_bytes()

    assert reseau("log", "anne") == 1
    assert "Anne Petit" in reseau.err and "Anne Roux (Airbus)" in reseau.err
    assert reseau("log", "anne", "--new") == 1
    assert db_path.read_bytes() == before

    reseau.ok("log", "anne r")
    assert [i["contact"] for i in reseau.due()] == ["Anne Roux"]


def test_names_are_matched_exactly_without_accents_or_by_a_unique_beginning(
    reseau: Shell,
) -> None:
    reseau.ok("add", "Zoë N'Diaye")
    reseau.ok("add", "Hélène Lefèvre")
    reseau.ok("log", "ZOE,lefevre", "--when", "-1h")

    assert sorted(i["contact"] for i in reseau.due()) == ["Hélène Lefèvre", "Zoë N'Diaye"]


def test_unknown_name_fails_unless_new_creates_it(reseau: Shell, db_path: Path) -> None:
    reseau.ok("add", "Camille Martin")
    before = db_path.read_bytes()

    assert reseau("log", "Yann Le Gall") == 1
    assert "Yann Le Gall" in reseau.err and "--new" in reseau.err
    assert db_path.read_bytes() == before

    reseau.ok("log", "Yann Le Gall", "--new", "--introduced-by", "camille", "--when", "-1h")
    assert "New contact: Yann Le Gall" in reseau.err
    assert summary(reseau.due()) == [
        ("thank", "Yann Le Gall", "due"),
        ("thank-introducer", "Camille Martin", "due"),
    ]


@pytest.mark.parametrize(
    ("command", "example"),
    [(["log", "anne", "--when"], "yesterday 6pm"), (["due", "--at"], "next thursday")],
)
def test_a_when_that_is_not_understood_is_refused_with_examples(
    reseau: Shell, db_path: Path, command: list[str], example: str
) -> None:
    reseau.ok("add", "Anne Roux")
    before = db_path.read_bytes()

    assert reseau(*command, "next fryday") == 1

    assert "'next fryday'" in reseau.err
    assert example in reseau.err and "15/12" in reseau.err
    assert db_path.read_bytes() == before


def test_log_records_promises_both_ways(reseau: Shell) -> None:
    reseau.ok("add", "Anne Roux")
    reseau.ok(
        "log",
        "anne",
        "--when",
        "-1h",
        "--promise",
        "send the article",
        "--promised-to-me",
        "an introduction to Yann",
        "--promise-due",
        "+3d",
    )

    promises = [i for i in reseau.due("--at", "+3d") if i["kind"] == "promise"]
    assert sorted(i["about"] for i in promises) == [
        "send the article",
        "they promised: an introduction to Yann",
    ]
    assert {i["state"] for i in promises} == {"due"}
    assert [i for i in reseau.due("--at", "+2d") if i["kind"] == "promise"] == []


def test_meeting_logged_with_an_exact_date_is_thanked_on_that_day(reseau: Shell) -> None:
    reseau.ok("add", "Anne Roux")
    reseau.ok("log", "anne", "--when", "2026-03-28T23:30", "--channel", "video")

    items = reseau.due("--at", "2026-03-29T09:00")
    assert [(i["kind"], i["due"], i["state"]) for i in items] == [
        ("thank", "2026-03-28T23:30:00+01:00", "due")
    ]
    assert items[0]["overdue_at"] == "2026-03-31T00:30:00+02:00"
    assert items[0]["about"] == "video 28 March 2026"
