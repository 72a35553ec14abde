"""What every importer shares: drafts of contacts, problems with their line, matching.

An importer turns a file into `Draft`s (one per person, with the line it starts
on) and `Problem`s (what it could not read, with the record and line). The
import use case then validates the drafts, matches them against the database
(`ContactIndex`) and merges with `fill_empty`, so no format decides on its own
what happens to the user's data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import Any, Literal

from reseau_tui.domain.models import Contact
from reseau_tui.domain.text import fold

Unit = Literal["card", "row", "record", "file"]

# (stage, done, total): "reading", "matching", "saving"; called every few hundred records.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Problem:
    """Something in the file that could not be imported as it is.

    `template` is English with `{placeholders}` filled from `values`, translated
    by whoever shows it. `blocking` problems make the record (or, for a `file`
    problem, the whole file) invalid; the others are warnings about one field.
    """

    template: str
    values: Mapping[str, object] = field(default_factory=dict)
    line: int | None = None
    unit: Unit = "file"
    number: int | None = None  # the record's position in the file: card 2, row 5
    name: str = ""  # the record's name when it could be read, to help find it
    field: str = ""
    blocking: bool = True
    fatal: bool = False  # nothing in the file can be trusted (wrong encoding, no header row)

    def message(self) -> str:
        """The English text (the CLI translates `template` itself)."""
        text = self.template.format(**self.values)
        return f"{self.field}: {text}" if self.field else text


@dataclass
class Draft:
    """One person read from a file, before validation and matching.

    `fields` holds `Contact` fields by name (company, role, email, tags,
    connected...). `introducer` is a name, or `urn:uuid:<id>`, resolved only
    once every record of the file is known.
    """

    line: int
    number: int
    name: str
    fields: dict[str, Any] = field(default_factory=dict)
    emails: tuple[str, ...] = ()  # every address in the record, for matching
    introducer: str = ""
    uid: str = ""  # the file's own id for the person (vCard UID), when it has one


@dataclass
class ParseResult:
    unit: Unit
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total: int = 0  # records seen, read or not
    nameless: int = 0  # records skipped because they name nobody (LinkedIn hides some)

    @property
    def invalid_numbers(self) -> set[int]:
        return {p.number for p in self.problems if p.blocking and p.number is not None}

    @property
    def fatal(self) -> list[Problem]:
        return [p for p in self.problems if p.fatal]


# --- reading bytes ---------------------------------------------------------------


class NotUtf8(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message())
        self.problem = problem


def decode_text(data: bytes) -> str:
    """The file's text: UTF-8 with or without a byte-order mark; raises `NotUtf8` otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotUtf8(
            Problem(
                "the file is UTF-16 text; save it again as UTF-8 (in a spreadsheet: CSV UTF-8)",
                line=1,
                fatal=True,
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise NotUtf8(
            Problem(
                "the file is not UTF-8 (byte {byte} cannot be read; probably Windows-1252 "
                "or Latin-1); save it again as UTF-8 (in a spreadsheet: CSV UTF-8)",
                {"byte": f"0x{data[exc.start]:02X}"},
                line=line,
                fatal=True,
            )
        ) from None


# --- dates -------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ ,-]*(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$")
_DMY_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_day(text: str) -> date | None:
    """A calendar day as exports write it, whatever the user's locale; None if unreadable.

    `14 Oct 2025` and `Oct 14, 2025` use English month names (LinkedIn writes
    them so everywhere); `2025-10-14` is ISO; `14/10/2025` is read day first,
    as French spreadsheets write it.
    """
    text = text.strip()
    try:
        if m := _DAY_MONTH_YEAR.match(text):
            month = MONTHS.get(m.group(2).casefold())
            return date(int(m.group(3)), month, int(m.group(1))) if month else None
        if m := _MONTH_DAY_YEAR.match(text):
            month = MONTHS.get(m.group(1).casefold())
            return date(int(m.group(3)), month, int(m.group(2))) if month else None
        if m := _DMY_NUMERIC.match(text):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def day_start(day: date, tz: tzinfo) -> datetime:
    """Midnight of `day` in the user's timezone: when a connection "on 14 Oct" was made."""
    return datetime(day.year, day.month, day.day, tzinfo=tz)


def parse_moment(text: str, tz: tzinfo) -> datetime | None:
    """An ISO instant (naive ones are local), or a day at local midnight; None if unreadable."""
    text = text.strip()
    day = parse_day(text)
    if day is not None:
        return day_start(day, tz)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=tz)


_BIRTHDAY = re.compile(r"^(\d{4}|-)-?(\d{2})-?(\d{2})$")
NO_YEAR = "1604"  # Apple writes a year-less birthday as this year


def parse_birthday(text: str) -> str | None:
    """`YYYY-MM-DD`, or `--MM-DD` when the year is unknown; None if unreadable.

    Apple writes a year-less birthday as year 1604; vCard 4.0 as `--MMDD`;
    `17/05/1985` and `17 May 1985` are read too. A time part is ignored.
    """
    text = text.strip().split("T")[0]
    if not text:
        return ""
    m = _BIRTHDAY.match(text)
    if m is None:
        day = parse_day(text)
        return day.isoformat() if day else None
    year, month, dom = m.group(1).strip("-"), int(m.group(2)), int(m.group(3))
    try:
        date(2000, month, dom)  # a leap year, so 29 February is a valid year-less birthday
        if year and year != NO_YEAR:
            return date(int(year), month, dom).isoformat()
    except ValueError:
        return None
    return f"--{month:02d}-{dom:02d}"


def parse_flag(text: str) -> bool | None:
    value = fold(text)
    if value in ("1", "yes", "y", "true", "x", "oui", "o", "vrai"):
        return True
    if value in ("", "0", "no", "n", "false", "non", "faux"):
        return False
    return None


# --- duplicates --------------------------------------------------------------------


def url_key(url: str) -> str:
    """A profile link as a key: scheme, `www.`, a country subdomain of LinkedIn,
    the query and trailing slashes do not make two links different."""
    key = url.strip().casefold()
    key = re.sub(r"^[a-z][a-z0-9+.-]*://", "", key)
    key = re.split(r"[?#]", key, maxsplit=1)[0].rstrip("/")
    key = re.sub(r"^(www\.|[a-z]{2}\.(?=linkedin\.com))", "", key)
    return key


def email_key(email: str) -> str:
    return email.strip().casefold()


class ContactIndex:
    """Contacts by profile link, email and folded name, built once and kept current.

    `find` is O(1) per record, so matching 30,000 imported rows against 30,000
    contacts takes a blink.
    """

    def __init__(self, contacts: Iterable[Contact] = ()) -> None:
        self.by_id: dict[str, Contact] = {}
        self._url: dict[str, str] = {}
        self._email: dict[str, str] = {}
        self._name: dict[str, list[str]] = defaultdict(list)
        for c in contacts:
            self.put(c)

    def put(self, c: Contact) -> None:
        old = self.by_id.get(c.id)
        self.by_id[c.id] = c
        if old is not None and fold(old.name) != fold(c.name):
            self._name[fold(old.name)].remove(c.id)
        if c.url:
            self._url.setdefault(url_key(c.url), c.id)
        if c.email:
            self._email.setdefault(email_key(c.email), c.id)
        ids = self._name[fold(c.name)]
        if c.id not in ids:
            ids.append(c.id)

    def find(self, candidate: Contact, emails: Iterable[str] = ()) -> str | None:
        """The contact this candidate is: same id, profile link, email, then name.

        A match on email or name is refused when both have a profile link and the
        links differ: two people may share a name, or a family address.
        """
        if candidate.id in self.by_id:
            return candidate.id
        url = url_key(candidate.url) if candidate.url else ""
        if url and url in self._url:
            return self._url[url]

        def compatible(cid: str) -> bool:
            other = self.by_id[cid].url
            return not (url and other and url_key(other) != url)

        for email in dict.fromkeys((candidate.email, *emails)):
            found = self._email.get(email_key(email)) if email else None
            if found is not None and compatible(found):
                return found
        same_name = [cid for cid in self._name.get(fold(candidate.name), ()) if compatible(cid)]
        return same_name[0] if len(same_name) == 1 else None

    def named(self, name: str) -> list[str]:
        return list(self._name.get(fold(name), ()))


_TEXT_FIELDS = ("company", "role", "email", "phone", "url", "notes", "birthday")


def fill_empty(current: Contact, incoming: Contact) -> Contact:
    """`current` with the fields it lacks taken from `incoming`; nothing set is overwritten.

    Tags are the union (the user's first). Name, archived and the familiar form
    are the user's choice and never change; `introduced_by` is resolved apart.
    """
    changes: dict[str, Any] = {
        name: getattr(incoming, name)
        for name in _TEXT_FIELDS
        if not getattr(current, name) and getattr(incoming, name)
    }
    for name in ("circle", "cadence_days", "connected"):
        if getattr(current, name) is None and getattr(incoming, name) is not None:
            changes[name] = getattr(incoming, name)
    tags = tuple(dict.fromkeys((*current.tags, *incoming.tags)))
    if tags != current.tags:
        changes["tags"] = tags
    return replace(current, **changes) if changes else current
