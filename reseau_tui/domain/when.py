"""WHEN as people write it, in English or French: `hier 18h`, `15/12`, `jeudi prochain`...

Shared by the CLI (`--when`, `--until`, `--at`) and the app's fields. Accents and
case are ignored, and the words of both languages are understood whatever the
language of the messages.

- Words that count from now keep the time of day: `yesterday` is this time
  yesterday, and so are `lundi`, `next thursday`, `in 2 weeks`, `+3d`.
- A written date means the start of that day: `15/12`, `3 Dec`, `2026-12-15`.
- A time can follow either (`hier 18h`, `lundi à 9h`, `15/12 14:30`); a time
  alone is today's (`14:30`).
- Numeric dates: French reads day first (`3/4` is 3 April). Other languages
  accept a date that reads only one way (`15/12`, `12/15`) and refuse one that
  reads both ways (`3/4`), asking for the month as a word: a wrong month would
  go unnoticed.
- The context decides what a day without a week or a year means. A meeting or a
  milestone (`future=False`): `lundi` is the most recent Monday (today, if it is
  Monday), and `15/12` the nearest 15 December. A snooze or a due date
  (`future=True`): `lundi` is the next Monday, `15/12` the next 15 December, and
  a time alone that has passed today is tomorrow's.
- `next thursday` / `jeudi prochain` is the first Thursday after today,
  `last thursday` / `jeudi dernier` the last one before today, in any context.

Anything else is refused with `InvalidInput`, whose message gives examples
suited to the context (no past date is suggested where only the future makes
sense). The domain does no translation: the caller passes the language.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.text import fold
from reseau_tui.domain.validation import check_instant

_LONGEST = 120  # longer than any date anyone types: refused before any pattern runs

_DAY_WORDS = {
    "now": 0,
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "maintenant": 0,
    "aujourd'hui": 0,
    "aujourdhui": 0,
    "aujourd hui": 0,
    "hier": -1,
    "demain": 1,
    "avant-hier": -2,
    "avant hier": -2,
    "apres-demain": 2,
    "apres demain": 2,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
_OFFSET = re.compile(r"^([+-])\s*([0-9]{1,5})\s*([dwjsh])$")
_UNIT_DAYS = {"d": 1, "j": 1, "w": 7, "s": 7}

_WEEKDAYS = {
    **dict.fromkeys(("monday", "mon", "lundi", "lun"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues", "mardi", "mar"), 1),
    **dict.fromkeys(("wednesday", "wed", "mercredi", "mer"), 2),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs", "jeudi", "jeu"), 3),
    **dict.fromkeys(("friday", "fri", "vendredi", "ven"), 4),
    **dict.fromkeys(("saturday", "sat", "samedi", "sam"), 5),
    **dict.fromkeys(("sunday", "sun", "dimanche", "dim"), 6),
}
_MONTHS = {
    **dict.fromkeys(("january", "jan", "janvier", "janv"), 1),
    **dict.fromkeys(("february", "feb", "fevrier", "fevr", "fev"), 2),
    **dict.fromkeys(("march", "mar", "mars"), 3),
    **dict.fromkeys(("april", "apr", "avril", "avr"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("june", "jun", "juin"), 6),
    **dict.fromkeys(("july", "jul", "juillet", "juil"), 7),
    **dict.fromkeys(("august", "aug", "aout"), 8),
    **dict.fromkeys(("september", "sep", "sept", "septembre"), 9),
    **dict.fromkeys(("october", "oct", "octobre"), 10),
    **dict.fromkeys(("november", "nov", "novembre"), 11),
    **dict.fromkeys(("december", "dec", "decembre"), 12),
}
_MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_NUMBERS = {
    **dict.fromkeys(("a", "an", "one", "un", "une"), 1),
    **dict.fromkeys(("two", "deux"), 2),
    **dict.fromkeys(("three", "trois"), 3),
    **dict.fromkeys(("four", "quatre"), 4),
    **dict.fromkeys(("five", "cinq"), 5),
    **dict.fromkeys(("six",), 6),
    **dict.fromkeys(("seven", "sept"), 7),
    **dict.fromkeys(("eight", "huit"), 8),
    **dict.fromkeys(("nine", "neuf"), 9),
    **dict.fromkeys(("ten", "dix"), 10),
    **dict.fromkeys(("fifteen", "quinze"), 15),
}
_UNITS = {
    **dict.fromkeys(("min", "mins", "mn", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "heure", "heures"), "hours"),
    **dict.fromkeys(("d", "day", "days", "j", "jour", "jours"), "days"),
    **dict.fromkeys(("w", "wk", "week", "weeks", "sem", "semaine", "semaines"), "weeks"),
    **dict.fromkeys(("month", "months", "mois"), "months"),
    **dict.fromkeys(("y", "yr", "year", "years", "an", "ans", "annee", "annees"), "years"),
}
_NUM = "[0-9]{1,5}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_IN = re.compile(rf"^(?:in|dans)\s+({_NUM})\s*({_UNIT})$")
_AGO = re.compile(rf"^(?:({_NUM})\s*({_UNIT})\s+ago|il y a\s+({_NUM})\s*({_UNIT}))$")
_NEXT_PERIOD = {
    "next week": (7, 0),
    "semaine prochaine": (7, 0),
    "la semaine prochaine": (7, 0),
    "last week": (-7, 0),
    "semaine derniere": (-7, 0),
    "la semaine derniere": (-7, 0),
    "next month": (0, 1),
    "mois prochain": (0, 1),
    "le mois prochain": (0, 1),
    "last month": (0, -1),
    "mois dernier": (0, -1),
    "le mois dernier": (0, -1),
}
_NEXT = {"next": "next", "prochain": "next", "prochaine": "next"}
_LAST = {"last": "last", "dernier": "last", "derniere": "last"}
_WEEKDAY_BEFORE = re.compile(r"^(?:(next|last|this|ce)\s+)?([a-z]+)$")
_WEEKDAY_AFTER = re.compile(r"^(?:ce\s+)?([a-z]+)\s+(prochaine?|derniere?)$")

_TIME = re.compile(
    r"(?:^|\s)(?:(?:at|a|vers|around)\s+|@\s*)?"
    r"(?:(?P<h1>[0-9]{1,2}):(?P<m1>[0-9]{2})(?:\s*(?P<ap1>am|pm))?"
    r"|(?P<h2>[0-9]{1,2})\s*h\s*(?P<m2>[0-9]{2})?"
    r"|(?P<h3>[0-9]{1,2})\s*(?P<ap3>am|pm)"
    r"|(?P<word>midi|noon|minuit|midnight))$"
)
_NUMERIC = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})(?:[/.-]([0-9]{4}|[0-9]{2}))?$")
_YEAR_FIRST = re.compile(r"^([0-9]{4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,2})$")
_DAY_MONTH = re.compile(
    r"^([0-9]{1,2})(?:er|st|nd|rd|th|e)?\s*(?:of\s+)?([a-z]+)(?:\s+([0-9]{4}))?$"
)
_MONTH_DAY = re.compile(r"^([a-z]+)\s*([0-9]{1,2})(?:st|nd|rd|th)?(?:\s+([0-9]{4}))?$")
_ISO_LIKE = re.compile(r"^[0-9]{4}-")

DAY_FIRST_LANGUAGES = frozenset({"fr"})


def parse_when(
    text: str,
    now: datetime,
    tz: tzinfo,
    *,
    language: str = "en",
    future: bool = False,
) -> datetime:
    """The instant `text` means, relative to `now`; raises `InvalidInput` with examples.

    `language` decides how a numeric date such as `3/4` is read (French: day
    first); `future` is for fields that only take a date to come (a snooze, a
    due date), and decides which Monday `lundi` is.
    """
    if not isinstance(text, str) or len(text) > _LONGEST:
        raise _not_understood(str(text), future)
    words = _words(text)
    if not words:
        raise _not_understood(text, future)
    try:
        value = _Reader(text, now, tz, language, future).read(words)
        if value is None and _ISO_LIKE.match(text.strip()):
            value = _parse_iso(text.strip(), tz)
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, InvalidInput):
            raise
        raise _not_understood(text, future) from None
    if value is None:
        raise _not_understood(text, future)
    return check_instant("when", value)


def _words(text: str) -> str:
    """Lower case, no accents, one space between words, "déc." as "dec", "’" as "'"."""
    folded = fold(text).replace("’", "'").replace("`", "'").replace(",", " ")
    folded = re.sub(r"(?<=[a-z])\.", " ", folded)
    return " ".join(folded.split())


class _Reader:
    """One reading of a WHEN: the parts of the grammar share now, zone and context."""

    def __init__(self, text: str, now: datetime, tz: tzinfo, language: str, future: bool) -> None:
        self.text = text
        self.now = _plain(now.astimezone(tz))
        self.tz = tz
        self.today = self.now.date()
        self.day_first = language in DAY_FIRST_LANGUAGES
        self.future = future

    def read(self, words: str) -> datetime | None:
        exact = self._exact(words)
        if exact is not None:
            return exact
        at: time | None = None
        clock = _TIME.search(words)
        if clock:
            at = _clock_time(clock)
            if at is None:
                return None
            words = words[: clock.start()].strip()
            if not words:
                return self._time_alone(at)
        return self._day(words, at)

    # --- whole phrases: a day word or an exact offset, with no time after them --------

    def _exact(self, words: str) -> datetime | None:
        if words in _DAY_WORDS:
            return _days_later(self.now, _DAY_WORDS[words], self.tz)
        offset = _OFFSET.match(words)
        if offset and offset.group(3) == "h":
            hours = int(offset.group(2)) * (-1 if offset.group(1) == "-" else 1)
            return self._exactly_later(timedelta(hours=hours))
        relative = _relative(words)
        if relative and relative[1] in ("hours", "minutes"):
            return self._exactly_later(timedelta(**{relative[1]: relative[0]}))
        return None

    def _exactly_later(self, delta: timedelta) -> datetime:
        return _plain((self.now.astimezone(UTC) + delta).astimezone(self.tz))

    def _time_alone(self, at: time) -> datetime:
        value = _at(self.today, at, self.tz)
        if self.future and value.timestamp() <= self.now.timestamp():
            value = _at(self.today + timedelta(days=1), at, self.tz)
        return value

    # --- a day, then the time given (or now's time, or midnight for a written date) ----

    def _day(self, words: str, at: time | None) -> datetime | None:
        words = re.sub(r"^(?:le|on|the)\s+", "", words)
        if words in _DAY_WORDS:
            return self._days_from_today(_DAY_WORDS[words], at)
        offset = _OFFSET.match(words)
        if offset and offset.group(3) != "h":
            days = int(offset.group(2)) * _UNIT_DAYS[offset.group(3)]
            return self._days_from_today(-days if offset.group(1) == "-" else days, at)
        relative = _relative(words)
        if relative:
            amount, unit = relative
            if unit in ("hours", "minutes"):
                return None
            if unit in ("months", "years"):
                months = amount * (12 if unit == "years" else 1)
                return self._on(_add_months(self.today, months), at)
            return self._days_from_today(amount * (7 if unit == "weeks" else 1), at)
        if words in _NEXT_PERIOD:
            days, months = _NEXT_PERIOD[words]
            return self._on(_add_months(self.today, months) + timedelta(days=days), at)
        weekday = self._weekday(words, at)
        if weekday is not None:
            return weekday
        return self._date(words, at)

    def _days_from_today(self, days: int, at: time | None) -> datetime:
        return self._on(self.today + timedelta(days=days), at)

    def _on(self, day: date, at: time | None) -> datetime:
        """That day at `at`, or at the current time of day when no time was given."""
        if at is None:
            return _days_later(self.now, (day - self.today).days, self.tz)
        return _at(day, at, self.tz)

    def _weekday(self, words: str, at: time | None) -> datetime | None:
        which, name = "", words
        before = _WEEKDAY_BEFORE.match(words)
        after = _WEEKDAY_AFTER.match(words)
        if before:
            which, name = before.group(1) or "", before.group(2)
        elif after:
            name = after.group(1)
            which = "next" if after.group(2).startswith("prochain") else "last"
        if name not in _WEEKDAYS:
            return None
        wanted = _WEEKDAYS[name]
        ahead = (wanted - self.today.weekday()) % 7
        if which == "next":
            return self._days_from_today(ahead or 7, at)
        if which == "last":
            return self._days_from_today(-((7 - ahead) % 7 or 7), at)
        candidates = [self._days_from_today(ahead + k, at) for k in (-14, -7, 0, 7)]
        return self._pick(candidates)

    def _pick(self, candidates: list[datetime]) -> datetime | None:
        """The next one after now (future), else the most recent one up to now."""
        now = self.now.timestamp()
        if self.future:
            later = [c for c in candidates if c.timestamp() > now]
            return min(later, key=lambda c: c.timestamp()) if later else None
        earlier = [c for c in candidates if c.timestamp() <= now]
        return max(earlier, key=lambda c: c.timestamp()) if earlier else None

    def _date(self, words: str, at: time | None) -> datetime | None:
        """A written date; a weekday before it ("jeudi 3 décembre") must be that date's."""
        found = self._day_month_year(words)
        weekday: int | None = None
        first, _sep, rest = words.partition(" ")
        if found is None and first in _WEEKDAYS and rest:
            weekday = _WEEKDAYS[first]
            found = self._day_month_year(re.sub(r"^(?:le|the)\s+", "", rest))
        if found is None:
            return None
        day, month, year = found
        this_year = self.today.year
        years = [year] if year is not None else list(range(this_year - 4, this_year + 5))
        days = [date(y, month, day) for y in years if _exists(day, month, y)]
        days = [d for d in days if weekday is None or d.weekday() == weekday]
        instants = [_at(d, at or time(0), self.tz) for d in days]
        if year is not None or not instants:
            return instants[0] if instants else None
        if self.future:
            return self._pick(instants)
        now = self.now.timestamp()
        return min(instants, key=lambda i: (abs(i.timestamp() - now), i.timestamp() > now))

    def _day_month_year(self, words: str) -> tuple[int, int, int | None] | None:
        numeric = _NUMERIC.match(words)
        if numeric:
            a, b = int(numeric.group(1)), int(numeric.group(2))
            year = _year(numeric.group(3))
            order = self._order(a, b, year)
            return (*order, year) if order else None
        year_first = _YEAR_FIRST.match(words)
        if year_first:
            year, month, day = (int(g) for g in year_first.groups())
            return (day, month, year) if _exists(day, month, year) else None
        for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
            written = pattern.match(words)
            if written and written.group(month_group) in _MONTHS:
                day = int(written.group(day_group))
                month = _MONTHS[written.group(month_group)]
                year = _year(written.group(3))
                return (day, month, year) if _exists(day, month, year) else None
        return None

    def _order(self, a: int, b: int, year: int | None) -> tuple[int, int] | None:
        """(day, month) of `a/b`: French reads day first; otherwise both ways must not fit."""
        day_first, month_first = _exists(a, b, year), _exists(b, a, year)
        if self.day_first:
            return (a, b) if day_first else (b, a) if month_first else None
        if day_first and month_first and a != b:
            raise InvalidInput(
                "when",
                "{text!r} could be {first} or {second}: write the month as a word, as in {first}",
                text=_shown(self.text),
                first=f"{a} {_MONTH_ABBREVIATIONS[b - 1]}",
                second=f"{_MONTH_ABBREVIATIONS[a - 1]} {b}",
            )
        return (a, b) if day_first else (b, a) if month_first else None


def _relative(words: str) -> tuple[int, str] | None:
    """(amount, unit) of "in 2 weeks", "dans 2 semaines", "3 days ago", "il y a 3 jours"."""
    ahead = _IN.match(words)
    if ahead:
        return _amount(ahead.group(1)), _UNITS[ahead.group(2)]
    back = _AGO.match(words)
    if back:
        number, unit = (back.group(1), back.group(2)) if back.group(1) else back.group(3, 4)
        return -_amount(number), _UNITS[unit]
    return None


def _amount(number: str) -> int:
    return _NUMBERS[number] if number in _NUMBERS else int(number)


def _clock_time(found: re.Match[str]) -> time | None:
    if found.group("word"):
        return time(12) if found.group("word") in ("midi", "noon") else time(0)
    hour = int(found.group("h1") or found.group("h2") or found.group("h3"))
    minute = int(found.group("m1") or found.group("m2") or 0)
    half = found.group("ap1") or found.group("ap3")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    return 2000 + int(text) if len(text) == 2 else int(text)


def _exists(day: int, month: int, year: int | None) -> bool:
    """Whether the day is on the calendar (29 February: in some year, when none is given)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is not None and not 1 <= year <= 9999:
        return False
    return day <= calendar.monthrange(2000 if year is None else year, month)[1]


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 January + 1 month: 28 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _plain(value: datetime) -> datetime:
    """A standard datetime of the same wall time and zone (pendulum's adds exact seconds)."""
    return datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        value.tzinfo,
        fold=value.fold,
    )


def _at(day: date, at: time, tz: tzinfo) -> datetime:
    """That local wall time (a time skipped in spring moves on by the gap)."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC).astimezone(tz)


def _days_later(now: datetime, days: int, tz: tzinfo) -> datetime:
    """The same local wall time `days` calendar days away (a time skipped in spring moves on)."""
    if days == 0:
        return _plain(now.astimezone(tz))
    wall = _plain(now.astimezone(tz)).replace(tzinfo=None) + timedelta(days=days)
    return wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def _parse_iso(text: str, tz: tzinfo) -> datetime:
    if len(text) == 10:
        value = datetime.combine(date.fromisoformat(text), time(0), tzinfo=tz)
    else:
        value = datetime.fromisoformat(text.replace(" ", "T", 1))
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value


def _shown(text: str) -> str:
    """The text as quoted back in a message: one line, and not the whole of a pasted page."""
    line = " ".join(text.split())
    return line if len(line) <= 40 else line[:39] + "…"


def _not_understood(text: str, future: bool) -> InvalidInput:
    # The examples are part of the message, so that each language shows its own words
    # (the CLI and the app translate the template). A snooze suggests no past date.
    if future:
        return InvalidInput(
            "when",
            "{text!r} is not a date I understand; try for example: "
            "tomorrow 9:00, monday, next thursday, in 2 weeks, 15/12, 3 Dec, +3d",
            text=_shown(text),
        )
    return InvalidInput(
        "when",
        "{text!r} is not a date I understand; try for example: "
        "today 14:30, yesterday 6pm, monday, 15/12, 3 Dec, -2d, 2026-11-26",
        text=_shown(text),
    )
