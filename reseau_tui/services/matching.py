"""Finding the contact a person means by a name they typed, and the one they are already."""

from __future__ import annotations

from collections.abc import Iterable

from reseau_tui.domain.models import Contact
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import fold, one_line
from reseau_tui.i18n import _


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


def same_person(
    state: NetworkState, name: str, *, email: str = "", url: str = "", phone: str = ""
) -> list[Contact]:
    """The contacts a new person would duplicate, by the rule imports decide with.

    The import's own matcher (`ContactIndex`) is asked: same profile link, else
    same email, else the same name (accents, case and apostrophes aside:
    "camille martin" is Camille Martin). Where it would merge into nobody
    because several contacts have that name, they are all returned (best known
    first): the user is asked, not merged into one. A namesake with another
    profile link is someone else, as in an import.
    """
    from reseau_tui.io.common import ContactIndex, email_key, url_key  # the import's own rules

    key = fold(name)
    link = url_key(url) if url.strip() else ""
    tail = link.rsplit("/", 1)[-1]
    mail = email_key(email) if email.strip() else ""
    names = state.name_keys

    def could_be(c: Contact) -> bool:
        """Cheap: only these can match, so the matcher is built for a few, not 30,000."""
        if key and names.get(c.id) == key:
            return True
        if mail and c.email and email_key(c.email) == mail:
            return True
        return bool(link and c.url and tail in c.url.casefold())

    nearby = [c for c in state.contacts.values() if could_be(c)]
    if not nearby:
        return []
    candidate = Contact(
        id="", name=name, created=nearby[0].created, email=email, url=url, phone=phone
    )
    found = ContactIndex(nearby).find(candidate)
    if found is not None:
        return [state.contacts[found]]
    namesakes = [
        c
        for c in nearby
        if key and names.get(c.id) == key and not (link and c.url and url_key(c.url) != link)
    ]
    return sorted(namesakes, key=lambda c: (c.archived, not c.company, c.created))


def lead_contacts(state: NetworkState, leads: Iterable[str]) -> dict[str, Contact]:
    """The leads of a meeting that are contacts already: a contact has that name.

    By name alone (accents, case and apostrophes aside), as an import matches a
    record that has nothing else; cheap enough for the detail area to ask on
    every move through the journal.
    """
    wanted = {fold(lead): lead for lead in leads}
    found: dict[str, Contact] = {}
    for cid, key in state.name_keys.items():
        lead = wanted.get(key)
        if lead is not None and lead not in found:
            found[lead] = state.contacts[cid]
    return found


def who_is(contact: Contact) -> str:
    """A contact as a warning names them: "Camille Martin (Airbus)", on one line."""
    text = one_line(contact.name, 60)
    if contact.company:
        text += f" ({one_line(contact.company, 40)})"
    if contact.archived:
        text += " " + _("(archived)")
    return text
