"""Finding the contact a person means by a name they typed."""

from __future__ import annotations

from reseau_tui.domain.models import Contact
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import fold


class NameNotFound(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class AmbiguousName(LookupError):
    def __init__(self, name: str, candidates: list[Contact]) -> None:
        super().__init__(name)
        self.name = name
        self.candidates = candidates


def resolve_name(state: NetworkState, name: str) -> Contact:
    """Exact name, then accent- and case-insensitive, then a unique prefix of the name or a word.

    Active contacts win over archived ones at each step. Raises `NameNotFound`
    or `AmbiguousName` (with the candidates, so the user can be more precise).
    """
    wanted = name.strip()
    key = fold(wanted)
    if not key:
        raise NameNotFound(name)
    contacts = list(state.contacts.values())
    steps = (
        lambda c: c.name == wanted,
        lambda c: fold(c.name) == key,
        lambda c: _prefix_match(fold(c.name), key),
    )
    for matches in steps:
        found = [c for c in contacts if matches(c)]
        active = [c for c in found if not c.archived]
        pick = active or found
        if len(pick) == 1:
            return pick[0]
        if len(pick) > 1:
            raise AmbiguousName(name, sorted(pick, key=lambda c: fold(c.name)))
    raise NameNotFound(name)


def _prefix_match(folded_name: str, key: str) -> bool:
    if folded_name.startswith(key):
        return True
    words = folded_name.split()
    return any(" ".join(words[i:]).startswith(key) for i in range(1, len(words)))


def suggest(state: NetworkState, text: str, limit: int = 8) -> list[Contact]:
    """Contacts for a few typed letters, best first: name start, word start, anywhere, in order.

    "cam" finds Camille Martin; "cmar" finds her too (letters in order), after
    closer matches. Archived contacts come last.
    """
    key = fold(text)
    if not key:
        return []
    scored: list[tuple[int, bool, str, str]] = []
    for cid, name in state.name_keys.items():
        if name.startswith(key):
            score = 0 if name == key else 1
        elif f" {key}" in f" {name}":
            score = 2
        elif key in name:
            score = 3
        elif _in_order(key.replace(" ", ""), name):
            score = 4
        else:
            continue
        scored.append((score, state.contacts[cid].archived, name, cid))
    scored.sort()
    return [state.contacts[cid] for *_, cid in scored[:limit]]


def _in_order(letters: str, name: str) -> bool:
    position = 0
    for ch in letters:
        position = name.find(ch, position) + 1
        if position == 0:
            return False
    return True
