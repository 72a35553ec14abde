"""What the three panes show, computed from the state and the queue (no Textual here).

Kept apart from the widgets so the rows can be tested, benchmarked and reused,
and so the TUI only draws.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from reseau_tui.domain.engine import FollowUp, Queue
from reseau_tui.domain.models import Contact, Meeting
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import fold

ContactSort = Literal["urgency", "name", "recent"]
SORTS: tuple[ContactSort, ...] = ("urgency", "name", "recent")
_NEED_RANK = {"overdue": 0, "due": 1}


@dataclass(frozen=True, slots=True)
class ContactRow:
    contact: Contact
    need: str | None  # "due" / "overdue" when gratitude is owed
    owed: int  # due or overdue follow-ups of any kind
    last: datetime | None


def owed_by_contact(queue: Queue) -> dict[str, list[FollowUp]]:
    owed: dict[str, list[FollowUp]] = defaultdict(list)
    for item in queue.items:
        if item.is_actionable:
            owed[item.contact_id].append(item)
    return owed


def contact_rows(
    state: NetworkState, queue: Queue, sort: ContactSort = "urgency"
) -> list[ContactRow]:
    owed = owed_by_contact(queue)
    rows = [
        ContactRow(
            c, queue.needs_gratitude.get(c.id), len(owed.get(c.id, ())), state.last_met.get(c.id)
        )
        for c in state.contacts.values()
    ]
    names = state.name_keys

    def by_name(r: ContactRow) -> tuple[bool, str]:
        return (r.contact.archived, names.get(r.contact.id, ""))

    if sort == "name":
        rows.sort(key=by_name)
    elif sort == "recent":
        rows.sort(key=by_name)
        rows.sort(key=lambda r: (r.contact.archived, -(r.last.timestamp() if r.last else -1e12)))
    else:
        rows.sort(key=by_name)
        rows.sort(
            key=lambda r: (r.contact.archived, _NEED_RANK.get(r.need or "", 2), 0 if r.owed else 1)
        )
    return rows


def contact_matcher(state: NetworkState, query: str) -> Callable[[ContactRow], bool]:
    """Name, company, role, email, tags and notes; accent- and case-insensitive; every word."""
    words = fold(query).split()
    keys = state.search_keys
    return lambda row: all(w in keys.get(row.contact.id, "") for w in words)


def journal(state: NetworkState, contact_id: str | None = None) -> list[Meeting]:
    """Meetings, newest first; a contact's only when one is given."""
    if contact_id is not None:
        return state.meetings_with(contact_id)
    return state.journal()


class JournalIndex:
    """Folded full text of each meeting (with the people's names), for the journal filter.

    Kept per meeting and built ahead (`warm`, on a worker after start), so the
    first `/` over 100,000 meetings does not fold them all at once. A key is
    redone when its meeting changes, all of them when a contact does (names).
    """

    def __init__(self) -> None:
        self._keys: dict[str, tuple[Meeting, str]] = {}
        self._contacts_version = -1

    def key(self, state: NetworkState, m: Meeting) -> str:
        if self._contacts_version != state.contacts_version:
            self._keys = {}
            self._contacts_version = state.contacts_version
        cached = self._keys.get(m.id)
        if cached is not None and cached[0] is m:
            return cached[1]
        text = [
            m.place,
            m.note,
            m.learned,
            m.advice,
            m.channel,
            *m.leads,
            *(p.text for p in m.promises),
            *state.names(m.contact_ids),
        ]
        key = fold(" \x1f ".join(text))
        self._keys[m.id] = (m, key)
        return key

    def warm(self, state: NetworkState, meetings: list[Meeting]) -> None:
        for m in meetings:
            self.key(state, m)

    def matcher(self, state: NetworkState, query: str) -> Callable[[Meeting], bool]:
        words = fold(query).split()
        return lambda m: all(w in self.key(state, m) for w in words)
