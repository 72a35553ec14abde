"""What reseau and the cards last agreed on, so the next sync or import is three-way.

Kept beside the database (`reseau.json` → `reseau.cards.json`), written
atomically, 0600. Two parts:

- `contacts`: for each contact that came from or went to a card, the card's
  UID (empty for reseau's own `urn:uuid:ID`) and a fingerprint of each field
  as the card last had it (`io.card_lines.fingerprint`, 8 characters a field,
  in the order `fields` lists them). With it, a field that differs between
  the contact and the card tells who changed it: the card (take it), reseau
  (keep it) or both (ask). Fingerprints, not values: the file does not copy
  what people's cards say.
- `folders`: for each folder synced (`reseau sync vdir`), by its real path,
  the files as last synced: `[contact, size, modification time, digest of
  its bytes]`. A file whose size and time are unchanged is
  not read again; one whose bytes are unchanged was not edited.

A file that cannot be read is never overwritten: `CardStateError` says so,
and nothing is synced until it is moved away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from reseau_tui.store.errors import SaveError
from reseau_tui.store.files import atomic_write

FORMAT = 1
PRINT = 8  # characters of one field's fingerprint


class CardStateError(Exception):
    """The file of what was last synced exists but cannot be read."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class FileState:
    contact: str
    size: int
    mtime_ns: int
    digest: str


@dataclass
class CardState:
    path: Path
    contacts: dict[str, list[str]] = field(default_factory=dict)  # id -> [UID, prints]
    folders: dict[str, dict[str, FileState]] = field(default_factory=dict)

    names: tuple[str, ...] = ()  # the fields fingerprinted, in the order they are kept

    def base(self, contact_id: str) -> dict[str, str] | None:
        """The fingerprints of the contact's fields as its card last had them, if known."""
        entry = self.contacts.get(contact_id)
        prints = entry[1] if isinstance(entry, list) and len(entry) == 2 else None
        if not isinstance(prints, str) or len(prints) != PRINT * len(self.names):
            return None
        return {name: prints[i * PRINT : (i + 1) * PRINT] for i, name in enumerate(self.names)}

    def uid(self, contact_id: str) -> str:
        """The UID of the card the contact last agreed with."""
        entry = self.contacts.get(contact_id)
        uid = entry[0] if isinstance(entry, list) and entry else None
        if uid == "":
            return f"urn:uuid:{contact_id}"  # reseau's own, kept short
        return uid if isinstance(uid, str) else ""

    def remember(self, contact_id: str, uid: str, fields: dict[str, str]) -> None:
        """Keep the fingerprints (`PRINT` characters each) of one contact's fields."""
        if tuple(sorted(fields)) != self.names:
            old = {cid: self.base(cid) for cid in self.contacts}
            self.names = tuple(sorted(set(self.names) | set(fields)))
            for cid, base in old.items():  # a field added since: those are asked about
                prints = "".join((base or {}).get(n, "-" * PRINT) for n in self.names)
                self.contacts[cid] = [self.contacts[cid][0], prints]
        prints = "".join(fields.get(n, "-" * PRINT) for n in self.names)
        short = "" if uid == f"urn:uuid:{contact_id}" else uid
        self.contacts[contact_id] = [short, prints]

    def forget(self, contact_id: str) -> None:
        self.contacts.pop(contact_id, None)
        for files in self.folders.values():
            for href in [h for h, f in files.items() if f.contact == contact_id]:
                del files[href]

    def save(self) -> None:
        """Write the whole state atomically (raises `SaveError`)."""
        doc = {
            "format": FORMAT,
            "fields": list(self.names),
            "contacts": self.contacts,
            "folders": {
                folder: {h: [f.contact, f.size, f.mtime_ns, f.digest] for h, f in files.items()}
                for folder, files in self.folders.items()
            },
        }
        atomic_write(self.path, orjson.dumps(doc, option=orjson.OPT_SORT_KEYS) + b"\n")


def state_path(database: Path) -> Path:
    return database.with_name(f"{database.stem}.cards.json")


def load_state(database: Path) -> CardState:
    """The state kept beside `database` (empty when there is none yet).

    Raises `CardStateError` when the file exists and is not one reseau wrote.
    """
    path = state_path(database)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return CardState(path)
    except OSError as exc:
        raise CardStateError(path, exc.strerror or str(exc)) from None
    try:
        doc = orjson.loads(data)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError("not a file of what was synced")
        contacts = doc.get("contacts", {})
        folders = {
            str(folder): {
                str(href): FileState(str(f[0]), int(f[1]), int(f[2]), str(f[3]))
                for href, f in files.items()
            }
            for folder, files in doc.get("folders", {}).items()
        }
        names = doc.get("fields", [])
        if not isinstance(contacts, dict) or not all(isinstance(n, str) for n in names):
            raise ValueError("contacts is not an object")
    except (
        orjson.JSONDecodeError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
    ) as exc:
        raise CardStateError(path, str(exc)) from None
    return CardState(path, contacts, folders, tuple(names))


__all__ = ["CardState", "CardStateError", "FileState", "SaveError", "load_state", "state_path"]
