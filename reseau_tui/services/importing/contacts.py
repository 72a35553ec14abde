"""Contacts from vCard, LinkedIn and CSV files, matched against the network.

Every record is checked, then matched (profile link, then email, then name);
a name alone never merges two records whose links, emails or phones disagree:
such a record is imported apart and reported as a possible duplicate, for the
user to merge on purpose (`services.duplicates`).
"""

from __future__ import annotations

import uuid
from contextlib import suppress
from dataclasses import replace

from reseau_tui.domain.codec import contact_to_doc, doc_update
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import Contact, new_id, validated_contact
from reseau_tui.domain.state import CONTACTS
from reseau_tui.i18n import _
from reseau_tui.io import ImportFormat, csv_contacts, linkedin, vcard
from reseau_tui.io.common import (
    ContactIndex,
    Draft,
    ParseResult,
    Problem,
    Progress,
    Unit,
    differences,
    fill_empty,
    read_text,
)
from reseau_tui.services.card_merge import FIELDS, FieldClash, kept_base, merge_card, theirs_for
from reseau_tui.services.importing.report import (
    PROGRESS_EVERY,
    ImportReport,
    clash,
    difference,
    possible_duplicate,
    record_problem,
    taken,
)
from reseau_tui.services.network import Network
from reseau_tui.store import Change, Operation, SaveError
from reseau_tui.store.card_state import CardState, CardStateError, load_state


def _parse(fmt: ImportFormat, data: bytes, network: Network, tick: Progress) -> ParseResult:
    """The file's records, whatever encoding it was saved in (said as a warning if guessed)."""
    tz = network.clock.tz
    declared = vcard.declared_charset(data) if fmt == "vcard" else ""
    text, guessed = read_text(data, declared)
    if fmt == "vcard":
        parsed = vcard.parse_vcards(text, tz, tick, declared)
    elif fmt == "linkedin":
        parsed = linkedin.parse_linkedin(text, tz)
    else:
        parsed = csv_contacts.parse_csv(text, tz)
    if guessed is not None:
        parsed.problems.insert(0, guessed)
    return parsed


def parse_folder(network: Network, files: list[tuple[str, bytes]], tick: Progress) -> ParseResult:
    """The cards of every file of a folder, each problem with the file it is in.

    A file that holds no card at all is an error about that file, not the end of
    the import: the others can still be imported (with `skip_invalid`).
    """
    result = ParseResult("card")
    for name, data in files:
        parsed = _parse("vcard", data, network, tick)
        result.drafts.extend(replace(d, source=name) for d in parsed.drafts)
        result.problems.extend(replace(p, source=name, fatal=False) for p in parsed.problems)
        result.total += parsed.total
        result.nameless += parsed.nameless
        result.skipped_lines += parsed.skipped_lines
    if not files:
        result.problems.append(Problem("no .vcf file in this folder", fatal=True))
    return result


def _contact_id(d: Draft, taken: set[str]) -> str:
    """The file's own id when it is a UUID not used yet (our vCard export), else a new one."""
    try:
        wanted = str(uuid.UUID(d.uid)) if d.uid else ""
    except ValueError:
        wanted = ""
    if wanted and wanted not in taken:
        return wanted
    return new_id()


def import_contacts(
    network: Network,
    fmt: ImportFormat,
    data: bytes | ParseResult,
    report: ImportReport,
    tick: Progress,
) -> Operation | None:
    """`data`: the file, or the cards of a folder already read (`parse_folder`)."""
    parsed = data if isinstance(data, ParseResult) else _parse(fmt, data, network, tick)
    report.unit = parsed.unit
    report.total = parsed.total
    report.nameless = parsed.nameless
    report.skipped_lines = parsed.skipped_lines
    report.problems.extend(parsed.problems)
    if parsed.fatal:
        return None
    invalid = {(p.source, p.number) for p in parsed.problems if p.blocking and p.number}
    now = network.now()
    state = network.state
    ids_seen: set[str] = set()
    candidates: list[tuple[Draft, Contact]] = []
    total = len(parsed.drafts)
    for i, d in enumerate(parsed.drafts):
        if i % PROGRESS_EVERY == 0:
            tick("checking", i, total)
        cid = _contact_id(d, ids_seen)
        ids_seen.add(cid)
        try:
            contact = validated_contact(Contact(id=cid, name=d.name, created=now, **d.fields))
        except InvalidInput as exc:
            report.problems.append(record_problem(d, parsed.unit, exc))
            invalid.add((d.source, d.number))
            continue
        candidates.append((d, contact))
    tick("checking", total, total)
    report.invalid = len(invalid)

    index = ContactIndex(state.contacts.values())
    cards = _CardBases(network) if fmt == "vcard" else None
    planned: dict[str, Contact] = {}  # id -> contact as it will be
    target_of: list[tuple[Draft, str]] = []
    for i, (d, contact) in enumerate(candidates):
        if i % PROGRESS_EVERY == 0:
            tick("matching", i, len(candidates))
        found = index.match(contact, d.emails)
        if found.id is None:
            if contact.id in index.by_id:  # the file's id, but another person here
                contact = replace(contact, id=new_id())
            contact = _own_uid(contact)
            if found.similar:
                report.problems.append(possible_duplicate(d, parsed.unit, found, index))
                report.possible_duplicates += 1
            planned[contact.id] = contact
            index.put(contact)
            report.contacts.new += 1
            target_of.append((d, contact.id))
            if cards is not None:
                cards.agree(contact, contact, None, [])
            continue
        current = planned.get(found.id) or index.by_id[found.id]
        contact = _own_uid(replace(contact, id=current.id))
        base = cards.base_for(current, contact) if cards is not None else None
        conflicted = False
        if cards is not None and base is not None:
            merged, conflicted = _three_way(d, parsed.unit, current, contact, base, report, cards)
        else:
            merged = fill_empty(current, contact)
            kept = differences(current, contact, d.emails)
            report.problems.extend(difference(d, parsed.unit, *diff) for diff in kept)
            report.differing += bool(kept)
            if cards is not None:
                cards.agree(current, theirs_for(current, contact, set(d.fields)), None, [])
        if merged != current:
            planned[found.id] = merged
            index.put(merged)
        if conflicted:
            report.conflicting += 1  # listed, not counted as merged
        elif merged == current:
            report.contacts.unchanged += 1
        else:
            report.contacts.merged += 1
        target_of.append((d, found.id))
    tick("matching", len(candidates), len(candidates))
    _resolve_introducers(target_of, index, planned, report)
    report.problems.sort(key=lambda p: (p.line or 0, not p.blocking))
    if cards is not None:
        report.after_save = cards.save
    return _contact_operation(fmt, planned, network)


def _own_uid(contact: Contact) -> Contact:
    """A UID that is the contact's own id (reseau's export) is not kept apart: it is written
    from the id, the same."""
    if contact.card_uid == f"urn:uuid:{contact.id}" and not contact.card_extra:
        return replace(contact, card_uid="")
    return contact


def _three_way(
    d: Draft,
    unit: Unit,
    current: Contact,
    card: Contact,
    base: dict[str, str],
    report: ImportReport,
    cards: _CardBases,
) -> tuple[Contact, bool]:
    """A card imported before: what it changed since is taken, unless reseau changed it too."""
    theirs = theirs_for(current, card, set(d.fields))
    merged, clashes = merge_card(current, theirs, base)
    clashed = {c.field for c in clashes}
    for clash_ in clashes:
        report.problems.append(clash(d, unit, clash_.field, clash_.theirs, clash_.mine))
    for name in FIELDS:
        before, after = getattr(current, name), getattr(merged, name)
        if name not in clashed and before != after and name != "introduced_by":
            report.problems.append(taken(d, unit, name, after, before))
    cards.agree(merged, theirs, base, clashes)
    return merged, bool(clashes)


class _CardBases:
    """What each contact and its card last agreed on (`store.card_state`), for this import.

    Saved once the import is saved; a file of it that cannot be read makes the import
    two-way, as before any sync, and is left as it is.
    """

    def __init__(self, network: Network) -> None:
        try:
            self.state: CardState | None = load_state(network.path)
        except CardStateError:
            self.state = None
        self.agreed: dict[str, tuple[str, dict[str, str]]] = {}

    def base_for(self, current: Contact, card: Contact) -> dict[str, str] | None:
        """The base, when the card is the one the contact last agreed with (same UID)."""
        if self.state is None:
            return None
        uid = card.card_uid or f"urn:uuid:{current.id}"
        if uid not in (current.card_uid or f"urn:uuid:{current.id}", self.state.uid(current.id)):
            return None
        return self.state.base(current.id)

    def agree(
        self,
        contact: Contact,
        theirs: Contact,
        base: dict[str, str] | None,
        clashes: list[FieldClash],
    ) -> None:
        uid = contact.card_uid or theirs.card_uid or f"urn:uuid:{contact.id}"
        self.agreed[contact.id] = (uid, kept_base(base, theirs, clashes))

    def save(self) -> None:
        if self.state is None or not self.agreed:
            return
        for cid, (uid, fields) in self.agreed.items():
            self.state.remember(cid, uid, fields)
        with suppress(SaveError):  # only costs a question at the next import
            self.state.save()


def _resolve_introducers(
    targets: list[tuple[Draft, str]],
    index: ContactIndex,
    planned: dict[str, Contact],
    report: ImportReport,
) -> None:
    """Introducers named in the file become `introduced_by` when they are known contacts.

    Known means in the database or in the same file; a name that matches nobody,
    or several people, is reported and left for the user to set.
    """
    for d, cid in targets:
        if not d.introducer:
            continue
        contact = planned.get(cid) or index.by_id[cid]
        wanted = d.introducer
        if wanted.casefold().startswith("urn:uuid:"):
            ids = [wanted[9:]] if wanted[9:] in index.by_id else []
        else:
            ids = index.named(wanted)
        ids = [i for i in ids if i != cid]
        if len(ids) != 1:
            report.problems.append(
                Problem(
                    "{who!r} is not one of your contacts; not recorded as introducer"
                    if not ids
                    else "{who!r} matches several contacts; not recorded as introducer",
                    {"who": wanted},
                    line=d.line,
                    unit=report.unit,
                    number=d.number,
                    name=d.name,
                    source=d.source,
                    field="introduced by",
                    blocking=False,
                )
            )
            continue
        if contact.introduced_by is None:
            if cid not in planned:  # matched with nothing new but its introducer
                report.contacts.unchanged -= 1
                report.contacts.merged += 1
            planned[cid] = updated = replace(contact, introduced_by=ids[0])
            index.put(updated)
        elif contact.introduced_by != ids[0] and contact.introduced_by in index.by_id:
            ours = index.by_id[contact.introduced_by].name
            report.problems.append(
                replace(
                    difference(d, report.unit, "introduced_by", index.by_id[ids[0]].name, ours),
                    field="introduced by",
                )
            )


def _contact_operation(
    fmt: ImportFormat, planned: dict[str, Contact], network: Network
) -> Operation:
    changes: list[Change] = []
    existing = network.state.contacts
    for cid, contact in planned.items():
        new_doc = contact_to_doc(contact)
        old = existing.get(cid)
        if old is None:
            changes.append(Change(CONTACTS, cid, "insert", new_doc))
            continue
        changed, unset = doc_update(contact_to_doc(old), new_doc)
        if changed or unset:
            changes.append(Change(CONTACTS, cid, "update", changed, unset))
    inserts = sum(1 for c in changes if c.kind == "insert")
    label = _(
        "import {format}: {new} new, {merged} merged contacts",
        format=fmt,
        new=inserts,
        merged=len(changes) - inserts,
    )
    return Operation(label, tuple(changes))
