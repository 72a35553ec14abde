"""What the three panes show, computed from the state and the queue (no Textual here).

Kept apart from the widgets so the rows can be tested, benchmarked and reused,
and so the TUI only draws.
"""

from __future__ import annotations

from bisect import bisect_left
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
    for item in queue.actionable():
        owed[item.contact_id].append(item)
    return owed


def contact_rows(
    state: NetworkState, queue: Queue, sort: ContactSort = "urgency"
) -> list[ContactRow]:
    """Every contact's row, sorted (archived last; ties by name, then id)."""
    return ContactRows().rows(state, queue, sort)


_Key = tuple[object, ...]


class ContactRows:
    """The sorted contact rows, kept in order as contacts, meetings and the queue change.

    Rebuilding 30,000 rows after each saved meeting or timer tick costs a tenth
    of a second; usually a handful of people changed (their record, their last
    meeting, what they are owed), so only their rows move.
    """

    REBUILD_FROM = 2_000  # changed people at once: sorting again is as quick

    def __init__(self) -> None:
        self._state: NetworkState | None = None
        self._sort: ContactSort | None = None
        self._seen = 0  # how much of `state.touched_contacts` is already in the rows
        self._items: list[FollowUp] | None = None
        self._need: dict[str, str | None] = {}
        self._owed: dict[str, int] = {}
        self._owed_items: dict[str, list[FollowUp]] = {}
        self._keys: list[_Key] = []
        self._rows: list[ContactRow] = []
        self._key_of: dict[str, _Key] = {}
        self.revision = 0  # moves on whenever the rows or their order change

    def rows(self, state: NetworkState, queue: Queue, sort: ContactSort) -> list[ContactRow]:
        changed: set[str] = set()
        if queue.items is not self._items:
            self._owed_items = owed_by_contact(queue)
            owed = {cid: len(items) for cid, items in self._owed_items.items()}
            need: dict[str, str | None] = dict(queue.needs_gratitude)
            # Whose count or need differs: set operations on the items, done in C.
            changed.update(cid for cid, _ in owed.items() ^ self._owed.items())
            changed.update(cid for cid, _ in need.items() ^ self._need.items())
            self._items, self._owed, self._need = queue.items, owed, need
        if state is not self._state or sort != self._sort:
            self._rebuild(state, sort)
        else:
            changed.update(state.touched_contacts[self._seen :])
            self._seen = len(state.touched_contacts)
            if len(changed) >= self.REBUILD_FROM:
                self._rebuild(state, sort)
            else:
                for cid in changed:
                    self._move(cid)
                if changed:
                    self.revision += 1
        return list(self._rows)

    def owed(self, contact_id: str) -> list[FollowUp]:
        """The due and overdue follow-ups of one contact, as of the last `rows`."""
        return self._owed_items.get(contact_id, [])

    def _row(self, c: Contact) -> tuple[_Key, ContactRow]:
        state = self._state
        assert state is not None
        row = ContactRow(c, self._need.get(c.id), self._owed.get(c.id, 0), state.last_met.get(c.id))
        name = state.name_keys.get(c.id, "")
        if self._sort == "name":
            key: _Key = (c.archived, name, c.id)
        elif self._sort == "recent":
            recent = -(row.last.timestamp() if row.last else -1e12)
            key = (c.archived, recent, name, c.id)
        else:
            key = (c.archived, _NEED_RANK.get(row.need or "", 2), 0 if row.owed else 1, name, c.id)
        return key, row

    def _rebuild(self, state: NetworkState, sort: ContactSort) -> None:
        self.revision += 1
        self._state, self._sort = state, sort
        self._seen = len(state.touched_contacts)
        pairs = sorted((self._row(c) for c in state.contacts.values()), key=lambda p: p[0])
        self._keys = [key for key, _ in pairs]
        self._rows = [row for _, row in pairs]
        self._key_of = {row.contact.id: key for key, row in pairs}

    def _move(self, cid: str) -> None:
        old = self._key_of.pop(cid, None)
        if old is not None:
            at = bisect_left(self._keys, old)
            del self._keys[at]
            del self._rows[at]
        assert self._state is not None
        contact = self._state.contacts.get(cid)
        if contact is None:
            return
        key, row = self._row(contact)
        at = bisect_left(self._keys, key)
        self._keys.insert(at, key)
        self._rows.insert(at, row)
        self._key_of[cid] = key


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
