"""Import and export: the use cases behind `reseau import`, `reseau export` and the TUI.

An import reads the whole file, checks every record, matches duplicates
against the database (profile link, then email, then name), then applies one
operation holding every change, so the next commit saves all of it or none of
it, even when another writer's change makes it replay. A name alone never
merges two records whose links, emails or phones disagree: such a record is
imported apart and reported as a possible duplicate, for the user to merge on
purpose (`services.duplicates`). A file with problems imports nothing unless
the caller asks to skip the invalid records. The caller commits
(`Network.commit`), so a dry run is simply an import without it.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from reseau_tui.domain.codec import (
    action_from_doc,
    action_to_doc,
    contact_from_doc,
    contact_to_doc,
    meeting_from_doc,
    meeting_to_doc,
    milestone_from_doc,
    milestone_to_doc,
    settings_from_doc,
    settings_to_doc,
)
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import (
    CHANNELS,
    CIRCLES,
    OUTCOMES,
    Action,
    Contact,
    Meeting,
    Milestone,
    Settings,
    check_circle,
    new_id,
    validated_contact,
)
from reseau_tui.domain.state import (
    ACTIONS,
    CONTACTS,
    MEETINGS,
    MILESTONES,
    SETTINGS,
    SETTINGS_KEY,
)
from reseau_tui.domain.text import fold
from reseau_tui.domain.validation import MAX_NOTE, check_date, check_instant, clean_text
from reseau_tui.i18n import N_, Msg, _
from reseau_tui.io import (
    ImportFormat,
    csv_contacts,
    ics,
    json_backup,
    linkedin,
    vcard,
)
from reseau_tui.io.common import (
    ContactIndex,
    Draft,
    Match,
    NotUtf8,
    ParseResult,
    Problem,
    Progress,
    Unit,
    differences,
    fill_empty,
    read_text,
)
from reseau_tui.services.followups import describe, draft
from reseau_tui.services.labels import kind_label, table_name
from reseau_tui.services.network import Network
from reseau_tui.store import Change, Operation
from reseau_tui.store.migrations import CURRENT_SCHEMA, META, SCHEMA_KEY, migrate

PROGRESS_EVERY = 500


@dataclass
class Tally:
    new: int = 0
    merged: int = 0  # matched a record and filled some of its empty fields
    unchanged: int = 0  # matched a record that already had everything


@dataclass
class ImportReport:
    """What an import found and did (or, for a dry run or a refused file, would do)."""

    format: ImportFormat
    unit: Unit
    total: int = 0  # records in the file
    contacts: Tally = field(default_factory=Tally)
    others: dict[str, Tally] = field(default_factory=dict)  # JSON: meetings, milestones...
    nameless: int = 0  # skipped: no name (LinkedIn members who hide theirs)
    invalid: int = 0  # records with a problem (skipped only with skip_invalid)
    possible_duplicates: int = 0  # imported apart from a contact they might be
    differing: int = 0  # matched contacts the file gives other values for (theirs kept)
    skipped_lines: int = 0  # lines of kept records that could not be read
    problems: list[Problem] = field(default_factory=list)
    skip_invalid: bool = False
    applied: bool = False  # the changes are in the network, to be saved by the next commit

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.blocking]

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)

    @property
    def blocked(self) -> bool:
        """Problems keep this file out: it cannot be read, or has errors and none may be skipped."""
        return self.fatal or (bool(self.errors) and not self.skip_invalid)

    @property
    def changes(self) -> int:
        tallies = [self.contacts, *self.others.values()]
        return sum(t.new + t.merged for t in tallies)


def _noop(stage: str, done: int, total: int) -> None:
    pass


def import_file(
    network: Network,
    fmt: ImportFormat,
    data: bytes,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Read `data` as `fmt` and apply its records to `network` in one operation.

    Nothing is applied for a dry run, nor when the report is `blocked`. The
    caller commits. `progress(stage, done, total)` is called as records go by.
    """
    tick = progress or _noop
    report = ImportReport(fmt, "record" if fmt == "json" else "row", skip_invalid=skip_invalid)
    try:
        if fmt == "json":
            operation = _import_backup(network, data, report, tick)
        else:
            operation = _import_contacts(network, fmt, data, report, tick)
    except NotUtf8 as exc:
        report.problems.append(exc.problem)
        return report
    if operation is not None and operation.changes and not dry_run and not report.blocked:
        tick("saving", 0, len(operation.changes))
        network.apply(operation)
        tick("saving", len(operation.changes), len(operation.changes))
        report.applied = True
    return report


# --- contacts from vCard, LinkedIn and CSV -----------------------------------------


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


# What makes a record only possibly the contact of the same name (`Match.similar`).
_WHY = {
    "url": Msg("another profile link"),
    "email": Msg("another email"),
    "phone": Msg("another phone number"),
    "id": Msg("the same id in the file, under another name"),
}
# Fields a matched record may give other values for, as the report names them.
_FIELD_WORDS = {
    "name": N_("name"),
    "company": N_("company"),
    "role": N_("role"),
    "email": N_("email"),
    "phone": N_("phone"),
    "url": N_("profile link"),
    "notes": N_("notes"),
    "birthday": N_("birthday"),
    "circle": N_("circle"),
    "cadence_days": N_("keep-in-touch cadence"),
}
_SHOWN = 60  # characters of a value quoted in a report line


def _shown(value: str) -> str:
    text = " ".join(value.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _who(c: Contact) -> str:
    """A contact as a report line tells them apart from another of the same name."""
    detail = c.email or c.phone or c.company
    return f"{c.name!r} ({detail})" if detail else repr(c.name)


def _possible_duplicate(d: Draft, unit: Unit, found: Match, index: ContactIndex) -> Problem:
    where: dict[str, Any] = {"line": d.line, "unit": unit, "number": d.number, "name": d.name}
    cid, reason = found.similar[0]
    if reason == "name":
        return Problem(
            "possible duplicate: {count} contacts are named {who!r}; imported as a separate "
            "contact (reseau duplicates lists them)",
            {"count": len(found.similar), "who": index.by_id[cid].name},
            blocking=False,
            **where,
        )
    return Problem(
        "possible duplicate of {who}: {why}; imported as a separate contact "
        "(reseau duplicates lists them)",
        {"who": _who(index.by_id[cid]), "why": _WHY[reason]},
        blocking=False,
        **where,
    )


def _difference(d: Draft, unit: Unit, field_name: str, theirs: str, ours: str) -> Problem:
    """A field a matched record gives another value for: said, the user's value kept."""
    return Problem(
        "the file says {theirs!r}; yours is kept: {ours!r}",
        {"theirs": _shown(theirs), "ours": _shown(ours)},
        line=d.line,
        unit=unit,
        number=d.number,
        name=d.name,
        field=_FIELD_WORDS.get(field_name, field_name),
        blocking=False,
    )


def _record_problem(d: Draft, unit: Unit, exc: InvalidInput) -> Problem:
    return Problem(
        exc.template,
        exc.values,
        line=d.line,
        unit=unit,
        number=d.number,
        name=d.name,
        field=exc.field,
    )


def _contact_id(d: Draft, taken: set[str]) -> str:
    """The file's own id when it is a UUID not used yet (our vCard export), else a new one."""
    try:
        wanted = str(uuid.UUID(d.uid)) if d.uid else ""
    except ValueError:
        wanted = ""
    if wanted and wanted not in taken:
        return wanted
    return new_id()


def _import_contacts(
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
            report.problems.append(_record_problem(d, parsed.unit, exc))
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
                report.problems.append(_possible_duplicate(d, parsed.unit, found, index))
                report.possible_duplicates += 1
            planned[contact.id] = contact
            index.put(contact)
            report.contacts.new += 1
            target_of.append((d, contact.id))
            continue
        current = planned.get(found.id) or index.by_id[found.id]
        merged = fill_empty(current, contact)
        kept = differences(current, contact, d.emails)
        report.problems.extend(_difference(d, parsed.unit, *diff) for diff in kept)
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
                    _difference(d, report.unit, "introduced_by", index.by_id[ids[0]].name, ours),
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
        old_doc = contact_to_doc(old)
        changed = {k: v for k, v in new_doc.items() if old_doc.get(k) != v}
        if changed:
            changes.append(Change(CONTACTS, cid, "update", changed))
    inserts = sum(1 for c in changes if c.kind == "insert")
    label = _(
        "import {format}: {new} new, {merged} merged contacts",
        format=fmt,
        new=inserts,
        merged=len(changes) - inserts,
    )
    return Operation(label, tuple(changes))


# --- the JSON backup ---------------------------------------------------------------------


def _check_meeting(m: Meeting) -> None:
    check_instant("when", m.when)
    if m.channel not in CHANNELS:
        raise InvalidInput("channel", "unknown channel {channel!r}", channel=m.channel)
    if not m.contact_ids:
        raise InvalidInput("contacts", "a meeting needs at least one person")
    for name in ("place",):
        clean_text(name, getattr(m, name))
    for name in ("note", "learned", "advice"):
        clean_text(name, getattr(m, name), limit=MAX_NOTE)
    for lead in m.leads:
        clean_text("lead", lead)
    for p in m.promises:
        clean_text("promise", p.text, required=True)
        if p.due is not None:
            check_date("promise due", p.due)


def _check_milestone(m: Milestone) -> None:
    clean_text("milestone", m.text, required=True)
    check_instant("when", m.when)


def _check_action(a: Action) -> None:
    if a.outcome not in OUTCOMES:
        raise InvalidInput("outcome", "unknown outcome {outcome!r}", outcome=a.outcome)
    check_instant("at", a.at)
    if a.until is not None:
        check_instant("until", a.until)
    clean_text("text", a.text, limit=MAX_NOTE)


def _check_settings(doc: dict[str, Any]) -> Settings:
    settings = settings_from_doc(doc)
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if f.name == "circle_cadences":
            if not all(
                isinstance(k, str) and (v is None or (type(v) is int and 1 <= v <= 3650))
                for k, v in dict(value).items()
            ):
                raise InvalidInput("settings", "circle cadences must be days from 1 to 3650")
        elif f.name == "circle_latest":
            if not all(type(v) is int and 1 <= v <= 3650 for v in dict(value).values()):
                raise InvalidInput("settings", "circle cadences must be days from 1 to 3650")
        elif isinstance(f.default, bool):  # whether introducers are thanked, birthdays wished
            if type(value) is not bool:
                raise InvalidInput("settings", "{name} must be true or false", name=f.name)
        elif f.name == "language":
            if value not in (None, "en", "fr"):
                raise InvalidInput("settings", "unknown language {value!r}", value=value)
        elif isinstance(f.default, str):  # the signature: text as typed, one line
            if not isinstance(value, str):
                raise InvalidInput("settings", "{name} must be text", name=f.name)
            clean_text(f.name, value)
        elif type(value) is not int or not 0 <= value <= 36500:
            raise InvalidInput("settings", "{name} must be a number of days or hours", name=f.name)
    return settings


def _checked_contact(c: Contact, circles: Iterable[str]) -> Contact:
    checked = validated_contact(replace(c, circle=None))
    return replace(checked, circle=check_circle(c.circle, circles))


_DECODERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    CONTACTS: contact_from_doc,
    MEETINGS: meeting_from_doc,
    MILESTONES: milestone_from_doc,
    ACTIONS: action_from_doc,
}
_ENCODERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    CONTACTS: contact_to_doc,
    MEETINGS: meeting_to_doc,
    MILESTONES: milestone_to_doc,
    ACTIONS: action_to_doc,
}


def _import_backup(
    network: Network, data: bytes, report: ImportReport, tick: Progress
) -> Operation | None:
    backup = json_backup.load_backup(data)  # raises NotUtf8
    report.problems.extend(backup.problems)
    if backup.schema_version > CURRENT_SCHEMA:
        report.problems.append(
            Problem(
                "the backup was written by a newer reseau (schema {version}; "
                "this one reads up to {current})",
                {"version": backup.schema_version, "current": CURRENT_SCHEMA},
                fatal=True,
            )
        )
    if report.fatal:
        return None
    tables = _migrated(backup)
    state = network.state
    report.total = sum(len(tables[t]) for t in _DECODERS)
    settings_doc = backup.settings
    circles = dict.fromkeys([*CIRCLES, *state.settings.circle_cadences])
    settings: Settings | None = None
    if settings_doc is not None:
        try:
            settings = _check_settings(settings_doc)
            circles.update(dict.fromkeys(settings.circle_cadences))
        except (InvalidInput, TypeError, ValueError) as exc:
            report.problems.append(_backup_problem(exc, 0, 0, "settings", ""))
    records: dict[str, list[tuple[int, Any]]] = {t: [] for t in _DECODERS}
    invalid = 0
    done = 0
    for table, decode in _DECODERS.items():
        seen: set[str] = set()
        for number, (line, doc) in enumerate(tables[table], start=1):
            done += 1
            if done % PROGRESS_EVERY == 0:
                tick("checking", done, report.total)
            try:
                record = decode(doc)
                if record.id in seen:
                    raise InvalidInput("id", "appears twice in {table}", table=table)
                seen.add(record.id)
                record = _check_record(table, record, circles)
            except (InvalidInput, KeyError, TypeError, ValueError, AttributeError) as exc:
                report.problems.append(
                    _backup_problem(exc, line, number, table, str(doc.get("name", "")))
                )
                invalid += 1
                continue
            records[table].append((line, record))
    report.invalid = invalid
    in_backup = {str(doc.get("id")) for _line, doc in tables[CONTACTS]}
    _warn_dangling(records, set(state.contacts) | in_backup, report)
    operation = _backup_operation(network, records, settings, settings_doc, report)
    report.problems.sort(key=lambda p: (p.line or 0, not p.blocking))
    return operation


def _migrated(backup: json_backup.Backup) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """The backup's records brought to the current schema (lines kept by id)."""
    lines = {doc["id"]: line for t in backup.records.values() for line, doc in t}
    tables: dict[str, dict[str, dict[str, Any]]] = {
        t: {} for t in (CONTACTS, MEETINGS, MILESTONES, ACTIONS)
    }
    duplicates: dict[str, list[tuple[int, dict[str, Any]]]] = {t: [] for t in tables}
    for table, items in backup.records.items():
        for line, doc in items:
            if doc["id"] in tables[table]:
                duplicates[table].append((line, doc))
            else:
                tables[table][doc["id"]] = doc
    raw: dict[str, dict[str, dict[str, Any]]] = dict(tables)
    raw[META] = {SCHEMA_KEY: {"schema_version": backup.schema_version}}
    migrated = migrate(raw)
    out = {t: [(lines.get(i, 0), d) for i, d in migrated.get(t, {}).items()] for t in tables}
    for t, extra in duplicates.items():
        out[t].extend(extra)  # reported as duplicates when checked
    return out


def _check_record(table: str, record: Any, circles: Iterable[str]) -> Any:
    if table == CONTACTS:
        return _checked_contact(record, circles)
    if table == MEETINGS:
        _check_meeting(record)
    elif table == MILESTONES:
        _check_milestone(record)
    else:
        _check_action(record)
    return record


def _backup_problem(exc: Exception, line: int, number: int, table: str, name: str) -> Problem:
    where: dict[str, Any] = {
        "line": line or None,
        "unit": "record",
        "number": number or None,
        "name": name,
    }
    if isinstance(exc, InvalidInput):
        return Problem(exc.template, exc.values, field=f"{table}: {exc.field}", **where)
    reason = f"{type(exc).__name__}: {exc}"
    return Problem(
        "{table}: the record has the wrong shape ({reason})",
        {"table": table, "reason": reason},
        **where,
    )


def _warn_dangling(
    records: dict[str, list[tuple[int, Any]]], known: set[str], report: ImportReport
) -> None:
    for line, m in records[MEETINGS]:
        missing = [cid for cid in m.contact_ids if cid not in known]
        missing += [p.contact_id for p in m.promises if p.contact_id and p.contact_id not in known]
        if missing:
            report.problems.append(
                Problem(
                    "meeting {id} names contacts that are neither in the backup nor in "
                    "the database: {ids}",
                    {"id": m.id, "ids": ", ".join(missing)},
                    line=line or None,
                    unit="record",
                    blocking=False,
                )
            )


def _backup_operation(
    network: Network,
    records: dict[str, list[tuple[int, Any]]],
    settings: Settings | None,
    settings_doc: dict[str, Any] | None,
    report: ImportReport,
) -> Operation:
    """Records new to the database are inserted; a contact already there (same id) gets its
    empty fields filled; any other record already there is kept as it is."""
    state = network.state
    existing: dict[str, dict[str, Any]] = {
        CONTACTS: state.contacts,
        MEETINGS: state.meetings,
        MILESTONES: state.milestones,
        ACTIONS: state.actions,
    }
    changes: list[Change] = []
    for table, items in records.items():
        tally = report.contacts if table == CONTACTS else report.others.setdefault(table, Tally())
        encode = _ENCODERS[table]
        for line, record in items:
            current = existing[table].get(record.id)
            if current is None:
                changes.append(Change(table, record.id, "insert", encode(record)))
                tally.new += 1
                continue
            if table != CONTACTS:
                tally.unchanged += 1
                continue
            kept = differences(current, record)
            where = Draft(line, 0, current.name)
            report.problems.extend(
                replace(_difference(where, "record", *diff), line=line or None, number=None)
                for diff in kept
            )
            report.differing += bool(kept)
            merged = fill_empty(current, record)
            if current.introduced_by is None and record.introduced_by is not None:
                merged = replace(merged, introduced_by=record.introduced_by)
            old_doc, new_doc = contact_to_doc(current), contact_to_doc(merged)
            diff = {k: v for k, v in new_doc.items() if old_doc.get(k) != v}
            if diff:
                changes.append(Change(CONTACTS, record.id, "update", diff))
                tally.merged += 1
            else:
                tally.unchanged += 1
    if settings is not None and settings_doc is not None:
        tally = report.others.setdefault(SETTINGS, Tally())
        if network.store.db.records(SETTINGS).has(SETTINGS_KEY):
            tally.unchanged += 1
        else:
            doc = settings_to_doc(settings) | {"id": SETTINGS_KEY}
            changes.append(Change(SETTINGS, SETTINGS_KEY, "insert", doc))
            tally.new += 1
    counts = Counter(c.table for c in changes)
    label = _(
        "import backup: {counts}",
        counts=", ".join(f"{n} {table_name(t)}" for t, n in sorted(counts.items())),
    )
    return Operation(label, tuple(changes))


# --- export ----------------------------------------------------------------------------------


def _contacts_in_order(network: Network) -> list[Contact]:
    return sorted(network.state.contacts.values(), key=lambda c: (fold(c.name), c.name, c.id))


def _introducer_names(network: Network) -> dict[str, str]:
    return {cid: c.name for cid, c in network.state.contacts.items()}


def export_vcard(network: Network, version: vcard.Version = "4.0") -> bytes:
    contacts = _contacts_in_order(network)
    text = vcard.write_vcards(contacts, _introducer_names(network), version)
    return text.encode("utf-8")


def export_csv(network: Network, *, excel: bool = False) -> bytes:
    """Comma-separated UTF-8; with `excel`, what Excel opens as is in French and most of
    Europe: semicolons (the comma is the decimal mark there), a byte-order mark,
    without which accents come out as "ZoÃ«", and phone numbers as text, which
    keep their 0 and +. The importer reads both."""
    contacts, names = _contacts_in_order(network), _introducer_names(network)
    if excel:
        text = csv_contacts.write_csv(contacts, names, delimiter=";", excel=True)
        return ("\ufeff" + text).encode("utf-8")
    return csv_contacts.write_csv(contacts, names).encode("utf-8")


def export_json(network: Network) -> bytes:
    """Everything: restoring it into an empty database gives the same database.

    Records go through the codec, so their fields always come in the same order
    and two backups of the same data are the same bytes.
    """
    state = network.state
    docs: dict[str, list[dict[str, Any]]] = {
        CONTACTS: [contact_to_doc(c) for c in state.contacts.values()],
        MEETINGS: [meeting_to_doc(m) for m in state.meetings.values()],
        MILESTONES: [milestone_to_doc(m) for m in state.milestones.values()],
        ACTIONS: [action_to_doc(a) for a in state.actions.values()],
    }
    stored = network.store.tables.get(SETTINGS, {}).get(SETTINGS_KEY)
    settings = dict(sorted(stored.items())) if stored is not None else None
    return json_backup.dump_backup(docs, settings, CURRENT_SCHEMA, network.now().isoformat())


def calendar_entries(network: Network, at: datetime | None = None) -> list[ics.Entry]:
    """Every open follow-up (upcoming, due, overdue, snoozed) with its draft message."""
    now = at or network.now()
    tz = network.clock.tz
    state = network.state
    today: date = now.astimezone(tz).date()
    entries = []
    for item in network.queue(now).items:
        view = describe(item, state, now, tz)
        due = item.snoozed_until if item.state == "snoozed" and item.snoozed_until else item.due
        text = draft(item, state, tz)
        about = f"{view.about}\n\n" if view.about else ""
        entries.append(
            ics.Entry(
                item_id=item.id,
                summary=_("{kind}: {person}", kind=view.kind, person=view.person),
                description=about + text,
                due=due,
                day=max(due.astimezone(tz).date(), today),
                category=kind_label(item.kind),
            )
        )
    return entries


def export_ics(network: Network, *, events: bool = False) -> bytes:
    entries = calendar_entries(network)
    return ics.write_calendar(
        entries, now=network.now(), events=events, name=_("reseau follow-ups")
    )
