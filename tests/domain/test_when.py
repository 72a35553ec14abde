"""WHEN words, as typed after `--when`, `--at` and `--until`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pendulum
import pytest

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.when import parse_when

PARIS = pendulum.timezone("Europe/Paris")
NOW = pendulum.datetime(2026, 11, 26, 10, 0, tz=PARIS)  # Thursday


def local(text: str) -> datetime:
    value = pendulum.parse(text, tz=PARIS)
    assert isinstance(value, pendulum.DateTime)
    return value


def when(text: str, now: datetime = NOW) -> datetime:
    return parse_when(text, now, PARIS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", "2026-11-26T10:00"),
        ("today", "2026-11-26T10:00"),
        ("yesterday", "2026-11-25T10:00"),
        ("tomorrow", "2026-11-27T10:00"),
        ("aujourd'hui", "2026-11-26T10:00"),
        ("aujourd’hui", "2026-11-26T10:00"),
        ("hier", "2026-11-25T10:00"),
        ("demain", "2026-11-27T10:00"),
        ("  Hier ", "2026-11-25T10:00"),
        ("+3d", "2026-11-29T10:00"),
        ("-2d", "2026-11-24T10:00"),
        ("+1w", "2026-12-03T10:00"),
        ("2026-12-01", "2026-12-01T00:00"),
        ("2026-12-01T14:30", "2026-12-01T14:30"),
        ("2026-12-01 14:30", "2026-12-01T14:30"),
    ],
)
def test_when_words_and_dates_mean_what_people_expect(text: str, expected: str) -> None:
    assert when(text) == local(expected)


def test_explicit_offset_is_kept() -> None:
    assert when("2026-12-01T14:30+00:00") == local("2026-12-01T15:30")


def test_date_alone_is_local_midnight_even_on_a_daylight_saving_day() -> None:
    result = when("2026-03-29")
    assert result == local("2026-03-29T00:00")
    assert result.utcoffset() == timedelta(hours=1)
    assert when("2026-07-14").utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", "2026-03-28T10:00"),  # 23 real hours earlier: same wall time
        ("hier", "2026-03-28T10:00"),
        ("tomorrow", "2026-03-30T10:00"),
        ("-1w", "2026-03-22T10:00"),
        ("+3d", "2026-04-01T10:00"),
    ],
)
def test_day_words_keep_the_wall_time_across_the_spring_change(text: str, expected: str) -> None:
    sunday = local("2026-03-29T10:00")
    assert when(text, sunday) == local(expected)


def test_day_words_keep_the_wall_time_across_the_autumn_change() -> None:
    saturday = local("2026-10-24T10:00")
    assert when("tomorrow", saturday) == local("2026-10-25T10:00")
    assert when("+1w", saturday) == local("2026-10-31T10:00")


def test_result_does_not_depend_on_the_form_of_now() -> None:
    sunday = local("2026-03-29T10:00")
    for now in (
        sunday,
        sunday.astimezone(ZoneInfo("Europe/Paris")),
        datetime.fromisoformat(sunday.isoformat()),
        sunday.astimezone(ZoneInfo("UTC")),
    ):
        assert when("yesterday", now) == local("2026-03-28T10:00")
        assert when("+2h", now) == local("2026-03-29T12:00")


def test_hours_are_exact_hours() -> None:
    # 01:30 + 2 hours is 04:30 on the wall clock on the night the clocks go forward.
    assert when("+2h", local("2026-03-29T01:30")) == local("2026-03-29T04:30")


def test_results_are_always_timezone_aware() -> None:
    for text in ("now", "yesterday", "+3d", "2026-12-01", "2026-12-01T14:30"):
        assert when(text).utcoffset() is not None


@pytest.mark.parametrize(
    "text",
    ["", "next friday", "3d", "+3x", "2026-13-01", "2026-02-30", "14h", "soon"],
)
def test_anything_else_is_refused_with_examples(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        when(text)
    message = str(caught.value)
    assert "yesterday" in message and "+3d" in message and "2026-11-26" in message


@pytest.mark.parametrize("text", ["1850-01-01", "1850-01-01T10:00", "+99999w", "-99999d"])
def test_years_out_of_range_are_refused_as_such(text: str) -> None:
    with pytest.raises(InvalidInput, match="year"):
        when(text)


def test_now_in_the_repeated_autumn_hour_is_exactly_now() -> None:
    second_0230 = pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC").in_timezone(PARIS)
    assert second_0230.utcoffset() == timedelta(hours=1)
    # (instants in the repeated hour never compare equal across zones: compare timestamps)
    assert when("now", second_0230).timestamp() == second_0230.timestamp()
    assert when("tomorrow", second_0230) == local("2026-10-26T02:30")


def test_hours_are_exact_in_a_program_started_in_paris_time() -> None:
    # As `reseau` runs: TZ set when the process starts, `now` from the pendulum clock.
    code = (
        "import pendulum\n"
        "from reseau_tui.domain.when import parse_when\n"
        "tz = pendulum.timezone('Europe/Paris')\n"
        "now = pendulum.datetime(2026, 11, 26, 17, 32, tz=tz)\n"
        "print(parse_when('-2h', now, tz).isoformat(), parse_when('+3d', now, tz).isoformat())\n"
    )
    env = os.environ | {"TZ": "Europe/Paris"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == ["2026-11-26T15:32:00+01:00", "2026-11-29T17:32:00+01:00"]
