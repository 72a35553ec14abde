"""The whole network in memory, with the indexes that keep it instant at scale.

Built once from the stored documents, then kept current record by record as
changes are applied (`put`/`drop`), so nothing rescans 100,000 meetings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from reseau_tui.domain.codec import (
    action_from_doc,
    contact_from_doc,
    meeting_from_doc,
    milestone_from_doc,
    settings_from_doc,
)
from reseau_tui.domain.models import Action, Contact, Meeting, Milestone, Settings
from reseau_tui.domain.text import fold

CONTACTS, MEETINGS, MILESTONES, ACTIONS, SETTINGS, META = (
    "contacts",
    "meetings",
    "milestones",
    "actions",
    "settings",
    "meta",
)
SETTINGS_KEY = "settings"


class Later(Protocol):
    """Tables of the source not parsed yet (the store's loader leaves the journal for later)."""

    def ready(self, name: str | None = None) -> bool: ...

    def complete(self, name: str | None = None) -> None: ...


def _check_meeting_doc(d: Mapping[str, Any]) -> None:
    """The fields `meeting_from_doc` needs, there and of the right kind, without building it."""
    if not isinstance(d["id"], str):
        raise TypeError(f"meeting id: not an id: {d['id']!r}")
    for p in d.get("promises", ()):
        if not isinstance(p["id"], str) or not isinstance(p["text"], str):
            raise TypeError("promise: id and text must be text")


def _check_action_doc(d: Mapping[str, Any]) -> None:
    """The fields `action_from_doc` needs, there and of the right kind, without building it."""
    if not isinstance(d["id"], str):
        raise TypeError(f"decision id: not an id: {d['id']!r}")


def contact_search_key(c: Contact) -> str:
    """All a contact is found by (name, company, role, email, tags, notes), folded once."""
    return fold(" \x1f ".join((c.name, c.company, c.role, c.email, " ".join(c.tags), c.notes)))


Tables = Mapping[str, Mapping[str, Mapping[str, Any]]]


class NetworkState:
    """Records by id, with indexes kept current record by record.

    Built from the file's tables: contacts and milestones at once, meetings and
    decisions (300,000 records at LinkedIn scale) on first use, from the same
    live tables, so `reseau log` never builds the journal. Their documents are
    still checked when the file loads (here for what the records need, and in
    `integrity.check_tables` for what the engine computes with).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.contacts: dict[str, Contact] = {}
        self.milestones: dict[str, Milestone] = {}
        self.settings = settings or Settings()
        self.version = 0  # bumped on every change, so views know when to refresh
        self.contacts_version = 0  # bumped when a contact changes (names beside meetings)
        self.touched_contacts: list[str] = []  # whose record or meetings changed, in order
        self._source: Tables = {}  # the tables the lazy parts are built from
        self._later: Later | None = None  # which of them are still to be parsed
        self._meetings: dict[str, Meeting] | None = {}
        self._meetings_by_contact: dict[str, set[str]] = defaultdict(set)
        self._last_met: dict[str, datetime] = {}
        self._seeded = False  # `_last_met` came from a previous run, the journal is not built
        self._actions: dict[str, Action] | None = {}
        self._actions_by_item: dict[str, list[Action]] = defaultdict(list)
        self._decided_ids: dict[str, list[str]] | None = None  # item -> decision ids, unbuilt
        self._unbuilt_changes = 0  # meetings and decisions changed while not built (`take`)
        self._search_keys: dict[str, str] | None = {}
        self._name_keys: dict[str, str] | None = {}
        self._journal: list[Meeting] | None = None  # every meeting, newest first, once asked
        self._journal_keys: list[float] = []
        self._introduced: tuple[int, dict[str, list[Contact]]] | None = None

    @classmethod
    def from_tables(
        cls, tables: Tables, *, checked: bool = False, later: Later | None = None
    ) -> NetworkState:
        """The state of these tables; raises KeyError, TypeError or ValueError for a bad record.

        `checked`: these very tables passed the checks before (the same file,
        unchanged since), so the journal's documents are not walked again.
        `later`: meetings and decisions may still be unparsed (only with `checked`).
        """
        state = cls(settings_from_doc(tables.get(SETTINGS, {}).get(SETTINGS_KEY)))
        for doc in tables.get(CONTACTS, {}).values():
            c = contact_from_doc(doc)
            state.contacts[c.id] = c
        for doc in tables.get(MILESTONES, {}).values():
            m = milestone_from_doc(doc)
            state.milestones[m.id] = m
        if not checked:
            for doc in tables.get(MEETINGS, {}).values():
                _check_meeting_doc(doc)
            for doc in tables.get(ACTIONS, {}).values():
                _check_action_doc(doc)
        state._source, state._later = tables, later
        state._meetings = state._actions = state._search_keys = state._name_keys = None
        return state

    # --- built on first use ------------------------------------------------------

    @property
    def meetings(self) -> dict[str, Meeting]:
        if self._meetings is None:
            # Built aside, then swapped in: a reader on another thread sees the old
            # indexes or the new ones, never half of them.
            self._take_meetings(_built_meetings(self._docs(MEETINGS).values()))
        assert self._meetings is not None
        return self._meetings

    def _take_meetings(self, built: _BuiltMeetings) -> None:
        meetings, by_contact, last = built
        self._meetings_by_contact, self._last_met, self._seeded = by_contact, last, False
        self._meetings = meetings

    def prepared(self) -> Prepared:
        """The meetings and decisions built from a snapshot of their records, for `take`.

        Needs no lock: the owner builds this on a worker while the UI goes on
        changing records, then swaps it in under its lock with `take`.
        """
        seen = self._unbuilt_changes
        meetings = actions = journal = None
        if self._meetings is None:
            meetings = _built_meetings(list(self._docs(MEETINGS).values()))
            journal = _in_date_order(meetings[0])
        if self._actions is None:
            actions = _built_actions(list(self._docs(ACTIONS).values()))
        keys = None
        if self._search_keys is None:
            keys = (self.contacts_version, _built_search_keys(list(self.contacts.values())))
        return Prepared(seen, meetings, journal, actions, keys)

    def take(self, prepared: Prepared) -> bool:
        """Swap in what `prepared` built, unless a meeting or decision changed since.

        Call it under the lock that changes take: False when something changed
        meanwhile (they are then built on first use, from the records as they are).
        """
        if prepared.search_keys is not None and self._search_keys is None:
            version, keys = prepared.search_keys
            if version == self.contacts_version:
                self._search_keys = keys
        if prepared.seen != self._unbuilt_changes:
            return False
        if self._meetings is None and prepared.meetings is not None:
            self._take_meetings(prepared.meetings)
            if prepared.journal is not None:
                self._journal, self._journal_keys = prepared.journal
        if self._actions is None and prepared.actions is not None:
            self._take_actions(prepared.actions)
        return True

    @property
    def journal_ready(self) -> bool:
        """Whether the meetings are built (the TUI builds them on a worker after start)."""
        return self._meetings is not None

    @property
    def meetings_parsed(self) -> bool:
        """Whether `meeting` answers without parsing the journal's part of the file first."""
        return self._later is None or self._later.ready(MEETINGS)

    def meeting(self, meeting_id: str, *, wait: bool = True) -> Meeting | None:
        """One meeting, without building the whole journal when it is not built yet.

        With `wait` False, None while the meetings are still to be parsed: a
        view drawn in the first frame shows what it has rather than wait for them.
        """
        if self._meetings is not None:
            return self._meetings.get(meeting_id)
        if not wait and not self.meetings_parsed:
            return None
        doc = self._docs(MEETINGS).get(meeting_id)
        return meeting_from_doc(doc) if doc is not None else None

    @property
    def meetings_by_contact(self) -> dict[str, set[str]]:
        self.meetings  # noqa: B018 - builds the index with the meetings
        return self._meetings_by_contact

    @property
    def last_met(self) -> dict[str, datetime]:
        """Each person's last meeting (as a previous run found it, until the journal is built)."""
        if not self._seeded:
            self.meetings  # noqa: B018 - builds the index with the meetings
        return self._last_met

    def last_met_as_of(self, contact_id: str, now: datetime) -> datetime | None:
        """The person's last meeting that has happened by `now` (a planned one is not met)."""
        last = self.last_met.get(contact_id)
        if last is None or last <= now:
            return last
        held = [m.when for m in self.meetings_with(contact_id) if m.when <= now]
        return max(held) if held else None

    def next_meeting(self, contact_id: str, now: datetime) -> datetime | None:
        """When the next meeting planned with the person is, if one is."""
        last = self.last_met.get(contact_id)
        if last is None or last <= now:
            return None
        return min(m.when for m in self.meetings_with(contact_id) if m.when > now)

    def seed_last_met(self, last: dict[str, datetime]) -> None:
        """Each person's last meeting as a previous run found it in these very records."""
        if self._meetings is None:
            self._last_met, self._seeded = last, True

    def known_last_met(self) -> dict[str, datetime] | None:
        """A copy of each person's last meeting, if known without building the journal."""
        return dict(self._last_met) if self._meetings is not None or self._seeded else None

    @property
    def actions(self) -> dict[str, Action]:
        if self._actions is None:
            self._take_actions(_built_actions(self._docs(ACTIONS).values()))
        assert self._actions is not None
        return self._actions

    def _take_actions(self, built: _BuiltActions) -> None:
        actions, by_item = built
        self._actions_by_item = by_item  # swapped in whole, as the meetings are
        self._actions = actions
        self._decided_ids = None

    def action(self, action_id: str) -> Action | None:
        """One decision, without building the 200,000 others when they are not built yet."""
        if self._actions is not None:
            return self._actions.get(action_id)
        doc = self._docs(ACTIONS).get(action_id)
        return action_from_doc(doc) if doc is not None else None

    def decisions_on(self, item_id: str) -> list[Action]:
        """The decisions on one follow-up, in the order they were made.

        Without building every decision when they are not built yet: a run that
        catches up with a meeting logged from the shell asks about a handful.
        """
        if self._actions is not None:
            return self._actions_by_item.get(item_id, [])
        docs = self._docs(ACTIONS)
        if self._decided_ids is None:
            index: dict[str, list[str]] = defaultdict(list)
            for action_id, doc in docs.items():
                index[doc["item_id"]].append(action_id)
            self._decided_ids = index
        ids = self._decided_ids.get(item_id, ())
        found = (docs.get(action_id) for action_id in ids)  # an id may have gone or moved since
        return [action_from_doc(d) for d in found if d is not None and d["item_id"] == item_id]

    @property
    def decision_count(self) -> int:
        """How many decisions there are (an upper bound of the follow-ups they concern)."""
        if self._actions is not None:
            return len(self._actions)
        return len(self._docs(ACTIONS))

    def met(self, contact_id: str) -> bool:
        """Whether a meeting names this person (without building the journal if it is not)."""
        if self._meetings is not None:
            return bool(self._meetings_by_contact.get(contact_id))
        return any(contact_id in d["contact_ids"] for d in self._docs(MEETINGS).values())

    @property
    def actions_by_item(self) -> dict[str, list[Action]]:
        self.actions  # noqa: B018 - builds the index with the decisions
        return self._actions_by_item

    @property
    def search_keys(self) -> dict[str, str]:
        """Each contact's folded text, for search (built once, on a worker in the TUI)."""
        if self._search_keys is None:
            self._search_keys = _built_search_keys(self.contacts.values())
        return self._search_keys

    @property
    def name_keys(self) -> dict[str, str]:
        """Each contact's folded name: the order of the contact list."""
        if self._name_keys is None:
            self._name_keys = {c.id: fold(c.name) for c in self.contacts.values()}
        return self._name_keys

    def _docs(self, table: str) -> Mapping[str, Mapping[str, Any]]:
        """A table's documents, parsed first if the loader left it for later."""
        if self._later is not None:
            self._later.complete(table)
        return self._source.get(table, {})

    # --- keeping the indexes current --------------------------------------

    def refresh(self, table: str, record_id: str, doc: Mapping[str, Any] | None) -> None:
        """Bring one record up to date after a change (doc None: it was removed)."""
        self.version += 1
        if table == CONTACTS:
            self.contacts_version += 1
            self.touched_contacts.append(record_id)
            self.contacts.pop(record_id, None)
            if self._search_keys is not None:
                self._search_keys.pop(record_id, None)
            if self._name_keys is not None:
                self._name_keys.pop(record_id, None)
            if doc is not None:
                self._put_contact(contact_from_doc(doc))
        elif table == MEETINGS and self._meetings is None:
            # Not built yet: it will be, from the tables that now hold this change.
            self._unbuilt_changes += 1
            self.touched_contacts.extend(doc["contact_ids"] if doc else ())
            self._seeded = False
        elif table == MEETINGS:
            old = self.meetings.pop(record_id, None)
            if old:
                self._journal = None
                self.touched_contacts.extend(old.contact_ids)
                for cid in old.contact_ids:
                    self.meetings_by_contact[cid].discard(old.id)
                    self._recompute_last_met(cid)
            if doc is not None:
                meeting = meeting_from_doc(doc)
                self._put_meeting(meeting)
                self.touched_contacts.extend(meeting.contact_ids)
                if self._journal is not None:  # a new meeting: keep the order, do not re-sort
                    key = -meeting.when.timestamp()
                    at = bisect_right(self._journal_keys, key)
                    self._journal_keys.insert(at, key)
                    self._journal.insert(at, meeting)
        elif table == MILESTONES:
            self.milestones.pop(record_id, None)
            if doc is not None:
                self.milestones[record_id] = milestone_from_doc(doc)
        elif table == ACTIONS and self._actions is None:
            self._unbuilt_changes += 1
            if self._decided_ids is not None and doc is not None:
                listed = self._decided_ids[doc["item_id"]]
                if record_id not in listed:
                    listed.append(record_id)  # a stale entry is skipped by `decisions_on`
        elif table == ACTIONS and self._actions is not None:
            old_action = self.actions.pop(record_id, None)
            if old_action:
                self.actions_by_item[old_action.item_id].remove(old_action)
            if doc is not None:
                self._put_action(action_from_doc(doc))
        elif table == SETTINGS:
            self.settings = settings_from_doc(doc)

    def _put_contact(self, c: Contact) -> None:
        self.contacts[c.id] = c
        if self._search_keys is not None:
            self._search_keys[c.id] = contact_search_key(c)
        if self._name_keys is not None:
            self._name_keys[c.id] = fold(c.name)

    def _put_meeting(self, m: Meeting) -> None:
        assert self._meetings is not None
        _index_meeting(m, self._meetings, self._meetings_by_contact, self._last_met)

    def _recompute_last_met(self, cid: str) -> None:
        ids = self.meetings_by_contact.get(cid)
        if ids:
            self.last_met[cid] = max(self.meetings[i].when for i in ids)
        else:
            self.last_met.pop(cid, None)

    def _put_action(self, a: Action) -> None:
        assert self._actions is not None
        self._actions[a.id] = a
        self._actions_by_item[a.item_id].append(a)

    # --- questions the services ask ---------------------------------------

    def journal(self) -> list[Meeting]:
        """Every meeting, newest first: sorted once, then kept in order as meetings come."""
        if self._journal is None:
            self._journal, self._journal_keys = _in_date_order(self.meetings)
        return list(self._journal)

    def meeting_ids(self) -> Iterable[str]:
        """Every meeting's id, without building the journal when it is not built."""
        return self._meetings if self._meetings is not None else self._docs(MEETINGS)

    def meetings_with(self, contact_id: str) -> list[Meeting]:
        """A contact's meetings, newest first.

        Before the journal is built, read from its documents: `reseau show` needs a
        person's dozen meetings, not 100,000 built and indexed.
        """
        if self._meetings is None:
            docs = self._docs(MEETINGS).values()
            found = [meeting_from_doc(d) for d in docs if contact_id in d["contact_ids"]]
        else:
            found = [self._meetings[m] for m in self._meetings_by_contact.get(contact_id, ())]
        return sorted(found, key=lambda m: m.when, reverse=True)

    def introduced(self, contact_id: str) -> list[Contact]:
        """Who this contact introduced (indexed once per change of contacts, not per call)."""
        if self._introduced is None or self._introduced[0] != self.contacts_version:
            index: dict[str, list[Contact]] = defaultdict(list)
            for c in self.contacts.values():
                if c.introduced_by is not None:
                    index[c.introduced_by].append(c)
            self._introduced = (self.contacts_version, index)
        return list(self._introduced[1].get(contact_id, ()))

    def search_contacts(self, query: str, *, include_archived: bool = True) -> list[Contact]:
        """Contacts whose name, company, role, email, tags or notes contain every word."""
        words = fold(query).split()
        found = []
        for cid, key in self.search_keys.items():
            if all(w in key for w in words):
                c = self.contacts[cid]
                if include_archived or not c.archived:
                    found.append(c)
        return found

    def names(self, ids: Iterable[str]) -> list[str]:
        return [self.contacts[i].name if i in self.contacts else "?" for i in ids]


_BuiltMeetings = tuple[dict[str, Meeting], dict[str, set[str]], dict[str, datetime]]
_BuiltActions = tuple[dict[str, Action], dict[str, list[Action]]]


@dataclass(frozen=True)
class Prepared:
    """Meetings and decisions built aside (`NetworkState.prepared`), to swap in with `take`."""

    seen: int  # the state's count of changes to unbuilt records when the snapshot was taken
    meetings: _BuiltMeetings | None
    journal: tuple[list[Meeting], list[float]] | None
    actions: _BuiltActions | None
    search_keys: tuple[int, dict[str, str]] | None  # with the contacts' version they are of


def _built_meetings(docs: Iterable[Mapping[str, Any]]) -> _BuiltMeetings:
    meetings: dict[str, Meeting] = {}
    by_contact: dict[str, set[str]] = defaultdict(set)
    last: dict[str, datetime] = {}
    for doc in docs:
        _index_meeting(meeting_from_doc(doc), meetings, by_contact, last)
    return meetings, by_contact, last


def _built_search_keys(contacts: Iterable[Contact]) -> dict[str, str]:
    return {c.id: contact_search_key(c) for c in contacts}


def _in_date_order(meetings: Mapping[str, Meeting]) -> tuple[list[Meeting], list[float]]:
    """The journal, newest first, with its sort keys (for inserting in order later)."""
    journal = sorted(meetings.values(), key=lambda m: m.when, reverse=True)
    return journal, [-m.when.timestamp() for m in journal]


def _built_actions(docs: Iterable[Mapping[str, Any]]) -> _BuiltActions:
    actions: dict[str, Action] = {}
    by_item: dict[str, list[Action]] = defaultdict(list)
    for doc in docs:
        a = action_from_doc(doc)
        actions[a.id] = a
        by_item[a.item_id].append(a)
    return actions, by_item


def _index_meeting(
    m: Meeting,
    meetings: dict[str, Meeting],
    by_contact: dict[str, set[str]],
    last_met: dict[str, datetime],
) -> None:
    meetings[m.id] = m
    for cid in m.contact_ids:
        by_contact[cid].add(m.id)
        last = last_met.get(cid)
        if last is None or m.when > last:
            last_met[cid] = m.when
