"""Writing vCards 3.0 and 4.0: escaping and folding per RFC 6350, and the card a contact kept.

A contact made in reseau is written in reseau's own layout. A contact that came
from a card is written as that card: its version, its UID as written, and its
lines in their order (`io.card_lines`), each one as it was while its value is
unchanged; a value changed in reseau is written with the line's own name and
parameters, a field set only in reseau is added before `END:VCARD`. So an
unchanged contact gives the card it came from, byte for byte, in the line ends
and folding RFC 6350 asks for (CRLF, 75 octets).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

from reseau_tui import __version__
from reseau_tui.domain.models import Contact
from reseau_tui.domain.text import fold
from reseau_tui.io import card_lines
from reseau_tui.io.common import NO_YEAR, split_name

Version = Literal["3.0", "4.0"]
PRODID = f"-//reseau//reseau {__version__}//EN"
INTRODUCED_BY = "introduced by"  # the label of the 3.0 line naming the introducer


def escape(text: str) -> str:
    """A text value as vCard writes it: backslash, line breaks, comma and semicolon escaped."""
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


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


class Kept(str):
    """A line as the card wrote it: written back as it is, folded as it was or not at all."""

    __slots__ = ()


def card_uid(c: Contact) -> str:
    """The UID the contact's card has: as the card wrote it, else one from the contact's id."""
    if c.card_uid:
        return c.card_uid
    try:
        return f"urn:uuid:{uuid.UUID(c.id)}"
    except ValueError:
        return escape(c.id)


def _split_name(name: str, surname: str = "") -> str:
    """N (family;given;;prefix;suffix) for address books that sort by it; FN stays the
    name as typed. The surname an imported card gave is kept (see `split_name`)."""
    parts = split_name(name, surname)
    return ";".join(escape(p) for p in (parts.family, parts.given, "", parts.prefix, parts.suffix))


def _uri(value: str) -> str:
    """A link as vCard writes a URI: commas and semicolons as they are (readers keep
    the backslashes text escaping would add). A backslash or a line break, which no
    real link has, is still escaped, so the line stays one line and reads back."""
    text = value.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "\\n")


def _birthday_value(birthday: str, version: Version) -> str:
    """4.0 writes `--MMDD` for a year-less birthday; 3.0 readers expect Apple's year 1604."""
    if birthday.startswith("--"):
        month_day = escape(birthday[2:])
        return f"--{month_day.replace('-', '')}" if version == "4.0" else f"{NO_YEAR}-{month_day}"
    return escape(birthday).replace("-", "") if version == "4.0" else escape(birthday)


def _birthday(birthday: str, version: Version) -> str:
    if birthday.startswith("--") and version == "3.0":
        return f"BDAY;X-APPLE-OMIT-YEAR={NO_YEAR}:{_birthday_value(birthday, version)}"
    return f"BDAY:{_birthday_value(birthday, version)}"


def _flag(value: bool) -> str:
    return "true" if value else ""


# Each role's value as its line writes it (after the colon), for a given version.
_VALUES: dict[str, Callable[[Contact, Version], str]] = {
    "uid": lambda c, v: card_uid(c),
    "fn": lambda c, v: escape(c.name),
    "n": lambda c, v: _split_name(c.name, c.surname),
    "org": lambda c, v: escape(c.company),
    "title": lambda c, v: escape(c.role),
    "email": lambda c, v: escape(c.email),
    "tel": lambda c, v: escape(c.phone),
    "url": lambda c, v: _uri(c.url),
    "note": lambda c, v: escape(c.notes),
    "categories": lambda c, v: ",".join(escape(t) for t in c.tags),
    "bday": lambda c, v: _birthday_value(c.birthday, v),
    "circle": lambda c, v: escape(c.circle or ""),
    "cadence": lambda c, v: "" if c.cadence_days is None else str(c.cadence_days),
    "connected": lambda c, v: escape(c.connected.isoformat()) if c.connected else "",
    "archived": lambda c, v: _flag(c.archived),
    "familiar": lambda c, v: _flag(c.familiar),
}
# The line reseau writes for a role when the card has none.
_NAMES = {
    "uid": "UID",
    "fn": "FN",
    "n": "N",
    "org": "ORG",
    "title": "TITLE",
    "email": "EMAIL",
    "url": "URL",
    "categories": "CATEGORIES",
    "note": "NOTE",
    "circle": "X-RESEAU-CIRCLE",
    "cadence": "X-RESEAU-CADENCE",
    "connected": "X-RESEAU-CONNECTED",
    "archived": "X-RESEAU-ARCHIVED",
    "familiar": "X-RESEAU-FAMILIAR",
}
ORDER = (
    "uid",
    "fn",
    "n",
    "org",
    "title",
    "email",
    "tel",
    "url",
    "categories",
    "note",
    "bday",
    "circle",
    "cadence",
    "connected",
    "archived",
    "familiar",
)
# Roles whose line is written even when empty: a card needs them (N for 3.0 readers).
_ALWAYS = frozenset({"uid", "fn", "n"})


def _own_line(role: str, c: Contact, version: Version) -> str | None:
    """The line reseau writes for `role`, or None when the contact has nothing there."""
    if role not in _ALWAYS and card_lines.is_empty(card_lines.value_of(c, role)):
        return None
    if role == "tel":
        return f"TEL{';VALUE=text' if version == '4.0' else ''}:{escape(c.phone)}"
    if role == "bday":
        return _birthday(c.birthday, version)
    return f"{_NAMES[role]}:{_VALUES[role](c, version)}"


def _in_place(role: str, head: str, c: Contact, version: Version) -> str | None:
    """A changed value written with the card's own line name and parameters."""
    if role not in _ALWAYS and card_lines.is_empty(card_lines.value_of(c, role)):
        return None
    name, _sep, fixed = head.partition(":")
    params = name.upper()
    value = _VALUES[role](c, version)
    if role == "tel" and "VALUE=URI" in params:
        value = f"tel:{c.phone}"
    elif role == "categories" and fixed:
        value = ",".join(v for v in (fixed, value) if v)
    elif (
        role == "bday"
        and c.birthday.startswith("--")
        and version == "3.0"
        and "X-APPLE-OMIT-YEAR" not in params
    ):
        name += f";X-APPLE-OMIT-YEAR={NO_YEAR}"
    return f"{name}:{value}"


def _introducer_lines(introducer: str, version: Version, taken: set[str]) -> list[str]:
    if version == "4.0":
        return [f"RELATED;TYPE=met;VALUE=text:{escape(introducer)}"]
    group = next(f"item{n}" for n in range(1, len(taken) + 2) if f"item{n}" not in taken)
    return [
        f"{group}.X-ABRELATEDNAMES:{escape(introducer)}",
        f"{group}.X-ABLabel:{INTRODUCED_BY}",
    ]


def _is_met(line: str) -> bool:
    head = card_lines.name_part(line).upper()
    return card_lines.property_name(line) == "RELATED" and "MET" in head


def _names_introducer(line: str, introducer: str) -> bool:
    name = card_lines.property_name(line)
    if name not in ("RELATED", "X-ABRELATEDNAMES"):
        return False
    return fold(unescape(card_lines.value_part(line))) == fold(introducer)


def _groups(entries: Iterable[str]) -> set[str]:
    """The groups (`item1`) the card's lines use, so that a line added takes another."""
    found = set()
    for entry in entries:
        parts = card_lines.split(entry)
        name = card_lines.name_part(parts[2] if parts else entry).split(";")[0]
        if "." in name:
            found.add(name.split(".")[0].casefold())
    return found


def card_version(c: Contact, version: Version | None = None) -> Version:
    """The version to write: the one asked for, else the card's own (reseau's is 4.0)."""
    if version is not None:
        return version
    return "3.0" if c.card_version == "3.0" else "4.0"


def card(
    c: Contact, introducer: str = "", version: Version | None = None, *, add_uid: bool = True
) -> list[str]:
    """The content lines of the contact's card (unfolded, but for lines kept as they were
    folded), BEGIN to END. A card that came without a UID gets one only with `add_uid`."""
    v = card_version(c, version)
    lines = ["BEGIN:VCARD", f"VERSION:{v}"]
    if not c.card_extra:
        lines.append(f"PRODID:{PRODID}")
        for role in ORDER:
            if role == "circle" and introducer:
                lines.extend(_introducer_lines(introducer, v, set()))
            if (line := _own_line(role, c, v)) is not None:
                lines.append(line)
        lines.append("END:VCARD")
        return lines
    written: set[str] = set()
    named = False
    for entry in c.card_extra:
        parts = card_lines.split(entry)
        if parts is None:
            if introducer and _is_met(entry) and not named:
                line = f"{card_lines.name_part(entry)}:{escape(introducer)}"
                named = True
            else:
                line = Kept(entry)
                named = named or (bool(introducer) and _names_introducer(entry, introducer))
            lines.append(line)
            continue
        role, _print, raw = parts
        fresh = card_lines.current(c, entry)
        if role in written:
            if fresh:
                lines.append(Kept(raw))  # a second NOTE or CATEGORIES, as it was
            continue
        written.add(role)
        if fresh:
            lines.append(Kept(raw))
        elif (line := _in_place(role, card_lines.bare(role, raw), c, v)) is not None:
            lines.append(line)
    for role in ORDER:
        if role == "uid" and not add_uid:
            continue
        if role not in written and (line := _own_line(role, c, v)) is not None:
            lines.append(line)
    if introducer and not named:
        lines.extend(_introducer_lines(introducer, v, _groups(c.card_extra)))
    lines.append("END:VCARD")
    return lines


def write_card(
    c: Contact, introducer: str = "", version: Version | None = None, *, add_uid: bool = True
) -> str:
    """One card as text, folded, with CRLF line ends (a line kept folded stays as it was)."""
    return "".join(
        line + "\r\n" if isinstance(line, Kept) else fold_line(line)
        for line in card(c, introducer, version, add_uid=add_uid)
    )


def write_vcards(
    contacts: Iterable[Contact],
    introducers: Mapping[str, str],
    version: Version | None = None,
    *,
    add_uid: bool = True,
) -> str:
    """One vCard per contact; `introducers` maps a contact id to its introducer's name.

    `version`: every card in that version; None keeps each card's own (4.0 for
    contacts made in reseau). Without `add_uid`, a card that came without a UID
    is written without one, as it was.
    """
    return "".join(
        write_card(c, introducers.get(c.introduced_by or "", ""), version, add_uid=add_uid)
        for c in contacts
    )
