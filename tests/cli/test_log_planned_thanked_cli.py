"""`reseau log` for a meeting to come (said planned) and for one already thanked (`--thanked`)."""

from __future__ import annotations

import pytest

from reseau_tui.domain.clock import FixedClock
from tests.cli.support import Shell, on_fixed_clock

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)  # Thursday 26 November 2026, 10:00 in Paris
    shell = Shell(capsys)
    shell.ok("add", "Camille Martin", "--company", "Airbus")
    shell.ok("add", "Sofia Rossi", "--introduced-by", "camille")
    return shell


def test_a_meeting_tomorrow_is_said_planned_and_owes_nothing_yet(reseau: Shell) -> None:
    reseau.ok("log", "sofia", "--when", "tomorrow")
    assert reseau.err == (
        "Planned: coffee with Sofia Rossi, tomorrow at 10:00. "
        "Nothing is owed before it has happened.\n"
    )
    assert reseau.due() == []
    assert [i["kind"] for i in reseau.due("--at", "+2d")] == ["thank", "thank-introducer"]


def test_a_meeting_next_week_says_its_day(reseau: Shell) -> None:
    reseau.ok("log", "sofia", "--when", "in 1 week", "--channel", "visio")
    assert "Planned: video with Sofia Rossi, Thursday 3 December 2026 at 10:00." in reseau.err


def test_a_planned_meeting_is_said_in_french(reseau: Shell) -> None:
    reseau.ok("--lang", "fr", "log", "sofia", "--when", "demain 9h")
    assert reseau.err.startswith(f"Prévu{NBSP}: café avec Sofia Rossi, demain à 09:00.")


def test_thanked_records_the_thank_yous_of_a_past_meeting_done(reseau: Shell) -> None:
    reseau.ok("log", "sofia", "--when", "-40d", "--thanked")
    assert "already thanked: 2 thank-yous recorded as done" in reseau.err
    everything = reseau.due("--all")
    kinds = {i["kind"] for i in everything}
    assert not kinds & {"thank", "thank-introducer"}
    assert "news" in kinds  # what the advice led to is still to tell, in 90 days


def test_without_thanked_the_same_meeting_is_owed_to_both(reseau: Shell) -> None:
    """The control: logged a day ago, Sofia and Camille are each owed a thank-you."""
    reseau.ok("log", "sofia", "--when", "yesterday")
    assert {i["kind"] for i in reseau.due()} == {"thank", "thank-introducer"}


def test_thanked_for_a_meeting_to_come_is_refused_and_writes_nothing(reseau: Shell) -> None:
    assert reseau("log", "sofia", "--when", "tomorrow", "--thanked") == 1
    assert "still to come" in reseau.err
    assert not [i for i in reseau.due("--all", "--at", "+3d") if "meeting_id" in i]
