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
from reseau_tui.io import card_lines

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
    source: str = ""  # the file it is in, when a folder of files was read

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
    source: str = ""  # the file it is in, when a folder of files was read


@dataclass
class ParseResult:
    unit: Unit
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total: int = 0  # records seen, read or not
    nameless: int = 0  # records skipped because they name nobody (LinkedIn hides some)
    skipped_lines: int = 0  # lines that could not be read, in records kept without them

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
    """The file's text: UTF-8 with or without a byte-order mark; raises `NotUtf8` otherwise.

    For reseau's own backups, which are always UTF-8: another encoding there means
    the file is not one.
    """
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


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
FALLBACK_ENCODING = "windows-1252"  # what Outlook and Excel write in Western Europe
_NAMES = {"utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32-le": "UTF-32"}


def read_text(data: bytes, declared: str = "") -> tuple[str, Problem | None]:
    """The text of a file from another program, whatever it was saved as.

    Tried in this order: a byte-order mark (UTF-8, UTF-16, UTF-32), UTF-16
    without one (every other byte zero), valid UTF-8, the encoding the file
    declares (a vCard's `CHARSET=`), then Windows-1252, which reads any byte.
    A UTF-8 file with a few stray bytes stays UTF-8, only those bytes read the
    other way: decoding it all as Windows-1252 would garble every accent. The
    second value warns when the text was not all UTF-8, so the user checks the
    accents; UTF-16 and UTF-32 are Unicode too and need no warning.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec.removesuffix("-sig")), None
            except UnicodeDecodeError:
                if codec == "utf-8-sig":  # UTF-8 with stray bytes, read below
                    data = data[len(bom) :]
                break
    head = data[:400]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        odd_zero = head[1::2].count(0) > head[0::2].count(0)
        try:
            return data.decode("utf-16-le" if odd_zero else "utf-16-be"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    usable = [c for c in (declared, FALLBACK_ENCODING) if c and _known(c) and not _is_utf8(c)]
    other = usable[0]
    mostly = _utf8_with_strays(data, other)
    if mostly is not None:
        return mostly, _read_as(data, first_bad, other)
    for codec in usable:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return text, _read_as(data, first_bad, codec)
    text = data.decode("latin-1")  # never fails: the bytes Windows-1252 leaves undefined
    return text, _read_as(data, first_bad, "latin-1")


_MOST_STRAYS = 100


def _utf8_with_strays(data: bytes, codec: str) -> str | None:
    """UTF-8 text with a few bytes that are not (read as `codec`), or None when the
    file has more bad bytes than good UTF-8 accents: then it is not UTF-8 at all."""
    parts: list[str] = []
    good = bad = pos = 0
    while True:
        try:
            rest = data[pos:].decode("utf-8")
        except UnicodeDecodeError as exc:
            start, end = pos + exc.start, pos + exc.end
            text = data[pos:start].decode("utf-8")
            parts += [text, data[start:end].decode(codec, errors="replace")]
            good += sum(1 for ch in text if ord(ch) > 127)
            bad += 1
            pos = end
            if bad > _MOST_STRAYS:
                return None
            continue
        good += sum(1 for ch in rest if ord(ch) > 127)
        parts.append(rest)
        break
    return "".join(parts) if good > bad else None


def _known(codec: str) -> bool:
    try:
        "".encode(codec)
    except LookupError:
        return False
    return True


def _is_utf8(codec: str) -> bool:
    return codec.replace("_", "-").casefold() in ("utf-8", "utf8")


def _read_as(data: bytes, first_bad: int, codec: str) -> Problem:
    return Problem(
        "the file is not UTF-8 (byte {byte} on this line); it was read as {encoding}: "
        "check the accented letters",
        {"byte": f"0x{data[first_bad]:02X}", "encoding": _encoding_name(codec)},
        line=data.count(b"\n", 0, first_bad) + 1,
        blocking=False,
    )


def _encoding_name(codec: str) -> str:
    key = codec.casefold().replace("_", "-")
    if key.startswith(("windows-", "cp")):
        return "Windows-" + key.removeprefix("windows-").removeprefix("cp")
    return _NAMES.get(key, codec.upper())


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


def phone_key(phone: str) -> str:
    """A phone number as a key: its last nine digits, so `+33 6 12 34 56 78`,
    `0033 612345678` and `06.12.34.56.78` are one number."""
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 9 else digits


# Why two records were not taken for one person although they might be.
Reason = Literal["url", "email", "phone", "id", "name"]


@dataclass(frozen=True)
class Match:
    """The contact a record is (`id`), or else the contacts it might be (`similar`).

    `similar` pairs a contact id with the reason it was not merged: the two
    disagree on a profile link, email or phone (`url`, `email`, `phone`), share
    only a file's id under another name (`id`), or several contacts have that
    name (`name`).
    """

    id: str | None
    similar: tuple[tuple[str, Reason], ...] = ()


def _keys(candidate: Contact, emails: Iterable[str]) -> list[str]:
    return [email_key(e) for e in dict.fromkeys((candidate.email, *emails)) if e.strip()]


def disagreement(current: Contact, candidate: Contact, emails: Iterable[str] = ()) -> Reason | None:
    """What shows two records of one name are two people: both have a profile link,
    an email or a phone, and theirs differ (none of the record's emails is the
    contact's). None when nothing disagrees."""
    if current.url and candidate.url and url_key(current.url) != url_key(candidate.url):
        return "url"
    wanted = _keys(candidate, emails)
    if current.email and wanted and email_key(current.email) not in wanted:
        return "email"
    if current.phone and candidate.phone and phone_key(current.phone) != phone_key(candidate.phone):
        return "phone"
    return None


def agreement(current: Contact, candidate: Contact, emails: Iterable[str] = ()) -> bool:
    """Whether two records share a profile link, an email or a phone number."""
    if current.url and candidate.url and url_key(current.url) == url_key(candidate.url):
        return True
    if current.email and email_key(current.email) in _keys(candidate, emails):
        return True
    return bool(
        current.phone
        and candidate.phone
        and phone_key(current.phone)
        and phone_key(current.phone) == phone_key(candidate.phone)
    )


class ContactIndex:
    """Contacts by profile link, email and folded name, built once and kept current.

    `match` is O(1) per record, so matching 30,000 imported rows against 30,000
    contacts takes a blink.
    """

    def __init__(self, contacts: Iterable[Contact] = ()) -> None:
        self.by_id: dict[str, Contact] = {}
        self._uid: dict[str, str] = {}  # a card's UID as written -> the contact it is
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
        if c.card_uid:
            self._uid.setdefault(c.card_uid, c.id)
        if c.url:
            self._url.setdefault(url_key(c.url), c.id)
        if c.email:
            self._email.setdefault(email_key(c.email), c.id)
        ids = self._name[fold(c.name)]
        if c.id not in ids:
            ids.append(c.id)

    def match(self, candidate: Contact, emails: Iterable[str] = ()) -> Match:
        """The contact this record is: the same card (its UID as written), else same
        profile link, else same email, else same name; an id from the file counts with
        the same name or a shared link, email or phone.

        A name alone never merges when the two disagree on a profile link, email
        or phone, nor when several contacts have that name and none of them shares
        one: two people may share a name. An email match is refused when the
        profile links differ: two people may share a family address.
        """
        emails = tuple(emails)
        similar: list[tuple[str, Reason]] = []
        same_card = self._uid.get(candidate.card_uid) if candidate.card_uid else None
        if same_card is not None and same_card != candidate.id:  # the card it came from
            current = self.by_id[same_card]
            if fold(current.name) == fold(candidate.name) or agreement(current, candidate, emails):
                return Match(same_card)
            similar.append((same_card, "id"))
        same_id = self.by_id.get(candidate.id)
        if same_id is not None:
            if fold(same_id.name) == fold(candidate.name) or agreement(same_id, candidate, emails):
                return Match(candidate.id)
            similar.append((candidate.id, "id"))
        url = url_key(candidate.url) if candidate.url else ""
        if url and url in self._url:
            return Match(self._url[url])
        for key in _keys(candidate, emails):
            found = self._email.get(key)
            if found is None or found == candidate.id:
                continue
            if disagreement(self.by_id[found], candidate, emails) != "url":
                return Match(found)
            similar.append((found, "url"))  # one address, two profiles: a family's, maybe
        same_name = [cid for cid in self._name.get(fold(candidate.name), ()) if cid != candidate.id]
        sharing = [
            cid
            for cid in same_name
            if agreement(self.by_id[cid], candidate, emails)
            and disagreement(self.by_id[cid], candidate, emails) is None
        ]
        if len(sharing) == 1:  # of several of that name, the one with this phone
            return Match(sharing[0])
        if len(same_name) == 1:
            reason = disagreement(self.by_id[same_name[0]], candidate, emails)
            if reason is None:
                return Match(same_name[0])
            similar.append((same_name[0], reason))
        else:
            similar.extend((cid, "name") for cid in same_name)
        return Match(None, tuple(dict.fromkeys(similar)))

    def find(self, candidate: Contact, emails: Iterable[str] = ()) -> str | None:
        """The id of the contact this record is (see `match`), or None."""
        return self.match(candidate, emails).id

    def named(self, name: str) -> list[str]:
        return list(self._name.get(fold(name), ()))


_TEXT_FIELDS = ("company", "role", "email", "phone", "url", "notes", "birthday", "surname")
# Fields compared when a record matches a contact: a value that differs is reported.
_COMPARED = ("company", "role", "notes", "birthday", "circle", "cadence_days")


def fill_empty(current: Contact, incoming: Contact) -> Contact:
    """`current` with the fields it lacks taken from `incoming`; nothing set is overwritten.

    Tags are the union (the user's first). The lines of the card `incoming` came
    from are taken when `current` has no card or the same one. Name, archived and the familiar form
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
    if incoming.card_uid and (
        not current.card_uid
        or (
            current.card_uid == incoming.card_uid
            and (
                current.card_version != incoming.card_version
                or card_lines.verbatim(current.card_extra)
                != card_lines.verbatim(incoming.card_extra)
            )
        )
    ):
        # What only the card says is the card's: the newer card's lines are kept.
        for name in ("card_uid", "card_version", "card_extra"):
            if getattr(current, name) != getattr(incoming, name):
                changes[name] = getattr(incoming, name)
    if not changes:
        return current
    merged = card_lines.refreshed(replace(current, **changes))
    return current if merged == current else merged


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def differences(
    current: Contact, incoming: Contact, emails: Iterable[str] = ()
) -> list[tuple[str, str, str]]:
    """(field, the file's value, the contact's value) for each field both have and
    that differ: what `fill_empty` keeps as the user has it, to be reported."""
    found: list[tuple[str, str, str]] = []
    if fold(current.name) != fold(incoming.name):
        found.append(("name", incoming.name, current.name))
    for name in _COMPARED:
        ours, theirs = getattr(current, name), getattr(incoming, name)
        if ours in (None, "") or theirs in (None, ""):
            continue
        if isinstance(ours, str) and _same_text(ours, theirs):
            continue
        if ours != theirs:
            found.append((name, str(theirs), str(ours)))
    wanted = [e for e in dict.fromkeys((incoming.email, *emails)) if e.strip()]
    if current.email and wanted and email_key(current.email) not in map(email_key, wanted):
        found.append(("email", wanted[0], current.email))
    if current.phone and incoming.phone and phone_key(current.phone) != phone_key(incoming.phone):
        found.append(("phone", incoming.phone, current.phone))
    if current.url and incoming.url and url_key(current.url) != url_key(incoming.url):
        found.append(("url", incoming.url, current.url))
    return found


# --- names ---------------------------------------------------------------------------

# Words that start a surname ("Charles de Gaulle", "Ludwig van Beethoven").
_PARTICLES = frozenset(
    {"da", "das", "de", "del", "della", "der", "des", "di", "do", "dos", "du", "el", "la"}
    | {"le", "lo", "ten", "ter", "van", "von", "zu"}
)
_PREFIXES = frozenset({"dr", "dr.", "m.", "mme", "mme.", "mlle", "mlle.", "mr", "mr.", "mrs"})
_PREFIXES |= {"mrs.", "ms", "ms.", "pr.", "prof", "prof."}
_SUFFIXES = frozenset({"esq", "esq.", "ii", "iii", "iv", "jr", "jr.", "md", "mba", "msc"})
_SUFFIXES |= {"ph.d.", "phd", "sr", "sr.", "dds"}


@dataclass(frozen=True)
class NameParts:
    """A full name cut as vCard's `N` wants it (family; given; additional; prefix; suffix)."""

    family: str
    given: str
    prefix: str = ""
    suffix: str = ""


def split_name(name: str, surname: str = "") -> NameParts:
    """The parts of `name`, with `surname` as its family name when the name still holds it.

    Otherwise a guess: a known title before the name is a prefix ("Dr."), a known
    suffix after a comma is one ("PhD"), and the surname starts at a particle
    ("de", "van") or is the last word.
    """
    text = " ".join(name.split())
    suffix = ""
    main, comma, rest = text.rpartition(",")
    if comma and rest.strip().casefold() in _SUFFIXES and main.strip():
        text, suffix = main.strip(), rest.strip()
    words = text.split(" ") if text else []
    prefix = ""
    if len(words) > 2 and words[0].casefold() in _PREFIXES:
        prefix, words = words[0], words[1:]
    if len(words) < 2:
        return NameParts(" ".join(words), "", prefix, suffix)
    key = [fold(w) for w in surname.split()]
    if key and len(key) < len(words):
        folded = [fold(w) for w in words]
        for start in range(len(words) - len(key), -1, -1):
            end = start + len(key)
            if folded[start:end] != key:
                continue
            if start == 0:  # family name first ("Wang Xiaoming")
                return NameParts(" ".join(words[:end]), " ".join(words[end:]), prefix, suffix)
            tail = " ".join(words[end:])
            return NameParts(
                " ".join(words[start:end]),
                " ".join(words[:start]),
                prefix,
                ", ".join(t for t in (tail, suffix) if t),
            )
    start = next(
        (i for i in range(1, len(words) - 1) if words[i].casefold() in _PARTICLES),
        len(words) - 1,
    )
    return NameParts(" ".join(words[start:]), " ".join(words[:start]), prefix, suffix)


def source_surname(name: str, family: str) -> str:
    """The surname a file gave, to keep when the guess from the name would get it wrong.

    Empty when the name does not hold it, or when `split_name` finds it anyway:
    only the surnames a guess cannot find are stored.
    """
    family = " ".join(family.split())
    if not family:
        return ""
    parts = split_name(name, family)
    if fold(parts.family) != fold(family) or fold(split_name(name).family) == fold(family):
        return ""
    return family
