"""What earlier runs found in this database file, and what changed since: so a run skips the scan.

Deriving the queue scans every meeting and decision (seconds at 100,000
meetings). A run that did it keeps its findings (`store.derived`); a later run
on exactly that file restores them. A run that saved without deriving the
queue (`reseau log`) notes the records it changed, and the next run replays
those few changes on the findings it descends from. Anything else (another
program's save, a sync, an edit by hand) finds nothing and scans.

The owner (`Network`) holds the lock: these methods only read and write the
kept files and remember which findings the loaded file descends from.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

from reseau_tui.domain.live_queue import RESCAN_FROM
from reseau_tui.domain.saved_queue import SavedQueue, instant
from reseau_tui.domain.state import MEETINGS, NetworkState
from reseau_tui.store.derived import (
    derived_key,
    forget_derived,
    read_changes,
    read_derived,
    read_head,
    write_changes,
    write_derived,
)
from reseau_tui.store.files import Fingerprint, fingerprint
from reseau_tui.store.sync import revision_of
from reseau_tui.store.tinydb_ext import Tables

Touched = tuple[str, str, str]  # (table, record id, insert/update/remove)
Key = dict[str, Any]


@dataclass
class Found:
    """Findings that apply to the file as loaded, once `replay` is caught up with.

    `head` is read at once (`store.derived.read_head`); the whole findings, only
    when the queue is restored (`data`): a `reseau due` needs the head alone.
    """

    head: dict[str, Any]
    replay: list[Touched]  # empty: kept for this very file (already checked, too)
    path: Path
    key: Key
    _data: dict[str, Any] | None = None

    @property
    def data(self) -> dict[str, Any]:
        """The whole findings; KeyError when they cannot be read (the caller then scans)."""
        if self._data is None:
            self._data = read_derived(self.path, self.key)
            if self._data is None:
                raise KeyError("the findings beside this head cannot be read")
        return self._data


class KeptFindings:
    def __init__(self, path: Path, zone: tzinfo) -> None:
        self.path = path
        self.zone = str(getattr(zone, "key", zone))
        self._base: Key | None = None  # the findings the records in memory descend from
        self._since: list[Touched] = []  # and the record changes made since

    def key(self, identity: Fingerprint, tables: Tables) -> Key | None:
        return derived_key(identity, revision_of(tables)[0], self.zone)

    def look_up(self, tables: Tables) -> Found | None:
        """The findings for the file these tables were just read from, if any were kept."""
        key = self.key(fingerprint(self.path), tables)
        head, base = read_head(self.path, key), key
        replay: list[Touched] = []
        if head is None and (noted := read_changes(self.path, key)) is not None:
            base, replay = noted
            head = read_head(self.path, base)
        if head is None or base is None:
            self._base, self._since = None, []
            return None
        self._base, self._since = base, list(replay)
        return Found(head, replay, self.path, base)

    def seed(self, state: NetworkState, tables: Tables, found: Found) -> None:
        """Each person's last meeting from the findings, so the contact list needs no journal."""
        with suppress(KeyError, TypeError, ValueError, AttributeError):
            _seed_last_met(state, tables, found.head["last_met"], found.replay)

    # --- as the records change and are saved ------------------------------------------

    def changed(self, changes: list[Touched]) -> None:
        if self._base is not None:
            self._since.extend(changes)

    def lost_track(self) -> None:
        """Another writer's changes came in: they are noted nowhere, the next run scans."""
        self._base, self._since = None, []

    def rebase(self, key: Key | None) -> None:
        """The findings about to be kept are for this file: nothing has changed since."""
        self._base, self._since = key, []

    def keep(self, key: Key | None, saved: SavedQueue, last_met: dict[str, Any] | None) -> None:
        """Write the findings for the file `key` (slow part: call it outside the lock)."""
        head = saved.head() or {}
        if last_met is not None:
            head["last_met"] = {cid: at.isoformat() for cid, at in last_met.items()}
        write_derived(self.path, key, saved.data(), head)

    def note_for(self, key: Key | None) -> tuple[Key, Key | None, list[list[str]]] | None:
        """What to note after a save with no queue to keep: None when there is nothing to say."""
        if self._base is None or len(self._since) >= RESCAN_FROM:
            return None
        return self._base, key, [list(change) for change in self._since]

    def note(self, noted: tuple[Key, Key | None, list[list[str]]]) -> None:
        write_changes(self.path, *noted)

    def forget(self) -> None:
        forget_derived(self.path)


def _seed_last_met(
    state: NetworkState, tables: Tables, kept: dict[str, str], replay: list[Touched]
) -> None:
    """Each person's last meeting from the findings, moved on by meetings logged since."""
    last = {cid: instant(at) for cid, at in kept.items()}
    for table, record_id, kind in replay:
        if table != MEETINGS:
            continue
        if kind != "insert":
            return  # a meeting edited or removed since: built from the journal instead
        doc = tables[MEETINGS][record_id]
        when = instant(doc["when"])
        for cid in doc["contact_ids"]:
            if cid not in last or when > last[cid]:
                last[cid] = when
    state.seed_last_met(last)
