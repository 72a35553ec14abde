"""vCard 2.1, 3.0 and 4.0: phones, Google Contacts, Apple Contacts, Outlook.

Reading: the file is cut into cards by scanning its `BEGIN:VCARD` and
`END:VCARD` lines, and each card is parsed by `vobject` on its own, so a broken
card is reported with its number and line and the others still read. Writing
is done here (escaping and folding per RFC 6350) so that 4.0 comes out as 4.0.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, Literal

import vobject
from vobject.base import ParseError, parseLine

from reseau_tui import __version__
from reseau_tui.domain.models import Contact
from reseau_tui.io.common import (
    NO_YEAR,
    Draft,
    ParseResult,
    Problem,
    Progress,
    parse_birthday,
    parse_flag,
)

Version = Literal["3.0", "4.0"]
GOOGLE_SYSTEM_GROUPS = frozenset({"myContacts"})  # every Google contact is in it: not a tag
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PARAMS_QP = re.compile(r"^[^:]*QUOTED-PRINTABLE[^:]*:", re.IGNORECASE)
_VOBJECT_LINE = re.compile(r"^At line \d+: ")
_SNIPPET = 60


@dataclass
class _Card:
    number: int
    start: int  # line of BEGIN:VCARD
    lines: list[tuple[int, str]] = field(default_factory=list)


def parse_vcards(text: str, tz: tzinfo, progress: Progress | None = None) -> ParseResult:
    """Every card of the file, or the problem that kept one from being read."""
    result = ParseResult("card")
    cards: list[_Card] = []
    current: _Card | None = None
    number = 0
    for lineno, line in enumerate(_LINE_BREAK.split(text), start=1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if current is not None:
                result.problems.append(_never_closed(current))
            number += 1
            current = _Card(number, lineno, [(lineno, line)])
        elif marker == "END:VCARD":
            if current is None:
                result.problems.append(
                    Problem("END:VCARD without a BEGIN:VCARD before it", line=lineno, unit="card")
                )
                continue
            current.lines.append((lineno, line))
            cards.append(current)
            current = None
        elif current is not None:
            current.lines.append((lineno, line))
        elif line.strip():
            result.problems.append(
                Problem(
                    "text outside any card: {text}",
                    {"text": _snippet(line)},
                    line=lineno,
                    unit="card",
                )
            )
    if current is not None:
        result.problems.append(_never_closed(current))
    result.total = number
    if number == 0 and not result.problems:
        result.problems.append(Problem("no vCard in this file (no BEGIN:VCARD line)", fatal=True))
    for i, card in enumerate(cards):
        if progress is not None and i % 100 == 0:
            progress("reading", i, len(cards))
        _read_card(card, tz, result)
    if progress is not None:
        progress("reading", len(cards), len(cards))
    result.problems.sort(key=lambda p: p.line or 0)
    return result


def _never_closed(card: _Card) -> Problem:
    return Problem(
        "the card is never closed (no END:VCARD)",
        line=card.start,
        unit="card",
        number=card.number,
        name=_guess_name(card),
    )


def _snippet(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def _logical_lines(card: _Card) -> list[tuple[int, str]]:
    """Unfolded lines with the line each starts on (folding and quoted-printable soft breaks)."""
    out: list[tuple[int, str]] = []
    for lineno, line in card.lines:
        if out and line[:1] in (" ", "\t"):
            out[-1] = (out[-1][0], out[-1][1] + line[1:])
        elif out and out[-1][1].endswith("=") and _PARAMS_QP.match(out[-1][1]):
            out[-1] = (out[-1][0], out[-1][1][:-1] + line)
        else:
            out.append((lineno, line))
    return out


def _guess_name(card: _Card) -> str:
    for _lineno, line in _logical_lines(card):
        name, sep, value = line.partition(":")
        if sep and name.split(";")[0].split(".")[-1].strip().upper() == "FN":
            return value.replace("\\,", ",").replace("\\;", ";").strip()
    return ""


def _read_card(card: _Card, tz: tzinfo, result: ParseResult) -> None:
    text = "\r\n".join(line for _n, line in card.lines) + "\r\n"
    try:
        component = vobject.readOne(text, allowQP=True)
        draft, warnings = _draft(component, card, tz)
    except Exception as exc:  # vobject raises many kinds; a card it cannot read is reported
        result.problems.append(_unreadable(card, exc))
        return
    result.problems.extend(warnings)
    if draft is None:
        result.nameless += 1
    else:
        result.drafts.append(draft)


def _unreadable(card: _Card, exc: Exception) -> Problem:
    """Where vobject failed: the first line it cannot parse, else the card as a whole."""
    for lineno, line in _logical_lines(card)[1:]:
        if line.strip().upper() == "END:VCARD":
            break
        try:
            parseLine(line)
        except ParseError:
            return Problem(
                "cannot read this line: {text}",
                {"text": _snippet(line)},
                line=lineno,
                unit="card",
                number=card.number,
                name=_guess_name(card),
            )
    reason = _VOBJECT_LINE.sub("", str(exc)) or type(exc).__name__
    return Problem(
        "the card cannot be read ({reason})",
        {"reason": _snippet(reason)},
        line=card.start,
        unit="card",
        number=card.number,
        name=_guess_name(card),
    )


# --- from a parsed card to a draft ---------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(t for t in (_text(v) for v in value) if t)
    return ""


def _params(line: Any, name: str) -> list[str]:
    values: list[str] = []
    for key, items in line.params.items():
        if key.upper() == name:
            values.extend(str(v) for v in items)
    if name == "TYPE":
        values.extend(str(v) for v in getattr(line, "singletonparams", ()))
    return [v.casefold() for v in values]


def _preferred(lines: list[Any]) -> list[Any]:
    """Lines with the preferred one (TYPE=pref, PREF=1) first."""
    return sorted(lines, key=lambda ln: not ("pref" in _params(ln, "TYPE") or _params(ln, "PREF")))


def _unescape_uri(value: str) -> str:
    """Google escapes `:` in links (`https\\://`), which vobject leaves as it is."""
    return re.sub(r"\\([:,;\\])", r"\1", value)


def _name_of(lines: dict[str, list[Any]]) -> str:
    for ln in lines.get("FN", ()):
        if _text(ln.value).strip():
            return _text(ln.value)
    for ln in lines.get("N", ()):
        n = ln.value
        parts = [getattr(n, k, "") for k in ("prefix", "given", "additional", "family", "suffix")]
        name = " ".join(t for t in (_text(p).strip() for p in parts) if t)
        if name:
            return name
    for ln in lines.get("ORG", ()):
        if _text(ln.value).strip():
            return _text(ln.value)
    return ""


def _draft(component: Any, card: _Card, tz: tzinfo) -> tuple[Draft | None, list[Problem]]:
    lines: dict[str, list[Any]] = {}
    labels: dict[str, str] = {}
    for child in component.getChildren():
        lines.setdefault(child.name.upper(), []).append(child)
        if child.name.upper() == "X-ABLABEL" and child.group:
            labels[child.group.casefold()] = _text(child.value).casefold()
    name = _name_of(lines)
    warnings: list[Problem] = []

    def warn(field_name: str, template: str, **values: object) -> None:
        warnings.append(
            Problem(
                template,
                values,
                line=card.start,
                unit="card",
                number=card.number,
                name=name,
                field=field_name,
                blocking=False,
            )
        )

    if not name.strip():
        return None, warnings
    fields: dict[str, Any] = {}
    org = [ln for ln in lines.get("ORG", ()) if _text(ln.value).strip()]
    if org:
        value = org[0].value
        parts = value if isinstance(value, list) else [value]
        fields["company"] = ", ".join(t for t in (_text(p).strip() for p in parts) if t)
    for key in ("TITLE", "ROLE"):
        found = [_text(ln.value) for ln in lines.get(key, ()) if _text(ln.value).strip()]
        if found:
            fields["role"] = found[0]
            break
    emails = [_text(ln.value).strip() for ln in _preferred(lines.get("EMAIL", []))]
    emails = [e for e in emails if e]
    if emails:
        fields["email"] = emails[0]
    phones = [_text(ln.value).strip() for ln in _preferred(lines.get("TEL", []))]
    phones = [re.sub(r"^tel:", "", p, flags=re.IGNORECASE) for p in phones if p]
    if phones:
        fields["phone"] = phones[0]
    url = _profile_url(lines, labels)
    if url:
        fields["url"] = url
    notes = [_text(ln.value) for ln in lines.get("NOTE", ()) if _text(ln.value).strip()]
    if notes:
        fields["notes"] = "\n\n".join(notes)
    tags: list[str] = []
    for ln in lines.get("CATEGORIES", ()):
        values = ln.value if isinstance(ln.value, list) else [ln.value]
        tags.extend(t for t in (_text(v) for v in values) if t and t not in GOOGLE_SYSTEM_GROUPS)
    if tags:
        fields["tags"] = tuple(tags)
    for ln in lines.get("BDAY", ())[:1]:
        raw = _text(ln.value)
        omit = _params(ln, "X-APPLE-OMIT-YEAR")
        if omit and raw.startswith(omit[0]):
            raw = NO_YEAR + raw[len(omit[0]) :]
        birthday = parse_birthday(raw)
        if birthday is None:
            warn("birthday", "{value!r} is not a date; left empty", value=raw)
        elif birthday:
            fields["birthday"] = birthday
    _own_fields(lines, fields, warn, tz)
    introducer = ""
    for ln in lines.get("RELATED", ()):
        if "met" in _params(ln, "TYPE") and _text(ln.value).strip():
            introducer = _text(ln.value).strip()
            break
    if not introducer:
        related = [_text(ln.value).strip() for ln in lines.get("X-ABRELATEDNAMES", ())]
        introducer = next((r for r in related if r), "")
    uid = next((_text(ln.value).strip() for ln in lines.get("UID", ())), "")
    uid = re.sub(r"^urn:uuid:", "", uid, flags=re.IGNORECASE)
    draft = Draft(
        card.start, card.number, name, fields, tuple(emails), introducer=introducer, uid=uid
    )
    return draft, warnings


def _profile_url(lines: dict[str, list[Any]], labels: Mapping[str, str]) -> str:
    """The LinkedIn profile if there is one, else another social profile, else a link."""
    social = [ln for ln in lines.get("X-SOCIALPROFILE", ()) if _text(ln.value).strip()]
    urls = [ln for ln in lines.get("URL", ()) if _text(ln.value).strip()]

    def linkedin(ln: Any) -> bool:
        label = labels.get((ln.group or "").casefold(), "")
        return (
            "linkedin" in _params(ln, "TYPE")
            or "linkedin" in label
            or "linkedin." in _text(ln.value).casefold()
        )

    for group in ([ln for ln in social + urls if linkedin(ln)], social, urls):
        if group:
            return _unescape_uri(_text(group[0].value).strip())
    return ""


def _own_fields(lines: dict[str, list[Any]], fields: dict[str, Any], warn: Any, tz: tzinfo) -> None:
    """What reseau itself writes as X-RESEAU-* so its own export reads back whole."""

    def value(key: str) -> str:
        found = lines.get(key, ())
        return _text(found[0].value).strip() if found else ""

    if circle := value("X-RESEAU-CIRCLE"):
        fields["circle"] = circle
    if cadence := value("X-RESEAU-CADENCE"):
        if cadence.isdecimal():
            fields["cadence_days"] = int(cadence)
        else:
            warn("cadence", "{value!r} is not a number of days; left empty", value=cadence)
    if connected := value("X-RESEAU-CONNECTED"):
        try:
            moment = datetime.fromisoformat(connected)
            fields["connected"] = moment if moment.tzinfo else moment.replace(tzinfo=tz)
        except ValueError:
            warn("connected", "{value!r} is not a date; left empty", value=connected)
    for key, name in (("X-RESEAU-ARCHIVED", "archived"), ("X-RESEAU-FAMILIAR", "familiar")):
        flag = parse_flag(value(key))
        if flag:
            fields[name] = True


# --- writing ---------------------------------------------------------------------------


def escape(text: str) -> str:
    """A text value as vCard writes it: backslash, line breaks, comma and semicolon escaped."""
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def fold_line(line: str, limit: int = 75) -> str:
    """A content line cut into 75-octet pieces, never inside a UTF-8 character."""
    if len(line) * 4 <= limit or len(line.encode("utf-8")) <= limit:
        return line + "\r\n"
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += n
    pieces.append("".join(current))
    return "\r\n".join(pieces) + "\r\n"


def _uid(contact_id: str) -> str:
    try:
        return f"urn:uuid:{uuid.UUID(contact_id)}"
    except ValueError:
        return escape(contact_id)


def _split_name(name: str) -> str:
    """N (family;given;;;) for address books that sort by it; FN stays the name as typed."""
    words = name.split()
    if len(words) < 2:
        return f"{escape(name)};;;;"
    return f"{escape(words[-1])};{escape(' '.join(words[:-1]))};;;"


def write_vcards(
    contacts: Iterable[Contact], introducers: Mapping[str, str], version: Version = "4.0"
) -> str:
    """One vCard per contact; `introducers` maps a contact id to its introducer's name."""
    out: list[str] = []
    for c in contacts:
        props = [
            "BEGIN:VCARD",
            f"VERSION:{version}",
            f"PRODID:-//reseau//reseau {__version__}//EN",
            f"UID:{_uid(c.id)}",
            f"FN:{escape(c.name)}",
            f"N:{_split_name(c.name)}",
        ]
        if c.company:
            props.append(f"ORG:{escape(c.company)}")
        if c.role:
            props.append(f"TITLE:{escape(c.role)}")
        if c.email:
            props.append(f"EMAIL:{escape(c.email)}")
        if c.phone:
            kind = ";VALUE=text" if version == "4.0" else ""
            props.append(f"TEL{kind}:{escape(c.phone)}")
        if c.url:
            props.append(f"URL:{escape(c.url)}")
        if c.tags:
            props.append("CATEGORIES:" + ",".join(escape(t) for t in c.tags))
        if c.notes:
            props.append(f"NOTE:{escape(c.notes)}")
        if c.birthday:
            props.append(_birthday(c.birthday, version))
        introducer = introducers.get(c.introduced_by or "")
        if introducer:
            if version == "4.0":
                props.append(f"RELATED;TYPE=met;VALUE=text:{escape(introducer)}")
            else:
                props.append(f"item1.X-ABRELATEDNAMES:{escape(introducer)}")
                props.append("item1.X-ABLabel:introduced by")
        if c.circle:
            props.append(f"X-RESEAU-CIRCLE:{escape(c.circle)}")
        if c.cadence_days is not None:
            props.append(f"X-RESEAU-CADENCE:{c.cadence_days}")
        if c.connected:
            props.append(f"X-RESEAU-CONNECTED:{escape(c.connected.isoformat())}")
        if c.archived:
            props.append("X-RESEAU-ARCHIVED:true")
        if c.familiar:
            props.append("X-RESEAU-FAMILIAR:true")
        props.append("END:VCARD")
        out.extend(fold_line(p) for p in props)
    return "".join(out)


def _birthday(birthday: str, version: Version) -> str:
    """4.0 writes `--MMDD` for a year-less birthday; 3.0 readers expect Apple's year 1604."""
    if birthday.startswith("--"):
        month_day = escape(birthday[2:])
        if version == "4.0":
            return f"BDAY:--{month_day.replace('-', '')}"
        return f"BDAY;X-APPLE-OMIT-YEAR={NO_YEAR}:{NO_YEAR}-{month_day}"
    if version == "4.0":
        return f"BDAY:{escape(birthday).replace('-', '')}"
    return f"BDAY:{escape(birthday)}"
