"""WHEN as people write it, after `--when`, `--at` and `--until` and in the app's fields."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.when import parse_when
from reseau_tui.i18n import _, set_language
from reseau_tui.services.labels import when_examples

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
    ["", "   ", "3d", "+3x", "2026-13-01", "2026-02-30", "soon", "blah", "32/13/2026", "24:00",
     "31/04", "14h61", "13pm", "next fryday", "in 2 fortnights", "lundi 32", "x" * 500],
)  # fmt: skip
def test_anything_else_is_refused_with_examples(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        when(text)
    message = str(caught.value)
    assert "is not a date I understand" in message
    assert "yesterday 6pm" in message and "15/12" in message and "2026-11-26" in message


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


# --- what people write, in both languages --------------------------------------------
#
# NOW is Thursday 26 November 2026, 10:00 in Paris.


def ahead(text: str, now: datetime = NOW, language: str = "en") -> datetime:
    """A WHEN typed where only a date to come makes sense: a snooze, a due date."""
    return parse_when(text, now, PARIS, language=language, future=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today 14:30", "2026-11-26T14:30"),
        ("14:30", "2026-11-26T14:30"),
        ("at 14:30", "2026-11-26T14:30"),
        ("à 14h", "2026-11-26T14:00"),
        ("9h", "2026-11-26T09:00"),
        ("2pm", "2026-11-26T14:00"),
        ("midi", "2026-11-26T12:00"),
        ("yesterday 18h", "2026-11-25T18:00"),
        ("yesterday 6pm", "2026-11-25T18:00"),
        ("hier 18h", "2026-11-25T18:00"),
        ("hier à 18 h 30", "2026-11-25T18:30"),
        ("Aujourd’hui 14h30", "2026-11-26T14:30"),
        ("demain à 9h", "2026-11-27T09:00"),
        ("15/12", "2026-12-15T00:00"),
        ("15/12/2026", "2026-12-15T00:00"),
        ("15/12/26", "2026-12-15T00:00"),
        ("15.12.2026", "2026-12-15T00:00"),
        ("15/12 14:30", "2026-12-15T14:30"),
        ("3 décembre", "2026-12-03T00:00"),
        ("3 Décembre", "2026-12-03T00:00"),
        ("3 DECEMBRE", "2026-12-03T00:00"),
        ("le 3 décembre à 14h", "2026-12-03T14:00"),
        ("1er décembre", "2026-12-01T00:00"),
        ("3 déc.", "2026-12-03T00:00"),
        ("3 Dec", "2026-12-03T00:00"),
        ("Dec 3, 2026 at 2pm", "2026-12-03T14:00"),
        ("3rd of December", "2026-12-03T00:00"),
        ("jeudi 3 décembre", "2026-12-03T00:00"),
        ("next thursday", "2026-12-03T10:00"),
        ("jeudi prochain", "2026-12-03T10:00"),
        ("next friday", "2026-11-27T10:00"),
        ("vendredi prochain 9h", "2026-11-27T09:00"),
        ("last thursday", "2026-11-19T10:00"),
        ("jeudi dernier", "2026-11-19T10:00"),
        ("in 2 weeks", "2026-12-10T10:00"),
        ("dans 2 semaines", "2026-12-10T10:00"),
        ("dans deux semaines", "2026-12-10T10:00"),
        ("dans 3 jours à 9h", "2026-11-29T09:00"),
        ("in a month", "2026-12-26T10:00"),
        ("in 2 hours", "2026-11-26T12:00"),
        ("dans 30 min", "2026-11-26T10:30"),
        ("3 days ago", "2026-11-23T10:00"),
        ("il y a 3 jours", "2026-11-23T10:00"),
        ("+3d 9h", "2026-11-29T09:00"),
        ("2026-12-01 14h", "2026-12-01T14:00"),
    ],
)
def test_what_people_write_is_understood(text: str, expected: str) -> None:
    assert when(text) == local(expected)


def test_words_of_both_languages_are_understood_whatever_the_language() -> None:
    for language in ("en", "fr"):
        for text in ("hier 18h", "yesterday 6pm", "3 décembre", "3 Dec", "lundi", "monday"):
            assert parse_when(text, NOW, PARIS, language=language) == when(text)


def test_a_numeric_date_is_read_day_first_in_french() -> None:
    assert parse_when("3/4", NOW, PARIS, language="fr", future=True) == local("2027-04-03T00:00")
    assert parse_when("3/4/2027", NOW, PARIS, language="fr") == local("2027-04-03T00:00")


def test_in_english_a_date_that_reads_both_ways_is_refused_with_the_two_readings() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when("3/4", NOW, PARIS, language="en")
    assert str(caught.value) == (
        "when: '3/4' could be 3 Apr or Mar 4: write the month as a word, as in 3 Apr"
    )
    # A date that reads only one way is understood, either way round.
    assert parse_when("15/12", NOW, PARIS, language="en") == local("2026-12-15T00:00")
    assert parse_when("12/15", NOW, PARIS, language="en") == local("2026-12-15T00:00")
    assert parse_when("4/4", NOW, PARIS, language="en", future=True) == local("2027-04-04T00:00")


# A weekday alone: the most recent one for a meeting, the next one for a snooze.


@pytest.mark.parametrize(
    ("text", "meeting", "snooze"),
    [
        ("lundi", "2026-11-23T10:00", "2026-11-30T10:00"),
        ("monday", "2026-11-23T10:00", "2026-11-30T10:00"),
        ("Mardi", "2026-11-24T10:00", "2026-12-01T10:00"),
        ("vendredi", "2026-11-20T10:00", "2026-11-27T10:00"),
        ("jeudi", "2026-11-26T10:00", "2026-12-03T10:00"),  # today is Thursday
        ("jeudi 18h", "2026-11-19T18:00", "2026-11-26T18:00"),  # the last, the next 18:00
        ("lundi 9h", "2026-11-23T09:00", "2026-11-30T09:00"),
    ],
)
def test_a_weekday_alone_is_the_last_one_for_a_meeting_the_next_one_for_a_snooze(
    text: str, meeting: str, snooze: str
) -> None:
    assert when(text) == local(meeting)
    assert ahead(text) == local(snooze)


def test_next_and_last_weekday_do_not_depend_on_the_context() -> None:
    for text, expected in [
        ("next thursday", "2026-12-03T10:00"),
        ("lundi dernier", "2026-11-23T10:00"),
    ]:
        assert when(text) == ahead(text) == local(expected)


def test_a_date_without_a_year_is_the_nearest_for_a_meeting_and_the_next_for_a_snooze() -> None:
    january = local("2027-01-05T10:00")
    assert when("28/12", january) == local("2026-12-28T00:00")  # last week, not next December
    assert when("15/12") == local("2026-12-15T00:00")  # in three weeks: a planned meeting
    assert ahead("28/12", january) == local("2027-12-28T00:00")
    assert ahead("15/11") == local("2027-11-15T00:00")
    assert ahead("29/02") == local("2028-02-29T00:00")


def test_a_time_alone_that_has_passed_is_tomorrows_for_a_snooze_only() -> None:
    assert when("9h") == local("2026-11-26T09:00")
    assert ahead("9h") == local("2026-11-27T09:00")
    assert ahead("18h") == local("2026-11-26T18:00")


def test_a_weekday_that_does_not_match_the_date_is_refused() -> None:
    with pytest.raises(InvalidInput):
        ahead("jeudi 4 décembre")  # a Friday this year, and the next Thursday 4 December is 2031


def test_a_time_typed_in_the_hour_skipped_in_spring_moves_on() -> None:
    assert when("2026-03-29 02:30") == local("2026-03-29T03:30")
    assert when("dimanche 2h30", local("2026-03-30T10:00")) == local("2026-03-29T03:30")


def test_weekdays_keep_the_wall_time_across_the_spring_change() -> None:
    friday = local("2026-03-27T10:00")
    assert ahead("lundi", friday) == local("2026-03-30T10:00")
    assert ahead("lundi", friday).utcoffset() == timedelta(hours=2)


def test_a_snooze_refusal_suggests_no_past_date() -> None:
    with pytest.raises(InvalidInput) as caught:
        ahead("blah")
    message = str(caught.value)
    assert "next thursday" in message and "in 2 weeks" in message
    for past_word in ("yesterday", "today", "-2d", "2026-"):
        assert past_word not in message


def _examples(message: str) -> list[str]:
    return [e.strip() for e in message.split(": ")[-1].split(",")]


@pytest.mark.parametrize("language", ["en", "fr"])
@settings(max_examples=60, deadline=None, derandomize=True)
@given(now=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2150, 12, 31)))
def test_every_example_a_refusal_gives_is_understood_and_a_snooze_suggests_only_dates_to_come(
    language: str, now: datetime
) -> None:
    moment = pendulum.instance(now, tz=PARIS)
    set_language(language)
    try:
        for future in (False, True):
            with pytest.raises(InvalidInput) as caught:
                parse_when("blah", moment, PARIS, language=language, future=future)
            shown = _(caught.value.template, **caught.value.values)
            examples = _examples(shown)
            assert len(examples) >= 7
            # The same examples as the hints beside the fields, in the same language.
            assert ", ".join(examples) == when_examples(future=future)
            for example in examples:
                meant = parse_when(example, moment, PARIS, language=language, future=future)
                if future:
                    assert meant.timestamp() > moment.timestamp(), example
    finally:
        set_language("en")


# --- no text makes it fail otherwise -------------------------------------------------

WORDS = st.sampled_from(
    ["lundi", "next", "last", "prochain", "dernier", "in", "dans", "il y a", "ago", "2", "deux",
     "weeks", "semaines", "jours", "h", "14:30", "18h", "pm", "à", "le", "1er", "décembre",
     "Dec", "/", ".", "-", "+", "15", "12", "2026", "29/02", "31", "99999", "mois", "an", " "]
)  # fmt: skip


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    text=st.one_of(st.text(max_size=40), st.lists(WORDS, max_size=7).map(" ".join)),
    language=st.sampled_from(["en", "fr", "de"]),
    future=st.booleans(),
    now=st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2199, 12, 31)),
)
def test_any_text_gives_an_instant_or_a_clear_refusal(
    text: str, language: str, future: bool, now: datetime
) -> None:
    moment = pendulum.instance(now, tz=PARIS)
    try:
        value = parse_when(text, moment, PARIS, language=language, future=future)
    except InvalidInput as exc:
        assert exc.field == "when"
        assert _(exc.template, **exc.values)  # a message that can be shown
        return
    assert value.utcoffset() is not None
    assert 1900 <= value.year <= 2200
