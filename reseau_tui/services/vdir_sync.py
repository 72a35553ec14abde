"""`reseau sync vdir DIR`: the contacts and a folder of cards (khard, vdirsyncer), both ways.

Every contact is one card in the folder. A run compares three things: the
contacts, the cards, and what both were when last synced (`store.card_state`:
per file its size, time and digest; per contact a fingerprint of each field).
So it can tell who changed what, and applies the rules `reseau sync` applies
to two copies of the database (`store.sync`):

- a card added in the folder (by khard, vdirsyncer, a phone) becomes a
  contact, or joins the contact it is (same UID, else same link, email or
  name, as an import matches); a contact added here becomes a card;
- a change made on one side only is taken; a field changed on both sides, each
  its own way, is the user's to choose: nothing is written until `take` says
  whose values win (`mine`: reseau's, `theirs`: the cards');
- a card deleted in the folder removes the contact only if it is unchanged
  here since the last sync and nothing else names it (a meeting, a promise, an
  introduction); a contact deleted here removes its card only if the card is
  unchanged since. Otherwise the one that was kept comes back on the other side.

Only the cards that change are written, each atomically, and only if the file
is still the one read (a card edited while the sync ran is left for the next
run). The database is saved first: the cards and what was synced follow it
(`Network.when_saved`), so a crash in between costs a question, not a change.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reseau_tui.domain.codec import contact_to_doc, doc_update
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import Contact, new_id, validated_contact
from reseau_tui.domain.state import CONTACTS
from reseau_tui.domain.text import fold
from reseau_tui.i18n import N_, _
from reseau_tui.io import vcard, vdir
from reseau_tui.io.common import ContactIndex, Draft, Problem, read_text
from reseau_tui.io.vcard_write import card_uid, write_card
from reseau_tui.services.card_merge import (
    RESEAU_ONLY,
    FieldClash,
    Side,
    agreed,
    base_of,
    merge_card,
    theirs_for,
)
from reseau_tui.services.network import Network
from reseau_tui.store import Change, Operation, SaveError
from reseau_tui.store.card_state import CardState, FileState, load_state
from reseau_tui.store.files import atomic_write, fsync_folder

EXTENSION = ".vcf"


class FolderProblem(Exception):
    """The folder cannot be synced (missing, not a folder, unreadable). Nothing was done.

    `template` is English with `{placeholders}`, translated when shown.
    """

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


@dataclass
class VdirSync:
    """What a sync found and did (or, with conflicts and no `take`, would do)."""

    folder: Path
    conflicts: list[FieldClash] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # contact id -> name, for conflicts
    problems: list[Problem] = field(default_factory=list)  # cards that cannot be read
    added_here: int = 0  # contacts made from new cards
    updated_here: int = 0  # contacts that took a card's changes
    removed_here: int = 0  # contacts whose card was deleted
    written: int = 0  # cards written (new or changed)
    removed_there: int = 0  # cards deleted because their contact was
    kept: int = 0  # deleted on one side but changed (or named) on the other: kept
    skipped: list[str] = field(default_factory=list)  # cards changed while syncing
    unsaved: str = ""  # why what was synced could not be kept (the next run asks more)
    applied: bool = False

    @property
    def blocked(self) -> bool:
        """Fields changed on both sides wait for the user: nothing was written."""
        return bool(self.conflicts) and not self.applied


@dataclass
class _Plan:
    state: CardState
    folder: Path
    listed: dict[str, vdir.Listed]
    known: dict[str, FileState] = field(default_factory=dict)  # as last synced
    contents: dict[str, bytes] = field(default_factory=dict)  # files read
    bound: dict[str, str] = field(default_factory=dict)  # href -> contact id, after the sync
    contacts: dict[str, Contact] = field(default_factory=dict)  # id -> contact as it will be
    inserts: set[str] = field(default_factory=set)
    removes: set[str] = field(default_factory=set)  # contact ids
    write: set[str] = field(default_factory=set)  # hrefs to write from their contact
    delete: set[str] = field(default_factory=set)  # hrefs to delete
    retry: set[str] = field(default_factory=set)  # hrefs kept as last synced, to read again
    changed: set[str] = field(default_factory=set)  # hrefs written
    untouched: set[str] = field(default_factory=set)  # hrefs exactly as last synced
    by_name: dict[str, list[str]] | None = None  # folded name -> contact ids, when needed
    promised: set[str] | None = None  # the contacts promises name, when needed
    bases: dict[str, dict[str, str]] = field(default_factory=dict)  # contact id -> fingerprints


def sync_vdir(
    network: Network, folder: Path, *, take: Side | None = None, commit: Callable[[], Any]
) -> VdirSync:
    """Sync the contacts with the folder of cards, both ways (see the module).

    `commit` saves the network (the caller's, with its error handling); the cards
    and the record of what was synced are written once it has. Raises
    `FolderProblem` and `CardStateError` before anything is changed.
    """
    folder = checked_folder(folder)
    state = load_state(network.path)
    try:
        listed = vdir.list_items(folder, EXTENSION)
    except OSError as exc:
        raise FolderProblem(
            N_("{path} cannot be read ({reason})"), path=str(folder), reason=exc.strerror
        ) from None
    report = VdirSync(folder)
    plan = _Plan(state, folder, listed)
    known = plan.known = dict(state.folders.get(str(folder), {}))
    _known_cards(network, plan, known, report, take)
    _new_cards(network, plan, known, report, take)
    _new_contacts(network, plan, report)
    report.names = {c.contact_id: _name(network, plan, c.contact_id) for c in report.conflicts}
    if report.conflicts and take is None:
        return report
    operation = _operation(network, plan)
    if operation is not None:
        network.apply(operation)
    report.applied = True
    network.when_saved(lambda: _write_out(network, plan, report))
    commit()
    return report


def checked_folder(folder: Path) -> Path:
    """The folder as a real path; raises `FolderProblem` when it is not a folder."""
    path = folder.expanduser()
    with suppress(OSError, RuntimeError):  # a loop of links: said by the checks below
        path = path.resolve()
    if not path.exists():
        raise FolderProblem(N_("{path}: no such folder"), path=str(folder))
    if not path.is_dir():
        raise FolderProblem(N_("{path} is a file, not a folder of cards"), path=str(folder))
    return path


def _name(network: Network, plan: _Plan, cid: str) -> str:
    c = plan.contacts.get(cid) or network.state.contacts.get(cid)
    return c.name if c is not None else cid


# --- reading cards ---------------------------------------------------------------------


def _read(plan: _Plan, href: str) -> bytes | None:
    try:
        data = (plan.folder / href).read_bytes()
    except OSError:
        return None
    plan.contents[href] = data
    return data


def _card(
    network: Network, plan: _Plan, href: str, data: bytes, report: VdirSync
) -> tuple[Contact, Draft, set[str]] | None:
    """The one card of a file as a contact (id to be chosen), with what it says of the
    fields only reseau has; None, reported, when it cannot be read."""
    declared = vcard.declared_charset(data)
    text, _guessed = read_text(data, declared)
    parsed = vcard.parse_vcards(text, network.clock.tz, charset=declared)
    errors = [p for p in parsed.problems if p.blocking]
    if errors or len(parsed.drafts) != 1:
        problem = (
            errors[0]
            if errors
            else Problem(
                "the file holds {count} cards; one is expected", {"count": len(parsed.drafts)}
            )
        )
        report.problems.append(replace(problem, source=href))
        return None
    d = parsed.drafts[0]
    circles = network.state.settings.circle_cadences
    try:
        card = validated_contact(
            Contact(id=d.uid or href, name=d.name, created=network.now(), **d.fields), circles
        )
    except InvalidInput as exc:
        report.problems.append(
            Problem(exc.template, exc.values, field=exc.field, name=d.name, source=href)
        )
        return None
    said = {name for name in RESEAU_ONLY if name in d.fields}
    if "card_version" not in d.fields:  # reseau's own card: it wrote every field it has
        said = set(RESEAU_ONLY)
    introducer = _introducer(network, plan, d.introducer)
    if introducer is not None:
        card = replace(card, introduced_by=introducer)
        said.add("introduced_by")
    else:
        said.discard("introduced_by")
    return card, d, said


def _introducer(network: Network, plan: _Plan, wanted: str) -> str | None:
    """The contact a card names as introducer, when exactly one has that name (or id)."""
    if not wanted:
        return None
    if wanted.casefold().startswith("urn:uuid:"):
        cid = wanted[9:]
        return cid if cid in network.state.contacts or cid in plan.contacts else None
    if plan.by_name is None:  # built once, on the first card that names someone
        plan.by_name = {}
        for c in network.state.contacts.values():
            plan.by_name.setdefault(fold(c.name), []).append(c.id)
    found = plan.by_name.get(fold(wanted), [])
    return found[0] if len(found) == 1 else None


# --- the three cases -------------------------------------------------------------------


def _known_cards(
    network: Network,
    plan: _Plan,
    known: Mapping[str, FileState],
    report: VdirSync,
    take: Side | None,
) -> None:
    """Cards synced before: changed, deleted or untouched on either side."""
    contacts = network.state.contacts
    for href, was in known.items():
        cid = was.contact
        mine = contacts.get(cid)
        base = plan.state.base(cid)
        now = plan.listed.get(href)
        if now is None:  # deleted in the folder
            if mine is None:
                continue
            if agreed(mine, base) and not _named(network, plan, cid):
                plan.removes.add(cid)
                report.removed_here += 1
            else:
                report.kept += 1
                _bind(plan, href, mine, write=True)
            continue
        untouched = (now.size, now.mtime_ns) == (was.size, was.mtime_ns)
        data: bytes | None = None
        if not untouched:
            data = _read(plan, href)
            untouched = data is not None and vdir.digest(data) == was.digest
        if mine is None:  # deleted here
            if untouched:
                plan.delete.add(href)
                report.removed_there += 1
            elif data is not None:
                report.kept += 1
                _take_new(network, plan, href, data, report)
            continue
        if untouched:
            same = agreed(mine, base)
            _bind(plan, href, mine, write=not same)
            if same and data is None:
                plan.untouched.add(href)  # as last synced: nothing to read or keep anew
            continue
        if data is None:
            continue
        read = _card(network, plan, href, data, report)
        if read is None:  # left as it is, to be read again next time
            plan.bound[href] = cid
            plan.retry.add(href)
            continue
        card, _draft, said = read
        _merge(plan, href, mine, theirs_for(mine, card, said), base, report, take)


def _new_cards(
    network: Network,
    plan: _Plan,
    known: Mapping[str, FileState],
    report: VdirSync,
    take: Side | None,
) -> None:
    """Cards the folder has that were never synced: joined to their contact, or new ones."""
    taken = set(plan.bound.values()) | plan.removes
    contacts = [c for c in network.state.contacts.values() if c.id not in taken]
    by_uid = {card_uid(c): c.id for c in contacts}
    index = ContactIndex(contacts)
    for href in sorted(set(plan.listed) - set(known)):
        data = _read(plan, href)
        if data is None:
            continue
        read = _card(network, plan, href, data, report)
        if read is None:
            continue
        card, d, said = read
        cid = by_uid.get(card.card_uid or f"urn:uuid:{d.uid}")
        if cid is None or cid in taken:
            cid = index.match(card, d.emails).id
        if cid is None or cid in taken:
            _add(network, plan, href, card, d, report)
            continue
        taken.add(cid)
        mine = plan.contacts.get(cid) or network.state.contacts[cid]
        same = plan.state.uid(cid) == card.card_uid
        base = plan.state.base(cid) if same else None
        _merge(plan, href, mine, theirs_for(mine, card, said), base, report, take)


def _take_new(network: Network, plan: _Plan, href: str, data: bytes, report: VdirSync) -> None:
    read = _card(network, plan, href, data, report)
    if read is not None:
        card, d, _said = read
        _add(network, plan, href, card, d, report)


def _add(
    network: Network, plan: _Plan, href: str, card: Contact, d: Draft, report: VdirSync
) -> None:
    """A card new to reseau becomes a contact (its id from the UID when it is a free UUID)."""
    try:
        cid = str(uuid.UUID(d.uid)) if d.uid else ""
    except ValueError:
        cid = ""
    if not cid or cid in network.state.contacts or cid in plan.contacts:
        cid = new_id()
    contact = replace(card, id=cid)
    if contact.card_uid == f"urn:uuid:{cid}" and not contact.card_extra:
        contact = replace(contact, card_uid="")
    plan.contacts[cid] = contact
    plan.inserts.add(cid)
    plan.bound[href] = cid
    plan.bases[cid] = base_of(contact)
    report.added_here += 1


def _merge(
    plan: _Plan,
    href: str,
    mine: Contact,
    theirs: Contact,
    base: Mapping[str, str] | None,
    report: VdirSync,
    take: Side | None,
) -> None:
    merged, clashes = merge_card(mine, theirs, base, take)
    report.conflicts.extend(clashes)
    if merged != mine:
        plan.contacts[mine.id] = merged
        report.updated_here += 1
    differs = base_of(merged) != base_of(theirs) or merged.card_extra != theirs.card_extra
    _bind(plan, href, merged, write=differs)
    plan.bases[mine.id] = base_of(merged)  # clashes are settled, or nothing is written


def _new_contacts(network: Network, plan: _Plan, report: VdirSync) -> None:
    """Contacts never synced with this folder: each gets its card."""
    bound = set(plan.bound.values()) | plan.removes
    taken = set(plan.listed) | set(plan.bound)
    for c in network.state.contacts.values():
        if c.id in bound:
            continue
        href = vdir.name_for(c.card_uid, c.id, EXTENSION, taken)
        taken.add(href)
        _bind(plan, href, c, write=True)


def _bind(plan: _Plan, href: str, contact: Contact, *, write: bool) -> None:
    plan.bound[href] = contact.id
    if write:
        plan.write.add(href)
        plan.bases[contact.id] = base_of(contact)


def _named(network: Network, plan: _Plan, cid: str) -> bool:
    """Whether a meeting, a promise or an introduction names the contact."""
    state = network.state
    if state.meetings_by_contact.get(cid) or state.introduced(cid):
        return True
    if plan.promised is None:  # the people promises name, gathered once
        plan.promised = {
            p.contact_id for m in state.meetings.values() for p in m.promises if p.contact_id
        }
    return cid in plan.promised


# --- applying --------------------------------------------------------------------------


def _operation(network: Network, plan: _Plan) -> Operation | None:
    existing = network.state.contacts
    changes: list[Change] = []
    for cid, contact in plan.contacts.items():
        doc = contact_to_doc(contact)
        if cid in plan.inserts:
            changes.append(Change(CONTACTS, cid, "insert", doc))
            continue
        fields, unset = doc_update(contact_to_doc(existing[cid]), doc)
        if fields or unset:
            changes.append(Change(CONTACTS, cid, "update", fields, unset))
    changes.extend(Change(CONTACTS, cid, "remove") for cid in sorted(plan.removes))
    if not changes:
        return None
    label = _("sync the contacts with {folder}", folder=str(plan.folder))
    return Operation(label, tuple(changes))


def _write_out(network: Network, plan: _Plan, report: VdirSync) -> None:
    """The cards that change, then what was synced: after the database is saved.

    A card that could not be written, or was changed while the sync ran, keeps
    what was last synced about it, so the next run reads it again.
    """
    contacts = network.state.contacts
    names = {cid: c.name for cid, c in contacts.items()}
    files: dict[str, FileState] = {}
    for href, cid in sorted(plan.bound.items()):
        contact = contacts.get(cid)
        if contact is None:
            continue
        if href in plan.untouched:
            files[href] = plan.known[href]
            continue
        if href in plan.retry or (href in plan.write and not _write(plan, href, contact, names)):
            if href in plan.known:
                files[href] = plan.known[href]
            if href not in plan.retry:
                report.skipped.append(href)
            continue
        report.written += href in plan.changed
        now = vdir.listed(plan.folder / href)
        data = plan.contents.get(href)
        if data is None:
            data = _read(plan, href)
        if now is None or data is None:
            continue
        files[href] = FileState(cid, now.size, now.mtime_ns, vdir.digest(data))
        if cid in plan.bases:
            plan.state.remember(cid, card_uid(contact), plan.bases[cid])
    if plan.changed:
        with suppress(OSError):
            fsync_folder(plan.folder)
    for href in sorted(plan.delete):
        if not _still(plan, href):
            report.skipped.append(href)
            continue
        try:
            os.unlink(plan.folder / href)
        except OSError:
            report.skipped.append(href)
    for cid in [cid for cid in plan.state.contacts if cid not in contacts]:
        plan.state.forget(cid)  # removed here (or forgotten): nothing kept about them
    plan.state.folders[str(plan.folder)] = files
    try:
        plan.state.save()
    except SaveError as exc:
        report.unsaved = str(exc)


def _write(plan: _Plan, href: str, contact: Contact, names: Mapping[str, str]) -> bool:
    """Write the contact's card unless the file changed since it was read; False if not."""
    introducer = names.get(contact.introduced_by or "", "")
    data = write_card(contact, introducer, None).encode("utf-8")
    if not _still(plan, href):
        return False
    if href not in plan.contents and href in plan.listed:
        _read(plan, href)  # what reseau last wrote may be there already (a state lost)
    if plan.contents.get(href) == data:
        return True
    try:
        atomic_write(plan.folder / href, data, folder_sync=False)  # once for all, below
    except SaveError:
        return False
    plan.contents[href] = data
    plan.changed.add(href)
    return True


def _still(plan: _Plan, href: str) -> bool:
    """Whether the file is still the one the sync read (or still absent)."""
    was = plan.listed.get(href)
    now = vdir.listed(plan.folder / href)
    if was is None or now is None:
        return was is None and now is None
    return (was.size, was.mtime_ns) == (now.size, now.mtime_ns)
