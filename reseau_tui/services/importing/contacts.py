"""Contacts from vCard, LinkedIn and CSV files, matched against the network.

Every record is checked, then matched (profile link, then email, then name);
a name alone never merges two records whose links, emails or phones disagree:
such a record is imported apart and reported as a possible duplicate, for the
user to merge on purpose (`services.duplicates`).
"""

from __future__ import annotations

import uuid
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
    differences,
    fill_empty,
    read_text,
)
from reseau_tui.services.importing.report import (
    PROGRESS_EVERY,
    ImportReport,
    difference,
    possible_duplicate,
    record_problem,
)
from reseau_tui.services.network import Network
from reseau_tui.store import Change, Operation


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
    network: Network, fmt: ImportFormat, data: bytes, report: ImportReport, tick: Progress
) -> Operation | None:
    parsed = _parse(fmt, data, network, tick)
    report.unit = parsed.unit
    report.total = parsed.total
    report.nameless = parsed.nameless
    report.skipped_lines = parsed.skipped_lines
    report.problems.extend(parsed.problems)
    if parsed.fatal:
        return None
    invalid = parsed.invalid_numbers
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
            invalid.add(d.number)
            continue
        candidates.append((d, contact))
    tick("checking", total, total)
    report.invalid = len(invalid)

    index = ContactIndex(state.contacts.values())
    planned: dict[str, Contact] = {}  # id -> contact as it will be
    target_of: list[tuple[Draft, str]] = []
    for i, (d, contact) in enumerate(candidates):
        if i % PROGRESS_EVERY == 0:
            tick("matching", i, len(candidates))
        found = index.match(contact, d.emails)
        if found.id is None:
            if contact.id in index.by_id:  # the file's id, but another person here
                contact = replace(contact, id=new_id())
            if found.similar:
                report.problems.append(possible_duplicate(d, parsed.unit, found, index))
                report.possible_duplicates += 1
            planned[contact.id] = contact
            index.put(contact)
            report.contacts.new += 1
            target_of.append((d, contact.id))
            continue
        current = planned.get(found.id) or index.by_id[found.id]
        merged = fill_empty(current, contact)
        kept = differences(current, contact, d.emails)
        report.problems.extend(difference(d, parsed.unit, *diff) for diff in kept)
        report.differing += bool(kept)
        if merged is current:
            report.contacts.unchanged += 1
        else:
            planned[found.id] = merged
            index.put(merged)
            report.contacts.merged += 1
        target_of.append((d, found.id))
    tick("matching", len(candidates), len(candidates))
    _resolve_introducers(target_of, index, planned, report)
    report.problems.sort(key=lambda p: (p.line or 0, not p.blocking))
    return _contact_operation(fmt, planned, network)


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
