"""Possible duplicates, and merging two contacts who are one person, on purpose.

An import never merges on a name alone when the two records disagree (another
email, phone or profile link): it keeps both and reports them. `possible_pairs`
lists such pairs from the network as it is (same name, or same email or
profile link), so they can be looked at later; `plan_merge` builds the one
operation that makes two contacts one.

What a merge keeps: the first contact's record, with the second's values in
the fields it lacks, every tag of both, and in its notes whatever of the second
differs from it (another email, phone, company, name...), so nothing is lost.
What moves to it: the second's meetings (a meeting with both lists them once),
the promises assigned to them, the people they introduced, who introduced
them (when the first has nobody), and the decisions on their follow-ups
(done, snoozed, dismissed), rekeyed so a thank-you sent stays sent. The second
contact is then removed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from typing import Any, Literal

from reseau_tui.domain.codec import action_to_doc, contact_to_doc, doc_update, promise_to_doc
from reseau_tui.domain.engine import decided_rounds, item_id
from reseau_tui.domain.models import (
    CIRCLES,
    KINDS,
    Action,
    Contact,
    new_id,
    validated_contact,
)
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, NetworkState
from reseau_tui.domain.text import fold
from reseau_tui.i18n import _
from reseau_tui.io.common import email_key, fill_empty, phone_key, url_key
from reseau_tui.services.labels import CONTACT_FIELD_WORDS
from reseau_tui.store import Change, Operation

Why = Literal["name", "email", "url"]


@dataclass(frozen=True)
class Pair:
    """Two contacts that may be one person, and what they share."""

    first: Contact
    second: Contact
    why: Why


def possible_pairs(state: NetworkState) -> list[Pair]:
    """Pairs of contacts with the same name (accents and case aside), email or profile link.

    Each pair once, the older contact first, in name order, so the list reads
    the same run after run.
    """
    groups: dict[tuple[Why, str], list[Contact]] = defaultdict(list)
    for c in state.contacts.values():
        groups["name", fold(c.name)].append(c)
        if c.email.strip():
            groups["email", email_key(c.email)].append(c)
        if c.url.strip():
            groups["url", url_key(c.url)].append(c)
    pairs: dict[tuple[str, str], Pair] = {}
    for (why, key), people in groups.items():
        if not key or len(people) < 2:
            continue
        people.sort(key=_order)
        for i, first in enumerate(people):
            for second in people[i + 1 :]:
                pairs.setdefault((first.id, second.id), Pair(first, second, why))
    return sorted(pairs.values(), key=lambda p: (_order(p.first), _order(p.second)))


def _order(c: Contact) -> tuple[str, str, datetime, str]:
    return (fold(c.name), c.name, c.created.astimezone(UTC), c.id)


@dataclass
class Merging:
    """What merging `other` into `kept` changes, and the operation that does it."""

    kept_id: str
    other_id: str
    kept_name: str
    other_name: str
    meetings: int = 0  # meetings that now list the kept contact instead of the other
    promises: int = 0  # promises assigned to the other, now to the kept contact
    introductions: int = 0  # contacts the other introduced, now introduced by the kept one
    decisions: int = 0  # decisions on the other's follow-ups, now on the kept contact's
    noted: tuple[str, ...] = ()  # the other's fields that differed (English), in the notes
    changes: list[Change] = field(default_factory=list)

    @property
    def operation(self) -> Operation | None:
        if not self.changes:
            return None
        label = _("merge {other} into {kept}", other=self.other_name, kept=self.kept_name)
        return Operation(label, tuple(self.changes))


class CannotMerge(ValueError):
    """Two ids that cannot be merged: the same contact, or one that does not exist."""


def plan_merge(state: NetworkState, kept_id: str, other_id: str, tz: tzinfo) -> Merging:
    """Everything that makes `other_id` part of `kept_id`, as one operation.

    Works once the other contact is gone too (merged by another writer meanwhile):
    what still points at them is moved. Raises `CannotMerge` for the same id
    twice or a kept contact that does not exist, and `InvalidInput` if the merged
    record would be invalid (notes too long).
    """
    if kept_id == other_id:
        raise CannotMerge("the same contact twice")
    kept = state.contacts.get(kept_id)
    if kept is None:
        raise CannotMerge("no such contact")
    other = state.contacts.get(other_id)
    plan = Merging(kept_id, other_id, kept.name, other.name if other else other_id)
    merged = kept if other is None else _merged_contact(kept, other, plan)
    for c in state.contacts.values():
        if c.introduced_by == other_id and c.id not in (kept_id, other_id):
            plan.changes.append(Change(CONTACTS, c.id, "update", {"introduced_by": kept_id}))
            plan.introductions += 1
    if merged.introduced_by == other_id:
        merged = replace(merged, introduced_by=None)
    _move_meetings(state, plan)
    _move_decisions(state, plan, tz)
    old_doc, new_doc = contact_to_doc(kept), contact_to_doc(merged)
    fields, unset = doc_update(old_doc, new_doc)
    if fields or unset:
        plan.changes.append(Change(CONTACTS, kept_id, "update", fields, unset))
    if other is not None:
        plan.changes.append(Change(CONTACTS, other_id, "remove"))
    return plan


# The fields whose other value is written in the notes, as the notes name them.
_NOTED = {
    name: CONTACT_FIELD_WORDS[name]
    for name in ("name", "company", "role", "email", "phone", "url", "birthday")
}


def _merged_contact(kept: Contact, other: Contact, plan: Merging) -> Contact:
    """`kept` completed by `other`; what of `other` differs goes into the notes."""
    merged = fill_empty(kept, other)
    different = [
        name
        for name in _NOTED
        if getattr(kept, name) and getattr(other, name) and not _same(name, kept, other)
    ]
    lines = [f"{_(_NOTED[name])}: {getattr(other, name)}" for name in different]
    theirs = other.notes.strip()
    if theirs and kept.notes.strip() and theirs not in kept.notes:
        lines.append(theirs)  # with no notes of its own, the kept contact took them whole
    notes = merged.notes
    if lines:
        block = _("Merged from {name}:", name=other.name) + "\n" + "\n".join(lines)
        notes = "\n\n".join(t for t in (merged.notes.strip(), block) if t)
    plan.noted = tuple(_NOTED[name] for name in different)
    created = min(kept.created, other.created, key=lambda d: d.astimezone(UTC))
    connected = [d for d in (kept.connected, other.connected) if d is not None]
    introducer = kept.introduced_by or other.introduced_by
    merged = replace(
        merged,
        notes=notes,
        created=created,
        connected=min(connected, key=lambda d: d.astimezone(UTC)) if connected else None,
        introduced_by=None if introducer in (kept.id, other.id) else introducer,
        archived=kept.archived and other.archived,
        familiar=kept.familiar or other.familiar,
    )
    if merged == kept:
        return kept
    circles = dict.fromkeys([*CIRCLES, *(c.circle for c in (kept, other) if c.circle)])
    return validated_contact(merged, circles)


def _same(name: str, a: Contact, b: Contact) -> bool:
    x, y = getattr(a, name), getattr(b, name)
    if name == "email":
        return email_key(x) == email_key(y)
    if name == "phone":
        return phone_key(x) == phone_key(y)
    if name == "url":
        return url_key(x) == url_key(y)
    return bool(fold(str(x)) == fold(str(y)))


def _move_meetings(state: NetworkState, plan: Merging) -> None:
    kept, other = plan.kept_id, plan.other_id
    for meeting in state.meetings.values():
        present = other in meeting.contact_ids
        promised = any(p.contact_id == other for p in meeting.promises)
        if not (present or promised):
            continue
        fields: dict[str, Any] = {}
        if present:
            people = [kept if c == other else c for c in meeting.contact_ids]
            fields["contact_ids"] = list(dict.fromkeys(people))
            plan.meetings += 1
        if promised:
            moved = [
                replace(p, contact_id=kept) if p.contact_id == other else p
                for p in meeting.promises
            ]
            fields["promises"] = [promise_to_doc(p) for p in moved]
            plan.promises += sum(1 for p in meeting.promises if p.contact_id == other)
        plan.changes.append(Change(MEETINGS, meeting.id, "update", fields))


def _move_decisions(state: NetworkState, plan: Merging, tz: tzinfo) -> None:
    """Decisions on the other's follow-ups, rekeyed to the kept contact's same items.

    A follow-up's id is a hash of (kind, source, person): each source the other
    could have an item from is tried. Where the kept contact already has a
    decision on the same item (they were both at one meeting), theirs stands.
    """
    kept, other = plan.kept_id, plan.other_id
    sources = _sources(state, other, tz)
    for kind in KINDS:
        for source in sources:
            old = item_id(kind, source, other)
            actions = state.actions_by_item.get(old, ())
            if not actions:
                continue
            new = item_id(kind, source, kept)
            keep_theirs = bool(state.actions_by_item.get(new))
            for action in actions:
                plan.changes.append(Change(ACTIONS, action.id, "remove"))
                if not keep_theirs:
                    moved = Action(
                        new_id(),
                        new,
                        action.outcome,
                        action.at,
                        action.until,
                        action.channel,
                        action.text,
                    )
                    plan.changes.append(Change(ACTIONS, moved.id, "insert", action_to_doc(moved)))
                    plan.decisions += 1


def _sources(state: NetworkState, cid: str, tz: tzinfo) -> list[str]:
    """What a follow-up of `cid` can come from: meetings (theirs, or with someone they
    introduced), promises, milestones, keep-in-touch rounds and birthday years."""
    introduced = {c.id for c in state.contacts.values() if c.introduced_by == cid}
    found: dict[str, None] = {}
    for m in state.meetings.values():
        if cid in m.contact_ids or introduced & set(m.contact_ids):
            found[m.id] = None
            found.update(dict.fromkeys(p.id for p in m.promises))
        else:
            found.update(dict.fromkeys(p.id for p in m.promises if p.contact_id == cid))
    found.update(dict.fromkeys(state.milestones))
    found.update(dict.fromkeys(decided_rounds(state, cid, tz)))
    contact = state.contacts.get(cid)
    decided = [a.at.year for actions in state.actions_by_item.values() for a in actions]
    if contact is not None and decided:  # a birthday wish is decided in its year
        years = range(min(contact.created.year, *decided) - 1, max(decided) + 2)
        found.update(dict.fromkeys(str(y) for y in years))
    return list(found)
