"""Forgetting a person: everything reseau holds about them, removed in one operation.

What goes: the contact; their presence in meetings (a meeting left with nobody
is removed, with its notes); promises assigned to them; the follow-up decisions
(done, snoozed, dismissed) on their items; "introduced by" links to them.

Follow-up items are derived, never stored: a decision is keyed by the item's
id, a hash of (kind, source, person) (`engine.item_id`). The person's ids are
recomputed here from every meeting, promise and milestone. Keep-in-touch rounds
are keyed by the instant each round started, which earlier decisions moved:
the rounds are followed the way the engine follows them, from every instant a
round can start at.

Free text the user wrote elsewhere (a note about a meeting with someone else
that names them) is not rewritten: it is counted, so the user can edit it.

Backups: `purge_backups` rewrites each backup (and each merged sync copy)
without the person, keeping its name, date and 0600 mode. Rewriting rather than
deleting keeps the safety net the backups are for (a damaged file can still be
restored), minus the person. A backup that cannot be read cannot be rewritten,
so it is removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

import orjson

from reseau_tui.domain.codec import action_to_doc, promise_to_doc
from reseau_tui.domain.engine import decided_rounds, item_id
from reseau_tui.domain.models import Action, FollowUpKind, Meeting, new_id
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, NetworkState
from reseau_tui.domain.text import first_name, fold
from reseau_tui.domain.validation import MAX_YEAR, MIN_YEAR
from reseau_tui.i18n import _
from reseau_tui.store import Change, DamagedDatabase, Operation
from reseau_tui.store.backups import list_backups
from reseau_tui.store.files import atomic_write, commit_lock
from reseau_tui.store.loader import read_tables
from reseau_tui.store.operations import apply_operation
from reseau_tui.store.store import remove_leftovers
from reseau_tui.store.sync import merged_copies
from reseau_tui.store.tinydb_ext import open_memory_db


@dataclass
class Forgetting:
    """What forgetting one person removes, and the operation that does it."""

    contact_id: str
    name: str
    contact: bool = False  # the contact record itself
    meetings_removed: int = 0  # meetings that had nobody else
    meetings_left: int = 0  # meetings with others, which no longer list them
    promises: int = 0  # promises assigned to them
    decisions: int = 0  # decisions on their follow-ups
    introductions: int = 0  # contacts whose "introduced by" pointed at them
    mentions: int = 0  # other records whose free text still names them
    changes: list[Change] = field(default_factory=list)

    @property
    def operation(self) -> Operation | None:
        if not self.changes:
            return None
        # Not undoable: nothing of what it removes is kept to bring back, even in memory.
        label = _("forget {name}", name=self.name)
        return Operation(label, tuple(self.changes), undoable=False)


def plan_forget(
    state: NetworkState, contact_id: str, tz: tzinfo, name: str | None = None
) -> Forgetting:
    """Everything to remove for `contact_id`; works even once the contact itself is gone."""
    contact = state.contacts.get(contact_id)
    plan = Forgetting(contact_id, contact.name if contact else (name or contact_id))
    intro = contact.introduced_by if contact else None
    decisions: set[str] = set()  # action ids
    rekeyed: list[Action] = []

    def drop_decisions(kind: FollowUpKind, source: str, person: str | None) -> None:
        if person:
            for action in state.actions_by_item.get(item_id(kind, source, person), ()):
                decisions.add(action.id)

    for meeting in state.meetings.values():
        for kind in ("thank", "news", "thank-introducer"):
            drop_decisions(kind, meeting.id, contact_id)
        for promise in meeting.promises:
            drop_decisions("promise", promise.id, contact_id)
        if contact_id in meeting.contact_ids or any(
            p.contact_id == contact_id for p in meeting.promises
        ):
            rekeyed += _change_meeting(plan, state, meeting, intro, drop_decisions)
    for milestone in state.milestones.values():
        drop_decisions("news", milestone.id, contact_id)
    for year in range(MIN_YEAR, MAX_YEAR + 1):  # birthday wishes: one id per year
        drop_decisions("birthday", str(year), contact_id)
    for iid in _keep_in_touch_ids(state, contact_id, tz):
        decisions.update(a.id for a in state.actions_by_item.get(iid, ()))

    for other in state.contacts.values():
        if other.introduced_by == contact_id and other.id != contact_id:
            plan.changes.append(Change(CONTACTS, other.id, "update", {}, ("introduced_by",)))
            plan.introductions += 1
    for action_id in sorted(decisions):
        plan.changes.append(Change(ACTIONS, action_id, "remove"))
    plan.decisions = len(decisions)
    for action in rekeyed:
        plan.changes.append(Change(ACTIONS, action.id, "insert", action_to_doc(action)))
    if contact is not None:
        plan.changes.append(Change(CONTACTS, contact_id, "remove"))
        plan.contact = True
    plan.mentions = _mentions(state, plan)
    return plan


def _change_meeting(
    plan: Forgetting,
    state: NetworkState,
    meeting: Meeting,
    intro: str | None,
    drop_decisions: Any,
) -> list[Action]:
    """Take the person out of one meeting; returns decisions to keep under a new owner."""
    cid = plan.contact_id
    people = [c for c in meeting.contact_ids if c != cid]
    if not people:
        plan.changes.append(Change(MEETINGS, meeting.id, "remove"))
        plan.meetings_removed += 1
        # Decisions on this meeting that belonged to others (the introducer's thanks,
        # a promise assigned to someone else) would be left pointing at nothing.
        for owner in {intro, *(p.contact_id for p in meeting.promises)}:
            drop_decisions("thank-introducer", meeting.id, owner)
            for promise in meeting.promises:
                drop_decisions("promise", promise.id, owner)
        return []
    kept = [p for p in meeting.promises if p.contact_id != cid]
    plan.promises += len(meeting.promises) - len(kept)
    fields: dict[str, Any] = {}
    unset: tuple[str, ...] = ()
    if len(people) != len(meeting.contact_ids):
        fields["contact_ids"] = people
        plan.meetings_left += 1
    if len(kept) != len(meeting.promises):
        if kept:
            fields["promises"] = [promise_to_doc(p) for p in kept]
        else:
            unset = ("promises",)
    plan.changes.append(Change(MEETINGS, meeting.id, "update", fields, unset))
    # A promise with no one named falls to the first person met: when that was
    # them, the decisions on it move to the new first person, so a promise kept
    # does not come back as owed.
    rekeyed = []
    if meeting.contact_ids[0] == cid:
        for promise in kept:
            if promise.contact_id:
                continue
            new_owner = item_id("promise", promise.id, people[0])
            if state.actions_by_item.get(new_owner):
                continue
            for action in state.actions_by_item.get(item_id("promise", promise.id, cid), ()):
                rekeyed.append(
                    Action(
                        new_id(),
                        new_owner,
                        action.outcome,
                        action.at,
                        action.until,
                        action.channel,
                        action.text,
                    )
                )
    return rekeyed


def _keep_in_touch_ids(state: NetworkState, cid: str, tz: tzinfo) -> set[str]:
    """Ids of the keep-in-touch rounds decided for `cid` (see `engine.decided_rounds`)."""
    return {item_id("keep-in-touch", source, cid) for source in decided_rounds(state, cid, tz)}


def _mentions(state: NetworkState, plan: Forgetting) -> int:
    """Records left that name the person (full or first name) in text the user wrote."""
    keys = {k for k in (fold(plan.name), fold(first_name(plan.name))) if len(k) >= 3}
    if not keys:
        return 0
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(k)}(?!\w)" for k in sorted(keys)))
    removed = {ch.record_id for ch in plan.changes if ch.kind == "remove"}

    def names(texts: Iterable[str]) -> bool:
        return any(pattern.search(fold(t)) for t in texts if t)

    count = 0
    for c in state.contacts.values():
        if c.id not in removed and c.id != plan.contact_id and names([c.notes]):
            count += 1
    for m in state.meetings.values():
        texts = [m.note, m.learned, m.advice, m.place, *m.leads, *(p.text for p in m.promises)]
        if m.id not in removed and names(texts):
            count += 1
    count += sum(1 for ms in state.milestones.values() if names([ms.text]))
    count += sum(1 for a in state.actions.values() if a.id not in removed and names([a.text]))
    return count


# --- backups -------------------------------------------------------------------------


@dataclass
class Purge:
    rewritten: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # unreadable: could not be rewritten
    untouched: int = 0  # backups that never held the person


def copies_holding(path: Path) -> list[Path]:
    """Files next to the database that keep older versions: backups and merged sync copies."""
    return [*list_backups(path), *merged_copies(path)]


def purge_backups(path: Path, contact_id: str, tz: tzinfo) -> Purge:
    """Rewrite every backup without the person (see the module's note on why not delete).

    Done under the commit lock, so no save rotates backups meanwhile; half-written
    temp files from killed saves go too, as they may hold the person, and so do
    those of an earlier purge killed while rewriting a backup (each save removes
    them as well: see `store.remove_leftovers`).
    """
    result = Purge()
    with commit_lock(path):
        remove_leftovers(path)
        for backup in copies_holding(path):
            try:
                tables = read_tables(backup)
                state = NetworkState.from_tables(tables or {})
            except (DamagedDatabase, KeyError, TypeError, ValueError, AttributeError):
                with suppress(OSError):
                    backup.unlink()
                    result.removed.append(backup)
                continue
            op = plan_forget(state, contact_id, tz).operation
            if op is None or tables is None:
                result.untouched += 1
                continue
            db = open_memory_db(tables)
            apply_operation(db, op)
            atomic_write(backup, orjson.dumps(tables))
            result.rewritten.append(backup)
    return result


def find_in_backups(path: Path, wanted: str) -> tuple[str, str] | None:
    """(id, name) of a contact no longer in the database, by id or exact name, newest first."""
    key = fold(wanted)
    for backup in copies_holding(path):
        try:
            tables = read_tables(backup) or {}
        except DamagedDatabase:
            continue
        for doc in tables.get(CONTACTS, {}).values():
            name = str(doc.get("name", ""))
            if doc.get("id") == wanted or (key and fold(name) == key):
                return str(doc["id"]), name
    return None
