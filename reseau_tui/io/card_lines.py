"""The lines of a vCard that a contact keeps, so that writing the card back loses nothing.

A card from a phone, a server or khard says more than reseau models: a
nickname, a second email, an address, a photo, `X-` properties, labels. Those
lines are kept in `Contact.card_extra` exactly as they were written (unfolded)
and written back in their place.

A line is kept as it was folded, its pieces joined by CRLF and the space or
tab that starts the next: written back as it came, not folded again.

The lines reseau does model (the name, the first email, the company...) are
kept too, each with the role it plays and a fingerprint of the value it gave:

    tel|5f0c2a9e61d3|TEL;TYPE=CELL,VOICE,pref:06 98 76 54 32

While the contact's value is the one the line gave, the line is written back
as it was, byte for byte (its parameters, escapes and place). Once the value
changes in reseau, the line keeps only its name and parameters
(`tel||TEL;TYPE=CELL,VOICE,pref`), so the old value is not kept about the
person, and the new one is written in its place. A property name never holds
`|`, so a kept line of another program cannot be taken for one of these.

Pure Python, without vobject: an edit refreshes the lines (`refreshed`) at the
cost of a few string operations.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from reseau_tui.domain.models import Contact

SEP = "|"
_FOLD = re.compile(r"\r\n[ \t]")
GOOGLE_SYSTEM_GROUPS = frozenset({"myContacts"})  # every Google contact is in it: not a tag

# Each role a modelled line plays, and the contact's value it carries.
ROLES: dict[str, Callable[[Contact], Any]] = {
    "uid": lambda c: c.card_uid,
    "fn": lambda c: c.name,
    "n": lambda c: (c.name, c.surname),
    "org": lambda c: c.company,
    "title": lambda c: c.role,
    "email": lambda c: c.email,
    "tel": lambda c: c.phone,
    "url": lambda c: c.url,
    "note": lambda c: c.notes,
    "categories": lambda c: c.tags,
    "bday": lambda c: c.birthday,
    "circle": lambda c: c.circle,
    "cadence": lambda c: c.cadence_days,
    "connected": lambda c: c.connected,
    "archived": lambda c: c.archived,
    "familiar": lambda c: c.familiar,
}


def _canonical(value: Any) -> str:
    if isinstance(value, str):
        return "s" + value
    if isinstance(value, datetime):
        return "t" + value.isoformat()
    if isinstance(value, tuple | list):
        return "l" + "\x1f".join(_canonical(v) for v in value)
    return type(value).__name__[:1] + str(value)


def fingerprint(value: Any) -> str:
    """A short digest of a value (CRC-32): enough to tell that it changed, not to read it
    back; quick, as a sync of 30,000 contacts takes half a million of them."""
    return f"{zlib.crc32(_canonical(value).encode('utf-8', 'surrogatepass')):08x}"


def value_of(contact: Contact, role: str) -> Any:
    return ROLES[role](contact)


def is_empty(value: Any) -> bool:
    return value in (None, "", (), False) or value == ("", "")


def modelled(role: str, value: Any, raw: str) -> str:
    """The kept form of a line that gave a field its value."""
    return f"{role}{SEP}{fingerprint(value)}{SEP}{raw}"


def split(entry: str) -> tuple[str, str, str] | None:
    """(role, fingerprint, line) of a modelled line; None for a line kept as it is.

    The fingerprint is empty once the value changed: the line is then only its name
    and parameters (see `bare`).
    """
    role, sep, rest = entry.partition(SEP)
    if not sep or role not in ROLES:
        return None
    print_, sep, raw = rest.partition(SEP)
    if not sep:
        return None
    return role, print_, raw


def current(contact: Contact, entry: str) -> bool:
    """Whether a modelled line still holds the contact's value (it is written as it was)."""
    parts = split(entry)
    if parts is None:
        return True
    role, print_, _raw = parts
    return bool(print_) and print_ == fingerprint(value_of(contact, role))


def unfolded(raw: str) -> str:
    """A line kept as it was folded (pieces joined by CRLF and a space), as one line."""
    return _FOLD.sub("", raw) if "\r\n" in raw else raw


def name_part(raw: str) -> str:
    """`item1.TEL;TYPE=CELL` of `item1.TEL;TYPE=CELL:06...` (a colon in quotes is a value's)."""
    raw = unfolded(raw)
    quoted = False
    for i, ch in enumerate(raw):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return raw[:i]
    return raw


def value_part(raw: str) -> str:
    raw = unfolded(raw)
    head = name_part(raw)
    return raw[len(head) + 1 :]


def property_name(raw: str) -> str:
    """`TEL` of `item1.TEL;TYPE=CELL:...`."""
    return name_part(raw).split(";")[0].split(".")[-1].strip().upper()


def bare(role: str, raw: str) -> str:
    """A modelled line without the value it gave: its name and parameters.

    Google's system group stays in `CATEGORIES`: it is not a tag but Google needs it.
    """
    head = name_part(raw)
    if role == "categories":
        kept = [v for v in split_values(value_part(raw)) if v in GOOGLE_SYSTEM_GROUPS]
        if kept:
            return f"{head}:{','.join(kept)}"
    return head


def split_values(text: str, separator: str = ",") -> list[str]:
    """`text` cut at each separator no backslash escapes (the pieces still escaped)."""
    parts: list[str] = []
    current_part: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current_part.append(text[i : i + 2])
            i += 2
            continue
        if ch == separator:
            parts.append("".join(current_part))
            current_part = []
        else:
            current_part.append(ch)
        i += 1
    parts.append("".join(current_part))
    return parts


def verbatim(entries: tuple[str, ...]) -> tuple[str, ...]:
    """The lines of a card that no field holds: what only the card says."""
    return tuple(e for e in entries if split(e) is None)


def refreshed(contact: Contact) -> Contact:
    """`contact` with the lines whose value changed reduced to their name and parameters.

    Called when reseau changes a contact, so a card never keeps a value the user
    replaced. The second and later lines of one role (a card with two `NOTE`s,
    joined into the notes) go: the new value is written once.
    """
    if not contact.card_extra:
        return contact
    lines: list[str] = []
    seen: set[str] = set()
    changed = False
    for entry in contact.card_extra:
        parts = split(entry)
        if parts is None or current(contact, entry):
            lines.append(entry)
            if parts is not None:
                seen.add(parts[0])
            continue
        role, print_, raw = parts
        changed = changed or bool(print_)
        if role in seen:
            changed = True
            continue
        seen.add(role)
        lines.append(f"{role}{SEP}{SEP}{bare(role, raw) if print_ else raw}")
    return replace(contact, card_extra=tuple(lines)) if changed else contact
