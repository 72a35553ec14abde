"""What the three panes show, computed from the state and the queue (no Textual here).

Kept apart from the widgets so the rows can be tested, benchmarked and reused,
and so the TUI only draws.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from operator import attrgetter, itemgetter
from typing import Literal, NamedTuple

from reseau_tui.domain.engine import FollowUp, Queue
from reseau_tui.domain.models import Contact, Meeting
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import fold
from reseau_tui.services.collector import records_built

ContactSort = Literal["urgency", "name", "recent"]
SORTS: tuple[ContactSort, ...] = ("urgency", "name", "recent")
_NEED_RANK = {"overdue": 0, "due": 1}


class ContactRow(NamedTuple):
    """One line of the contact list (a named tuple: 30,000 are made at start, cheaply)."""

    contact: Contact
    need: str | None  # "due" / "overdue" when gratitude is owed
    owed: int  # due or overdue follow-ups of any kind
    last: datetime | None


def contact_rows(
    state: NetworkState, queue: Queue, sort: ContactSort = "urgency"
) -> list[ContactRow]:
    """Every contact's row, sorted (archived last; ties by name, then id)."""
    return ContactRows().rows(state, queue, sort)


_Key = str
_NEVER = 1e12  # seconds: "recent" puts people never met after everyone else


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
        self._now: datetime | None = None  # the queue's instant: what has happened by then
        self._need: dict[str, str | None] = {}
        self._owed: dict[str, int] = {}
        self._actionable: list[FollowUp] = []
        self._keys: list[_Key] = []
        self._rows: list[ContactRow] = []
        self._key_of: dict[str, _Key] = {}
        self.revision = 0  # moves on whenever the rows or their order change

    def rows(self, state: NetworkState, queue: Queue, sort: ContactSort) -> list[ContactRow]:
        changed: set[str] = set()
        self._now = queue.now
        if queue.items is not self._items:
            self._actionable = queue.actionable()
            owed = dict(Counter(map(attrgetter("contact_id"), self._actionable)))  # in C
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
        return [item for item in self._actionable if item.contact_id == contact_id]

    def _row(self, c: Contact) -> tuple[_Key, ContactRow]:
        state = self._state
        assert state is not None
        return self._key_maker(state)(c)

    def _key_maker(self, state: NetworkState) -> Callable[[Contact], tuple[_Key, ContactRow]]:
        """A contact's sort key and row, lookups hoisted: it runs 30,000 times at start.

        The key is one string (archived, then the sort's own order, then the
        folded name and the id, NUL-separated): 30,000 of them sort four times
        faster than tuples.
        """
        need_of, owed_of, last_met = self._need.get, self._owed.get, state.last_met.get
        now = self._now

        def last_of(cid: str) -> datetime | None:
            last = last_met(cid)  # a meeting still to come is not "last met" (rare: looked up)
            if last is None or now is None or last <= now:
                return last
            return state.last_met_as_of(cid, now)

        name_of, rank_of, sort = state.name_keys.get, _NEED_RANK.get, self._sort

        def row(c: Contact) -> tuple[_Key, ContactRow]:
            cid = c.id
            need, owed, last = need_of(cid), owed_of(cid, 0), last_of(cid)
            if sort == "name":
                order = ""
            elif sort == "recent":  # most recent first, never met last
                order = f"{_NEVER - (last.timestamp() if last else -_NEVER):022.3f}"
            else:
                order = f"{rank_of(need or '', 2)}{0 if owed else 1}"
            key = f"{1 if c.archived else 0}{order}\0{name_of(cid, '')}\0{cid}"
            return key, ContactRow(c, need, owed, last)

        return row

    def _rebuild(self, state: NetworkState, sort: ContactSort) -> None:
        self.revision += 1
        self._state, self._sort = state, sort
        self._seen = len(state.touched_contacts)
        with records_built():
            pairs = list(map(self._key_maker(state), state.contacts.values()))
        keys = [key for key, _ in pairs]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        self._keys = [keys[i] for i in order]
        self._rows = [pairs[i][1] for i in order]
        ids = map(attrgetter("id"), map(itemgetter(0), self._rows))  # in C: 30,000 rows
        self._key_of = dict(zip(ids, self._keys, strict=True))

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
