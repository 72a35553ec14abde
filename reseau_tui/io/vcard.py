"""vCard 2.1, 3.0 and 4.0: phones, Google Contacts, Apple Contacts, Outlook.

Reading: the file is cut into cards by scanning its `BEGIN:VCARD` and
`END:VCARD` lines, and each card is read line by line (`vobject` cuts one
content line into its parts), so a broken card is reported with its number and
line and the others still read. Within a card, a line that cannot be read (a
property name no standard allows, a charset nobody knows) is skipped and
reported, and the card is kept.

What the card says beyond the fields reseau models (a nickname, a second email,
an address, a photo, `X-` properties) is kept with the contact, line by line
and verbatim, with its UID as written and its version (`io.card_lines`), so
that writing the card back (`io.vcard_write`) loses none of it.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from typing import Any, NamedTuple

from vobject.base import textLineToContentLine

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import Contact, validated_contact
from reseau_tui.io import card_lines
from reseau_tui.io.card_lines import GOOGLE_SYSTEM_GROUPS
from reseau_tui.io.common import (
    FALLBACK_ENCODING,
    NO_YEAR,
    Draft,
    ParseResult,
    Problem,
    Progress,
    parse_birthday,
    parse_flag,
    source_surname,
)
from reseau_tui.io.vcard_write import INTRODUCED_BY, Version, escape, fold_line, write_vcards

__all__ = ["Version", "declared_charset", "escape", "fold_line", "parse_vcards", "write_vcards"]
# `\r\r\n` (as some phones write) is one line end, not a blank line between two lines.
_LINE_BREAK = re.compile(r"\r*\n|\r")
_PARAMS_QP = re.compile(r"^[^:]*QUOTED-PRINTABLE[^:]*:", re.IGNORECASE)
_CHARSET = re.compile(rb";\s*CHARSET=\"?([A-Za-z0-9_.-]+)", re.IGNORECASE)
_SNIPPET = 60


@dataclass
class _Card:
    number: int
    start: int  # line of BEGIN:VCARD
    lines: list[tuple[int, str]] = field(default_factory=list)


def declared_charset(data: bytes) -> str:
    """The first encoding other than UTF-8 the file's lines declare (`CHARSET=`), if any."""
    for m in _CHARSET.finditer(data):
        name = m.group(1).decode("ascii")
        if name.replace("_", "-").casefold() not in ("utf-8", "utf8"):
            return name
    return ""


def parse_vcards(
    text: str, tz: tzinfo, progress: Progress | None = None, charset: str = ""
) -> ParseResult:
    """Every card of the file, or the problem that kept one from being read.

    `charset`: how to read quoted-printable values that declare no `CHARSET`
    and are not UTF-8 (by default Windows-1252, as Outlook writes them).
    """
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
        _read_card(card, tz, result, charset or FALLBACK_ENCODING)
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


def _logical_lines(card: _Card) -> list[tuple[int, str, str]]:
    """Unfolded lines with the line each starts on (folding and quoted-printable soft breaks),
    and each as written, folded as it was (its pieces joined by CRLF).

    Blank lines carry nothing and are left out.
    """
    out: list[tuple[int, str, str]] = []
    for lineno, line in card.lines:
        if not line.strip():
            continue
        if out and line[:1] in (" ", "\t"):
            start, logical, written = out[-1]
            out[-1] = (start, logical + line[1:], f"{written}\r\n{line}")
        elif out and out[-1][1].endswith("=") and _PARAMS_QP.match(out[-1][1]):
            start, logical, _written = out[-1]
            out[-1] = (start, logical[:-1] + line, logical[:-1] + line)
        else:
            out.append((lineno, line, line))
    return out


def _property(line: str) -> str:
    """The property a content line sets: `item1.EMAIL;TYPE=work:...` sets EMAIL."""
    return line.partition(":")[0].split(";")[0].split(".")[-1].strip().upper()


class _Name(NamedTuple):
    family: str
    given: str
    additional: str
    prefix: str
    suffix: str


@dataclass
class _Line:
    """One property of a card, its value unescaped: `N` as its parts, `ORG` and
    `CATEGORIES` as lists of their units."""

    name: str
    group: str | None
    params: dict[str, list[str]]
    singletonparams: list[str]
    value: Any
    raw: str = ""  # the line as the card wrote it, folded as it was


def _parsed(line: str, charset: str = FALLBACK_ENCODING) -> _Line | None:
    """One content line read (quoted-printable undone, in its charset), or None.

    vobject cuts the line into name, parameters and value; the value is unescaped
    here, not by vobject, which keeps only what comes before the first comma left
    unescaped ("FN:Adolfo De Unánue, PhD", as vCard 2.1 and many writers have it).
    """
    for candidate in (line, _with_charset(line, charset)):
        if candidate is None:
            continue
        try:
            content = textLineToContentLine(candidate)
            raw = content.value
        except Exception:  # vobject raises many kinds; tried another way, or skipped
            continue
        if not isinstance(raw, str):
            return None
        name = content.name.upper()
        return _Line(
            name,
            content.group,
            content.params,
            list(content.singletonparams),
            _value(name, raw),
            line,
        )
    return None


def _value(name: str, raw: str) -> Any:
    if name == "N":
        parts = [_unescape(p) for p in card_lines.split_values(raw, ";")]
        return _Name(*(parts + [""] * 5)[:5])
    if name == "ORG":
        return [_unescape(p) for p in card_lines.split_values(raw, ";")]
    if name == "CATEGORIES":
        return [_unescape(p) for p in card_lines.split_values(raw, ",")]
    return _unescape(raw)


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _unescape(text: str) -> str:
    """`\\n` is a line break, `\\,` a comma, `\\;` a semicolon, `\\\\` a backslash
    (Google also writes `\\:` in links)."""
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _with_charset(line: str, charset: str) -> str | None:
    """A quoted-printable line that declares no CHARSET, declaring `charset` if its bytes
    are not UTF-8 (Outlook writes them in Windows-1252 without saying so); else None."""
    params, sep, value = line.partition(":")
    if not sep or not _PARAMS_QP.match(line) or "CHARSET=" in params.upper():
        return None
    try:
        quopri.decodestring(value.encode("utf-8")).decode("utf-8")
    except UnicodeDecodeError:
        return f"{params};CHARSET={charset}:{value}"
    return None


def _guess_name(card: _Card) -> str:
    """The card's name for a message about it, read line by line (the card as a whole
    may be what cannot be read)."""
    lines: dict[str, list[Any]] = {}
    for _lineno, line, _written in _logical_lines(card):
        if _property(line) in ("FN", "N", "ORG", "EMAIL") and (parsed := _parsed(line)):
            lines.setdefault(parsed.name, []).append(parsed)
    return _name_of(lines) or next((ln.value for ln in lines.get("EMAIL", ())), "")


def _read_card(card: _Card, tz: tzinfo, result: ParseResult, charset: str) -> None:
    """The card's lines read one by one: one that cannot be read is skipped and reported."""
    children: list[_Line] = []
    skipped: list[Problem] = []
    for lineno, line, written in _logical_lines(card)[1:-1]:  # within BEGIN and END:VCARD
        parsed = _parsed(line, charset)
        if parsed is not None:
            children.append(replace(parsed, raw=written))
            continue
        skipped.append(
            Problem(
                "skipped a line that cannot be read: {text}",
                {"text": _snippet(line)},
                line=lineno,
                unit="card",
                number=card.number,
                blocking=False,
            )
        )
    try:
        draft, warnings = _draft(children, card, tz)
    except Exception as exc:  # a value in a shape not foreseen: the card is reported
        result.problems.append(_unreadable(card, exc))
        return
    name = draft.name if draft is not None else _guess_name(card)
    result.problems.extend(replace(p, name=name) for p in skipped)
    result.skipped_lines += len(skipped)
    result.problems.extend(warnings)
    if draft is None:
        result.nameless += 1
    else:
        result.drafts.append(draft)


def _unreadable(card: _Card, exc: Exception) -> Problem:
    reason = str(exc) or type(exc).__name__
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
        if _org(ln.value):
            return _org(ln.value)
    return ""


def _org(value: Any) -> str:
    """ORG's units joined with ", ": a comma left unescaped (as vCard 2.1 writes
    "Company, The") is part of the name, not a cut between two units."""
    parts = value if isinstance(value, list) else [value]
    units = (",".join(p) if isinstance(p, list) else _text(p) for p in parts)
    return ", ".join(t for t in (u.strip() for u in units) if t)


def _surname(lines: dict[str, list[Any]], name: str) -> str:
    """The family name of the card's `N`, when a guess from the name would miss it."""
    for ln in lines.get("N", ()):
        family = _text(getattr(ln.value, "family", ""))
        if family.strip():
            return source_surname(name, family)
    return ""


def _draft(children: list[_Line], card: _Card, tz: tzinfo) -> tuple[Draft | None, list[Problem]]:
    lines: dict[str, list[Any]] = {}
    labels: dict[str, str] = {}
    version = ""
    for child in children:
        key = child.name.upper()
        if key == "VERSION":
            version = _text(child.value).strip()
            continue
        lines.setdefault(key, []).append(child)
        if key == "X-ABLABEL" and child.group:
            labels[child.group.casefold()] = _text(child.value).casefold()
    name = _name_of(lines)
    emails = [_text(ln.value).strip() for ln in _preferred(lines.get("EMAIL", []))]
    emails = [e for e in emails if e]
    if not name.strip() and emails:
        name = emails[0]  # a card with an address and no name: the address says who it is
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
    roles: dict[int, str] = {}  # id of a line -> the role it plays (`card_lines.ROLES`)

    def first(key: str, role: str, pick: Any = None) -> Any:
        """The first line of `key` with a value (of `pick`, else the text), marked `role`."""
        for ln in _preferred(lines.get(key, [])) if key in ("EMAIL", "TEL") else lines.get(key, ()):
            value = pick(ln) if pick else _text(ln.value).strip()
            if value:
                roles[id(ln)] = role
                return value
        return ""

    first("FN", "fn", lambda ln: _text(ln.value) if _text(ln.value).strip() else "")
    for ln in lines.get("N", ())[:1]:
        roles[id(ln)] = "n"
    if company := first("ORG", "org", lambda ln: _org(ln.value)):
        fields["company"] = company
    if surname := _surname(lines, name):
        fields["surname"] = surname
    for key in ("TITLE", "ROLE"):
        if role := first(
            key, "title", lambda ln: _text(ln.value) if _text(ln.value).strip() else ""
        ):
            fields["role"] = role
            break
    if emails:
        fields["email"] = first("EMAIL", "email")
    phone = first("TEL", "tel")
    if phone:
        fields["phone"] = re.sub(r"^tel:", "", phone, flags=re.IGNORECASE)
    url_line = _profile_line(lines, labels)
    if url_line is not None:
        fields["url"] = _text(url_line.value).strip()
        roles[id(url_line)] = "url"
    notes = [ln for ln in lines.get("NOTE", ()) if _text(ln.value).strip()]
    if notes:
        fields["notes"] = "\n\n".join(_text(ln.value) for ln in notes)
        roles.update((id(ln), "note") for ln in notes)
    tags: list[str] = []
    for ln in lines.get("CATEGORIES", ()):
        values = ln.value if isinstance(ln.value, list) else [ln.value]
        tags.extend(t for t in (_text(v) for v in values) if t and t not in GOOGLE_SYSTEM_GROUPS)
        roles[id(ln)] = "categories"
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
            roles[id(ln)] = "bday"
    _own_fields(lines, fields, warn, tz, roles)
    introducer = _introducer(lines, labels)
    uid_line = next(iter(lines.get("UID", ())), None)
    uid = _text(uid_line.value).strip() if uid_line is not None else ""
    if uid_line is not None and uid:
        fields["card_uid"] = card_lines.value_part(uid_line.raw)
        roles[id(uid_line)] = "uid"
    uid = re.sub(r"^urn:uuid:", "", uid, flags=re.IGNORECASE)
    kept = _kept_lines(children, roles, fields, name, version)
    if kept is not None:
        fields["card_version"], fields["card_extra"] = kept
    draft = Draft(
        card.start, card.number, name, fields, tuple(emails), introducer=introducer, uid=uid
    )
    return draft, warnings


def _introducer(lines: dict[str, list[Any]], labels: Mapping[str, str]) -> str:
    """Who introduced the person: `RELATED;TYPE=met` (4.0), else the related name labelled
    "introduced by" (as reseau writes 3.0), else Apple's first related name."""
    for ln in lines.get("RELATED", ()):
        if "met" in _params(ln, "TYPE") and _text(ln.value).strip():
            return str(_text(ln.value).strip())
    related = [ln for ln in lines.get("X-ABRELATEDNAMES", ()) if _text(ln.value).strip()]
    for ln in related:
        if labels.get((ln.group or "").casefold()) == INTRODUCED_BY:
            return str(_text(ln.value).strip())
    return str(_text(related[0].value).strip()) if related else ""


# Parameters of vCard 2.1 that a 3.0 card cannot hold as they are.
_OLD_PARAMS = re.compile(r";\s*(ENCODING|CHARSET)=|;\s*QUOTED-PRINTABLE\b", re.IGNORECASE)
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _introduction(ln: _Line, labels: Mapping[str, str]) -> bool:
    """Whether a line is one reseau writes to name the introducer."""
    key = ln.name.upper()
    if key == "RELATED":
        return "met" in _params(ln, "TYPE")
    if key in ("X-ABRELATEDNAMES", "X-ABLABEL"):
        return labels.get((ln.group or "").casefold()) == INTRODUCED_BY
    return False


def _kept_lines(
    children: list[_Line],
    roles: Mapping[int, str],
    fields: Mapping[str, Any],
    name: str,
    version: str,
) -> tuple[str, tuple[str, ...]] | None:
    """The card's version and lines to keep with the contact (`io.card_lines`), or None
    for a card reseau wrote with nothing more in it, which reseau writes the same again.

    A vCard 2.1 is kept as 3.0: its lines in quoted-printable or another charset
    cannot be written back as they are, so only the others are kept, and the lines
    of the fields are written anew.
    """
    old = version not in ("3.0", "4.0")
    probe = Contact(id="", name=name, created=_EPOCH, **fields)
    with suppress(InvalidInput):  # as it will be stored, spaces around values gone
        probe = validated_contact(probe, [probe.circle] if probe.circle else ())
    kept: list[str] = []
    labels = {
        (ln.group or "").casefold(): _text(ln.value).casefold()
        for ln in children
        if ln.name.upper() == "X-ABLABEL"
    }
    own = others = False
    for ln in children:
        key = ln.name.upper()
        if key == "VERSION":
            continue
        role = roles.get(id(ln))
        if role is None:
            if old and _OLD_PARAMS.search(card_lines.name_part(ln.raw)):
                continue
            kept.append(ln.raw)
            if key == "PRODID" and _text(ln.value).startswith("-//reseau//"):
                own = True
            elif not _introduction(ln, labels):
                others = True
        elif not old:
            kept.append(card_lines.modelled(role, card_lines.value_of(probe, role), ln.raw))
    card_version = "" if version == "4.0" else "3.0"
    if own and not others:
        return None  # reseau's own card: written again the same from the fields
    return card_version, tuple(kept)


def _profile_line(lines: dict[str, list[Any]], labels: Mapping[str, str]) -> Any:
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
            return group[0]
    return None


def _own_fields(
    lines: dict[str, list[Any]],
    fields: dict[str, Any],
    warn: Any,
    tz: tzinfo,
    roles: dict[int, str],
) -> None:
    """What reseau itself writes as X-RESEAU-* so its own export reads back whole."""

    def value(key: str, role: str) -> str:
        for ln in lines.get(key, [])[:1]:
            text = str(_text(ln.value)).strip()
            if text:
                roles[id(ln)] = role
            return text
        return ""

    if circle := value("X-RESEAU-CIRCLE", "circle"):
        fields["circle"] = circle
    if cadence := value("X-RESEAU-CADENCE", "cadence"):
        if cadence.isdecimal():
            fields["cadence_days"] = int(cadence)
        else:
            warn("cadence", "{value!r} is not a number of days; left empty", value=cadence)
    if connected := value("X-RESEAU-CONNECTED", "connected"):
        try:
            moment = datetime.fromisoformat(connected)
            fields["connected"] = moment if moment.tzinfo else moment.replace(tzinfo=tz)
        except ValueError:
            warn("connected", "{value!r} is not a date; left empty", value=connected)
    for key, name in (("X-RESEAU-ARCHIVED", "archived"), ("X-RESEAU-FAMILIAR", "familiar")):
        flag = parse_flag(value(key, name))
        if flag:
            fields[name] = True
