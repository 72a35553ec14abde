"""Sync conflict copies: found next to the database, merged three-way, then moved aside.

When the file lives in a Syncthing or Dropbox folder and two machines save it
while apart, the sync tool keeps one version as the file and the other as a
conflict copy (`reseau.sync-conflict-20261126-101500-ABCDEFG.json`, or
`reseau (Camille's conflicted copy 2026-11-26).json`). Both hold changes
somebody made; neither may be dropped.

Revisions. Every commit stamps the file with a new revision id and keeps the
ids of the versions it descends from (`meta.revision.history`). A backup holds
the revision of the version it kept, so the common ancestor of two files is a
revision both histories contain.

The base of the merge is the newest file (the database, the copy, or a
backup next to them, newest backup first) whose revision is in the history of
both sides. A base that is too old only costs questions; a base newer than the
point where the machines parted would make one side's changes look like the
other side undid them, so a backup is never chosen by its date. When no common
revision is found (files written before revisions existed, or the backups were
pruned), the merge is two-way: every record from either side is kept, and a
field that differs is asked about.

Rules, record by record (matched by id) and field by field:
- a change made on one side only is taken;
- the same field changed differently on both sides is a `FieldConflict`, for
  the user to choose (until then this machine's value stands);
- a record deleted on one side stays deleted only if the other side left it
  untouched; a record changed on the other side is kept;
- a contact that a kept record still names (a meeting, a promise, an
  introduction) is kept too, so the merged file never points at nobody.

After the merged result is committed (through the `Store`: lock, replay,
atomic write), the copy is renamed with a `.merged` ending: never deleted.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson

from reseau_tui.domain.codec import Doc
from reseau_tui.i18n import _
from reseau_tui.store.backups import list_backups
from reseau_tui.store.errors import DamagedDatabase
from reseau_tui.store.loader import read_tables
from reseau_tui.store.migrations import META
from reseau_tui.store.operations import Change, Operation
from reseau_tui.store.tinydb_ext import Tables

Side = Literal["mine", "theirs"]
REVISION = "revision"
MERGED_PREFIX = "merged-"
HISTORY = 100  # revisions remembered: months of saves between two syncs
ASIDE = ".merged"

# Tables whose records reference contacts, and how.
_CONTACTS, _MEETINGS = "contacts", "meetings"


class _Absent:
    """A field that a record does not have (empty fields are left out of documents)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


# --- revisions -------------------------------------------------------------------


def revision_of(tables: Mapping[str, Any]) -> tuple[str | None, list[str]]:
    """The file's revision id and the ids of the versions it descends from (oldest first)."""
    meta = tables.get(META)
    record = meta.get(REVISION) if isinstance(meta, dict) else None
    if not isinstance(record, dict):
        return None, []
    rid = record.get("id")
    history = record.get("history")
    ids = [h for h in history if isinstance(h, str)] if isinstance(history, list) else []
    return (rid if isinstance(rid, str) else None), ids


def ancestry(tables: Mapping[str, Any]) -> set[str]:
    rid, history = revision_of(tables)
    return set(history) | ({rid} if rid else set())


def stamp_revision(tables: Tables) -> str:
    """Give the version about to be written a new revision id, remembering where it came from.

    A merge leaves `merged-*` markers in the meta table: the revisions of the copy
    it took in join the history, so merging the same copy again finds nothing new.
    """
    meta = tables.setdefault(META, {})
    rid, history = revision_of(tables)
    lines = list(history)
    for key in [k for k in meta if k.startswith(MERGED_PREFIX)]:
        marker = meta.pop(key)
        other_id, other_history = revision_of({META: {REVISION: marker}})
        lines += other_history + ([other_id] if other_id else [])
    if rid:
        lines.append(rid)
    # Keep each id once, at its latest place, and only the most recent ones.
    kept = list(reversed(dict.fromkeys(reversed(lines))))[-HISTORY:]
    new = uuid.uuid4().hex
    meta[REVISION] = {"id": new, "history": kept}
    return new


# --- finding conflict copies ---------------------------------------------------------


def _copy_patterns(path: Path) -> tuple[re.Pattern[str], ...]:
    stem, suffix = re.escape(path.stem), re.escape(path.suffix)
    return (
        re.compile(rf"^{stem}\.sync-conflict-\d{{8}}-\d{{6}}(-[A-Za-z0-9]+)?{suffix}$"),
        re.compile(rf"^{stem} \([^/]*(conflicted copy|copie en conflit)[^/]*\){suffix}$"),
    )


def conflict_copies(path: Path) -> list[Path]:
    """Conflict copies of `path` left by Syncthing, Dropbox or Nextcloud, oldest first."""
    patterns = _copy_patterns(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    found = [path.with_name(n) for n in names if any(p.match(n) for p in patterns)]
    found = [f for f in found if f.is_file()]

    def age(p: Path) -> tuple[float, str]:
        try:
            return (p.stat().st_mtime, p.name)
        except OSError:
            return (0.0, p.name)

    return sorted(found, key=age)


def move_aside(copy: Path) -> Path:
    """Rename a merged copy so it is not merged again; it is kept, never deleted."""
    target = copy.with_name(copy.name + ASIDE)
    n = 1
    while target.exists():
        n += 1
        target = copy.with_name(f"{copy.name}{ASIDE}-{n}")
    os.replace(copy, target)
    with suppress(OSError):
        os.chmod(target, 0o600)  # notes about people, whatever mode the sync tool gave it
    return target


def merged_copies(path: Path) -> list[Path]:
    """Copies already merged and moved aside (they still hold what they held)."""
    patterns = _copy_patterns(path)
    aside = re.compile(rf"{re.escape(ASIDE)}(-\d+)?$")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return sorted(
        path.with_name(n)
        for n in names
        if aside.search(n) and any(p.match(aside.sub("", n)) for p in patterns)
    )


# --- merging ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldConflict:
    """One field both sides changed, each its own way; `ABSENT` is a field left empty."""

    table: str
    record_id: str
    field: str
    base: Any
    mine: Any
    theirs: Any


@dataclass
class Merge:
    copy: Path
    base: Path | None  # the file the merge compared against; None: no common revision
    mine: Tables  # this machine's tables when the merge was prepared (a copy)
    theirs: Tables
    merged: Tables  # conflicts resolved with this machine's values
    conflicts: list[FieldConflict] = field(default_factory=list)
    taken: int = 0  # records added, changed or removed because of the copy
    kept: int = 0  # records changed on one side and deleted on the other, kept

    def resolved(self, choices: Mapping[int, Side] | Side = "mine") -> Tables:
        """The merged tables with each conflict settled (by index into `conflicts`)."""
        out = _copy_tables(self.merged)
        for n, conflict in enumerate(self.conflicts):
            side = choices if isinstance(choices, str) else choices.get(n, "mine")
            if side != "theirs":
                continue
            doc = out.get(conflict.table, {}).get(conflict.record_id)
            if doc is None:
                continue
            if conflict.theirs is ABSENT:
                doc.pop(conflict.field, None)
            else:
                doc[conflict.field] = conflict.theirs
        return out

    def operation(self, choices: Mapping[int, Side] | Side = "mine") -> Operation | None:
        """The changes that turn this machine's tables into the merged ones, as one operation.

        Relative to the tables the merge was prepared from, so replaying it on a
        newer file (another writer saved meanwhile) keeps that writer's changes.
        None when there is nothing to change and nothing to record.
        """
        changes = _diff(self.mine, self.resolved(choices))
        rid, history = revision_of(self.theirs)
        if rid and rid not in ancestry(self.mine):
            marker = {"id": rid, "history": history}
            changes.append(Change(META, MERGED_PREFIX + rid, "insert", marker))
        if not changes:
            return None
        label = _("merge the sync conflict copy {name}", name=self.copy.name)
        return Operation(label, tuple(changes))


def _copy_tables(tables: Tables) -> Tables:
    copied: Tables = orjson.loads(orjson.dumps(tables))
    return copied


Check = Callable[[Tables], None]


def prepare_merge(path: Path, mine: Tables, copy: Path, check: Check | None = None) -> Merge:
    """Merge `copy` into `mine` (a copy of the database at `path`'s tables). Writes nothing.

    Raises `DamagedDatabase` when the copy cannot be read as a reseau database.
    """
    theirs = read_tables(copy, check)
    if theirs is None:
        theirs = {}
    base_path, base = find_base(path, mine, copy, theirs)
    merged, conflicts, taken, kept = three_way(base, mine, theirs)
    return Merge(copy, base_path, mine, theirs, merged, conflicts, taken, kept)


def find_base(
    path: Path, mine: Tables, copy: Path, theirs: Tables
) -> tuple[Path | None, Tables | None]:
    """The newest version both sides descend from: the database, the copy, or a backup."""
    mine_id, _ = revision_of(mine)
    theirs_id, _ = revision_of(theirs)
    common = ancestry(mine) & ancestry(theirs)
    if not common:
        return None, None
    if mine_id in common:  # the copy descends from this file: it only adds
        return path, mine
    if theirs_id in common:  # this file already holds everything the copy has
        return copy, theirs
    for backup in list_backups(path):
        try:
            tables = read_tables(backup)
        except DamagedDatabase:
            continue
        if tables is not None and revision_of(tables)[0] in common:
            return backup, tables
    return None, None


def three_way(
    base: Tables | None, mine: Tables, theirs: Tables
) -> tuple[Tables, list[FieldConflict], int, int]:
    """Merge record by record and field by field; see the module's rules."""
    merged: Tables = {}
    conflicts: list[FieldConflict] = []
    taken = kept = 0
    for table in list(dict.fromkeys([*mine, *theirs])):
        mine_t, theirs_t = mine.get(table, {}), theirs.get(table, {})
        if table == META:
            merged[META] = dict(mine_t)
            continue
        base_t = base.get(table, {}) if base is not None else {}
        out: dict[str, Doc] = {}
        for rid in dict.fromkeys([*mine_t, *theirs_t]):
            m, t = mine_t.get(rid), theirs_t.get(rid)
            b = base_t.get(rid)
            if m is not None and t is not None:
                doc, found = _merge_fields(table, rid, b, m, t)
                conflicts += found
                if doc != m:
                    taken += 1
                out[rid] = doc
            elif m is not None:
                if b is not None and m == b:
                    taken += 1  # deleted there, untouched here: the deletion stands
                else:
                    if b is not None:
                        kept += 1  # changed here, deleted there: kept
                    out[rid] = m
            elif t is not None:
                if b is not None and t == b:
                    continue  # deleted here, untouched there: stays deleted
                if b is not None:
                    kept += 1
                taken += 1
                out[rid] = t
        merged[table] = out
    taken += _keep_referenced_contacts(merged, mine, theirs)
    return merged, conflicts, taken, kept


def _merge_fields(
    table: str, rid: str, base: Doc | None, mine: Doc, theirs: Doc
) -> tuple[Doc, list[FieldConflict]]:
    if mine == theirs:
        return dict(mine), []
    doc: Doc = {}
    conflicts = []
    for key in dict.fromkeys([*mine, *theirs]):
        m, t = mine.get(key, ABSENT), theirs.get(key, ABSENT)
        b = base.get(key, ABSENT) if base is not None else None
        if m == t:
            value = m
        elif base is not None and m == b:
            value = t
        elif base is not None and t == b:
            value = m
        else:
            conflicts.append(FieldConflict(table, rid, key, ABSENT if b is None else b, m, t))
            value = m
        if value is not ABSENT:
            doc[key] = value
    return doc, conflicts


def _keep_referenced_contacts(merged: Tables, mine: Tables, theirs: Tables) -> int:
    """Bring back a contact deleted on one side that a kept record still names."""
    contacts = merged.setdefault(_CONTACTS, {})
    named: set[str] = set()
    for doc in contacts.values():
        if isinstance(doc.get("introduced_by"), str):
            named.add(doc["introduced_by"])
    for meeting in merged.get(_MEETINGS, {}).values():
        named.update(c for c in meeting.get("contact_ids", ()) if isinstance(c, str))
        for promise in meeting.get("promises", ()):
            if isinstance(promise, dict) and isinstance(promise.get("contact_id"), str):
                named.add(promise["contact_id"])
    restored = 0
    for cid in sorted(named - contacts.keys()):
        kept = mine.get(_CONTACTS, {}).get(cid) or theirs.get(_CONTACTS, {}).get(cid)
        if kept is not None:
            contacts[cid] = kept
            restored += 1
    return restored


def _diff(old: Tables, new: Tables) -> list[Change]:
    changes: list[Change] = []
    for table in dict.fromkeys([*old, *new]):
        if table == META:
            continue
        old_t, new_t = old.get(table, {}), new.get(table, {})
        for rid in dict.fromkeys([*old_t, *new_t]):
            before, after = old_t.get(rid), new_t.get(rid)
            if before == after:
                continue
            if after is None:
                changes.append(Change(table, rid, "remove"))
            elif before is None:
                changes.append(Change(table, rid, "insert", dict(after)))
            else:
                fields = {k: v for k, v in after.items() if before.get(k, ABSENT) != v}
                unset = tuple(k for k in before if k not in after)
                changes.append(Change(table, rid, "update", fields, unset))
    return changes
