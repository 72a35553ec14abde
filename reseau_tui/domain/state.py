"""The whole network in memory, with the indexes that keep it instant at scale.

Built once from the stored documents, then kept current record by record as
changes are applied (`put`/`drop`), so nothing rescans 100,000 meetings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

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


def contact_search_key(c: Contact) -> str:
    """All a contact is found by (name, company, role, email, tags, notes), folded once."""
    return fold(" \x1f ".join((c.name, c.company, c.role, c.email, " ".join(c.tags), c.notes)))


@dataclass
class NetworkState:
    contacts: dict[str, Contact] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    milestones: dict[str, Milestone] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    search_keys: dict[str, str] = field(default_factory=dict)
    name_keys: dict[str, str] = field(default_factory=dict)
    last_met: dict[str, datetime] = field(default_factory=dict)
    meetings_by_contact: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    actions_by_item: dict[str, list[Action]] = field(default_factory=lambda: defaultdict(list))
    version: int = 0  # bumped on every change, so views know when to refresh
    contacts_version: int = 0  # bumped when a contact changes (names shown beside meetings)
    touched_contacts: list[str] = field(default_factory=list)  # whose record or meetings changed
    _journal: list[Meeting] | None = None  # every meeting, newest first, once asked for
    _journal_keys: list[float] = field(default_factory=list)
    _introduced: tuple[int, dict[str, list[Contact]]] | None = None

    @classmethod
    def from_tables(cls, tables: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> NetworkState:
        state = cls()
        for doc in tables.get(CONTACTS, {}).values():
            state._put_contact(contact_from_doc(doc))
        for doc in tables.get(MEETINGS, {}).values():
            state._put_meeting(meeting_from_doc(doc))
        for doc in tables.get(MILESTONES, {}).values():
            m = milestone_from_doc(doc)
            state.milestones[m.id] = m
        for doc in tables.get(ACTIONS, {}).values():
            state._put_action(action_from_doc(doc))
        state.settings = settings_from_doc(tables.get(SETTINGS, {}).get(SETTINGS_KEY))
        return state

    # --- keeping the indexes current --------------------------------------

    def refresh(self, table: str, record_id: str, doc: Mapping[str, Any] | None) -> None:
        """Bring one record up to date after a change (doc None: it was removed)."""
        self.version += 1
        if table == CONTACTS:
            self.contacts_version += 1
            self.touched_contacts.append(record_id)
            self.contacts.pop(record_id, None)
            self.search_keys.pop(record_id, None)
            self.name_keys.pop(record_id, None)
            if doc is not None:
                self._put_contact(contact_from_doc(doc))
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
        elif table == ACTIONS:
            old_action = self.actions.pop(record_id, None)
            if old_action:
                self.actions_by_item[old_action.item_id].remove(old_action)
            if doc is not None:
                self._put_action(action_from_doc(doc))
        elif table == SETTINGS:
            self.settings = settings_from_doc(doc)

    def _put_contact(self, c: Contact) -> None:
        self.contacts[c.id] = c
        self.search_keys[c.id] = contact_search_key(c)
        self.name_keys[c.id] = fold(c.name)

    def _put_meeting(self, m: Meeting) -> None:
        self.meetings[m.id] = m
        for cid in m.contact_ids:
            self.meetings_by_contact[cid].add(m.id)
            last = self.last_met.get(cid)
            if last is None or m.when > last:
                self.last_met[cid] = m.when

    def _recompute_last_met(self, cid: str) -> None:
        ids = self.meetings_by_contact.get(cid)
        if ids:
            self.last_met[cid] = max(self.meetings[i].when for i in ids)
        else:
            self.last_met.pop(cid, None)

    def _put_action(self, a: Action) -> None:
        self.actions[a.id] = a
        self.actions_by_item[a.item_id].append(a)

    # --- questions the services ask ---------------------------------------

    def journal(self) -> list[Meeting]:
        """Every meeting, newest first: sorted once, then kept in order as meetings come."""
        if self._journal is None:
            self._journal = sorted(self.meetings.values(), key=lambda m: m.when, reverse=True)
            self._journal_keys = [-m.when.timestamp() for m in self._journal]
        return list(self._journal)

    def meetings_with(self, contact_id: str) -> list[Meeting]:
        """A contact's meetings, newest first."""
        found = (self.meetings[m] for m in self.meetings_by_contact.get(contact_id, ()))
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
