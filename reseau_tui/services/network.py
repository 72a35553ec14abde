"""The network as the CLI and the TUI use it: load, change through operations, commit.

`Network` keeps the domain state (with its indexes) in step with the store:
every operation refreshes exactly the records it touched, and a reload after
another writer's change rebuilds the state once.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime
from operator import attrgetter, methodcaller
from pathlib import Path
from typing import Any

from reseau_tui.domain.clock import Clock, SystemClock
from reseau_tui.domain.codec import (
    action_to_doc,
    contact_to_doc,
    doc_update,
    meeting_to_doc,
    milestone_to_doc,
    settings_to_doc,
)
from reseau_tui.domain.engine import FollowUp, Queue
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.integrity import check_tables
from reseau_tui.domain.live_queue import LiveQueue
from reseau_tui.domain.models import (
    Action,
    Contact,
    Meeting,
    Milestone,
    Outcome,
    Settings,
    create_action,
    create_contact,
    create_meeting,
    create_milestone,
    validated_contact,
)
from reseau_tui.domain.saved_queue import actionable_as_of, items_of_as_of
from reseau_tui.domain.state import (
    ACTIONS,
    CONTACTS,
    MEETINGS,
    MILESTONES,
    SETTINGS,
    SETTINGS_KEY,
    NetworkState,
)
from reseau_tui.i18n import _
from reseau_tui.io import card_lines
from reseau_tui.services.collector import records_built
from reseau_tui.services.kept_findings import Found, KeptFindings
from reseau_tui.services.labels import kind_label
from reseau_tui.services.matching import resolve_name
from reseau_tui.services.outside_changes import Counts, count_changes
from reseau_tui.store import CommitReport, Operation, OperationConflict, Store, sync
from reseau_tui.store.loader import Rest
from reseau_tui.store.operations import Applied
from reseau_tui.store.tinydb_ext import Tables


class ChangedElsewhere(Exception):
    """An edit of fields that another writer changed since the user started editing them.

    `contact` is the record as it is now (None: it was removed elsewhere), `fields`
    the fields whose current value is neither the one the user started from nor
    the one they typed. Nothing was applied: the user decides.
    """

    def __init__(self, contact_id: str, contact: Contact | None, fields: tuple[str, ...]) -> None:
        super().__init__(f"{contact_id}: changed elsewhere: {', '.join(fields) or 'removed'}")
        self.contact_id = contact_id
        self.contact = contact
        self.fields = fields


class Network:
    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.clock: Clock = clock or SystemClock()
        self._checked: tuple[int, NetworkState] | None = None
        self._kept = KeptFindings(path, self.clock.tz)
        self._found: Found | None = None  # what a previous run found, for the records as loaded
        self._unkept = False  # the queue was scanned or caught up, and not kept since
        with records_built():
            # The journal's part of a large file is parsed after the first frame (`loader.Rest`).
            self.store = Store(path, check=self._check, later=(MEETINGS, ACTIONS))
            self.state = self._state_of(self.store.tables_so_far)
        self._lock = threading.RLock()
        self._live: LiveQueue | None = None  # built on the first `queue()`: `log` needs none
        self.outside: Counts = Counter()  # what the last reload took in from another writer
        self._recorded = threading.local()  # see `recording`
        # Told of every operation applied, with what undoes it (`services.history`).
        self.on_applied: list[Callable[[Applied], None]] = []
        self._when_saved: list[Callable[[], None]] = []  # see `when_saved`

    def _check(self, tables: Tables, rest: Rest) -> None:
        """Build the state while loading: a record that cannot be read makes the file damaged.

        The state is kept, so loading a large file builds it once, not twice. A
        file that a previous run already checked and scanned, unchanged since
        (see `store.derived`), is not checked again, and its scan is reused; nor
        is one that a reseau command then saved, noting the records it changed:
        those were made by this program, and the rest is as checked.
        """
        found = self._found = self._kept.look_up(tables)
        if found is not None:
            if any(table == MEETINGS for table, _, _ in found.replay):
                rest.complete(MEETINGS)  # the last meetings are moved on by those logged since
            state = NetworkState.from_tables(tables, checked=True, later=rest)
            self._kept.seed(state, tables, found)
        else:
            rest.complete()
            check_tables(tables)  # every record, field by field: a bad one is damage, not a crash
            state = NetworkState.from_tables(tables)
        self._checked = (id(tables), state)

    def _keep_findings(self, live: LiveQueue) -> None:
        """Keep what the engine found, when the records are exactly those of the file."""
        with self._lock:
            if self.store.pending or self._live is not live or not self.store.exists:
                return
            key = self._kept.key(self.store.fingerprint, self.store.tables)
            saved, last_met = live.saved(), self.state.known_last_met()
            self._kept.rebase(key)
            self._unkept = False
        self._kept.keep(key, saved, last_met)

    def _note_changes(self) -> None:
        """After a save with no queue to keep, the changes since the findings, for the next run."""
        with self._lock:
            if self.store.pending:
                return
            noted = self._kept.note_for(self._kept.key(self.store.fingerprint, self.store.tables))
        if noted is not None:
            self._kept.note(noted)

    def _state_of(self, tables: Tables) -> NetworkState:
        if self._checked is not None and self._checked[0] == id(tables):
            state = self._checked[1]
            self._checked = None
            return state
        return NetworkState.from_tables(self.store.tables)

    # --- reading -------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.store.path

    def now(self) -> datetime:
        return self.clock.now()

    def queue(self, at: datetime | None = None) -> Queue:
        """The follow-ups as of `at` (default now), kept current change by change."""
        with self._lock:
            if self._live is None:
                self._live = self._start_queue()
                self._unkept = bool(self._live.rescans or self._live.replayed)
            return self._live.queue(at or self.now())

    def actionable(self, at: datetime | None = None) -> list[FollowUp]:
        """`queue(at).actionable()`, read from what an earlier run kept when nothing changed since.

        Restoring the whole queue means tens of thousands of items, most of them
        upcoming or lapsed; `reseau due` shows the few due and overdue ones.
        """
        return self._from_kept(
            at,
            lambda found, when: actionable_as_of(found.head, when, self.clock.tz),
            lambda queue: queue.actionable(),
        )

    def items_of(self, contact_id: str, at: datetime | None = None) -> list[FollowUp]:
        """One person's items of `queue(at)`, read from what an earlier run kept when it can.

        As for `actionable`: a `reseau show` needs a few items, not tens of thousands.
        """
        return self._from_kept(
            at,
            lambda found, when: items_of_as_of(
                found.data, found.head, contact_id, when, self.clock.tz
            ),
            lambda queue: [i for i in queue.items if i.contact_id == contact_id],
        )

    def _from_kept(
        self,
        at: datetime | None,
        read: Callable[[Found, datetime], list[FollowUp] | None],
        of_queue: Callable[[Queue], list[FollowUp]],
    ) -> list[FollowUp]:
        """Items read from the kept findings (`read`), else from the queue restored (`of_queue`).

        When an item changed state since they were kept, the queue is restored and
        brought up to now, and (for `at` None: now) kept again once the command's
        output is printed, so that the next runs read them again.
        """
        with self._lock:
            found = self._found
            kept = self._live is None and found is not None and not found.replay
            if kept and found is not None:
                with suppress(KeyError, TypeError, ValueError, AttributeError):
                    items = read(found, at or self.now())
                    if items is not None:
                        return items
            queue = self.queue(at)
            if kept and at is None:
                self._unkept = True
            return of_queue(queue)

    def keep_findings(self) -> None:
        """Keep what this run's queue found, if it scanned or caught up: the next run starts there.

        And where the tables lie in a large file read whole (`store.layout`), so
        the next run parses only what its first screen shows. Encoding and writing
        take a fraction of a second at scale: the app calls this from a worker, a
        command once its output is printed.
        """
        if self._unkept and self._live is not None:
            self._keep_findings(self._live)
        self.store.keep_layout()

    def _start_queue(self) -> LiveQueue:
        found, self._found = self._found, None
        with records_built():
            if found is not None and not self.store.pending:
                with suppress(KeyError, TypeError, ValueError, AttributeError):
                    live = LiveQueue.restored(self.state, self.clock.tz, found.data)
                    if found.replay:  # what shell commands changed since: a scan only if needed
                        live.catch_up(found.replay)
                    return live
            return LiveQueue(self.state, self.clock.tz)

    def forget_findings(self) -> None:
        """Remove what was kept of the engine's scans of this file (see `store.derived`).

        It holds ids and dates only, but after `reseau forget` nothing about the
        person should outlive the change; the next run scans again.
        """
        self._kept.forget()

    def warm(self) -> None:
        """Build the journal and the decisions now (on a worker), before a view or a change asks.

        Built aside without the lock, from a snapshot of the records, then
        swapped in under it (`NetworkState.take`): a change made in the first
        second after opening a large file does not wait for 300,000 records.
        If a meeting or decision changed meanwhile, they are built under the
        lock instead, in steps, each holding it only as long as it must.
        """
        self.store.rest.complete()  # the store's own lock keeps this safe
        state = self.state
        with records_built():
            prepared = state.prepared()
        with self._lock:
            taken = self.state is state and state.take(prepared)
        if not taken:  # changed meanwhile: built from the records as they are now, in steps
            for build in (attrgetter("meetings"), methodcaller("journal"), attrgetter("actions")):
                with self._lock, records_built():
                    build(self.state)
                _let_waiters_in()
        with self._lock:
            self.state.search_keys  # noqa: B018 - built on first use, if `take` could not

    def contact(self, contact_id: str) -> Contact:
        return self.state.contacts[contact_id]

    def find(self, name: str) -> Contact:
        return resolve_name(self.state, name)

    def search(self, query: str, include_archived: bool = True) -> list[Contact]:
        return self.state.search_contacts(query, include_archived=include_archived)

    # --- changing ------------------------------------------------------------

    @contextmanager
    def recording(self) -> Iterator[list[Operation]]:
        """The operations this thread applies inside the block, in order.

        The app tells the user a change is saved only once the commit that made
        these very operations durable has reported (`CommitReport.operations`).
        """
        outer = getattr(self._recorded, "ops", None)
        ops: list[Operation] = []
        self._recorded.ops = ops
        try:
            yield ops
        finally:
            self._recorded.ops = outer
            if outer is not None:
                outer.extend(ops)

    def apply(self, op: Operation) -> Applied:
        """Apply one operation in memory and refresh the records it touched.

        Returns it as applied, with the operation that undoes it. Raises
        `OperationConflict` (nothing applied) when it does not apply.
        """
        recorded = getattr(self._recorded, "ops", None)
        with self._lock:
            applied = self.store.apply(op)
            self._found = None  # kept for the records as loaded, which this changes
            self._kept.changed([(ch.table, ch.record_id, ch.kind) for ch in op.changes])
            for table, record_id in applied.touched:
                doc = self.store.db.records(table).record(record_id)
                self.state.refresh(table, record_id, doc)
            if self._live is not None:
                self._live.changed((ch.table, ch.record_id, ch.kind) for ch in op.changes)
        if recorded is not None:
            recorded.append(op)
        for hook in self.on_applied:
            hook(applied)
        return applied

    def add_contact(self, name: str, **fields: Any) -> Contact:
        """Add a person; raises `InvalidInput` for bad fields or an unknown introducer."""
        introducer = fields.get("introduced_by")
        if introducer is not None and introducer not in self.state.contacts:
            raise InvalidInput("introduced by", "no such contact")
        circles = self.state.settings.circle_cadences  # reseau's and the user's own
        contact = create_contact(name, created=self.now(), circles=circles, **fields)
        self.apply(
            Operation.insert(
                _("add contact {name}", name=contact.name), CONTACTS, contact_to_doc(contact)
            )
        )
        return contact

    def edit_contact(
        self, contact_id: str, *, expected: Mapping[str, Any] | None = None, **changes: Any
    ) -> Contact:
        """Change some fields of a contact; only those fields are written (and replayed).

        `expected`: the values the user started from (the form as it opened). A
        field in `changes` whose current value differs from the expected one, and
        from the new one, was changed by another writer meanwhile (a `reseau
        import`, another app): rather than undo that silently, `ChangedElsewhere`
        is raised and nothing is applied. A field left out is never written, so
        what others changed in it stays. Raises `InvalidInput` for bad values and
        for an introducer who is not (or no longer) a contact.
        """
        with self._lock:
            old = self.state.contacts.get(contact_id)
            if old is None:
                raise ChangedElsewhere(contact_id, None, ())
            new = validated_contact(replace(old, **changes), self.state.settings.circle_cadences)
            new = card_lines.refreshed(new)  # a card keeps no value the user replaced
            if new.introduced_by == contact_id:
                raise InvalidInput("introduced by", "a contact cannot introduce themselves")
            introducer = new.introduced_by if "introduced_by" in changes else None
            if introducer is not None and introducer not in self.state.contacts:
                raise InvalidInput("introduced by", "no such contact")
            if expected is not None:
                clashes = tuple(
                    k
                    for k in changes
                    if k in expected
                    and getattr(old, k) != expected[k]
                    and getattr(old, k) != getattr(new, k)
                )
                if clashes:
                    raise ChangedElsewhere(contact_id, old, clashes)
            old_doc, new_doc = contact_to_doc(old), contact_to_doc(new)
            fields, unset = doc_update(old_doc, new_doc)
            if fields or unset:
                self.apply(
                    Operation.update(
                        _("edit contact {name}", name=new.name), CONTACTS, contact_id, fields, unset
                    )
                )
            return new

    def set_archived(self, contact_id: str, archived: bool) -> Contact:
        return self.edit_contact(contact_id, archived=archived)

    def log_meeting(
        self, contact_ids: Iterable[str], when: datetime | None = None, **fields: Any
    ) -> Meeting:
        ids = list(contact_ids)
        unknown = [i for i in ids if i not in self.state.contacts]
        if unknown:
            raise InvalidInput("contacts", "unknown contact id {ids}", ids=", ".join(unknown))
        meeting = create_meeting(when or self.now(), ids, **fields)
        names = ", ".join(self.state.names(ids))
        label = _("log meeting with {names}", names=names)
        self.apply(Operation.insert(label, MEETINGS, meeting_to_doc(meeting)))
        return meeting

    def add_milestone(self, text: str, when: datetime | None = None) -> Milestone:
        milestone = create_milestone(text, when or self.now())
        self.apply(
            Operation.insert(
                _("milestone {text}", text=milestone.text),
                MILESTONES,
                milestone_to_doc(milestone),
            )
        )
        return milestone

    def decide(
        self,
        item: FollowUp | str,
        outcome: Outcome,
        *,
        until: datetime | None = None,
        channel: str = "",
        text: str = "",
        at: datetime | None = None,
    ) -> Action:
        """Record done / snoozed / dismissed on a follow-up (by item or id)."""
        item_id = item if isinstance(item, str) else item.id
        action = create_action(
            item_id, outcome, at or self.now(), until=until, channel=channel, text=text
        )
        label = self._decision_label(item, outcome)
        self.apply(Operation.insert(label, ACTIONS, action_to_doc(action)))
        return action

    def _decision_label(self, item: FollowUp | str, outcome: Outcome) -> str:
        """ "mark done: Thank, Camille Martin" (what an undo names); the id when that is all."""
        person = self.state.contacts.get(item.contact_id) if isinstance(item, FollowUp) else None
        if isinstance(item, str) or person is None:
            item_id = item if isinstance(item, str) else item.id
            return {
                "done": _("mark follow-up {id} done", id=item_id),
                "snoozed": _("snooze follow-up {id}", id=item_id),
                "dismissed": _("dismiss follow-up {id}", id=item_id),
            }.get(outcome, f"{outcome} {item_id}")
        what = {"kind": kind_label(item.kind), "person": person.name}
        return {
            "done": _("mark done: {kind}, {person}", **what),
            "snoozed": _("snooze: {kind}, {person}", **what),
            "dismissed": _("dismiss: {kind}, {person}", **what),
        }.get(outcome, f"{outcome} {item.id}")

    def save_settings(self, settings: Settings) -> None:
        doc = settings_to_doc(settings) | {"id": SETTINGS_KEY}
        exists = self.store.db.records(SETTINGS).has(SETTINGS_KEY)
        op = (
            Operation.update(_("change the settings"), SETTINGS, SETTINGS_KEY, doc)
            if exists
            else Operation.insert(_("change the settings"), SETTINGS, doc)
        )
        self.apply(op)

    # --- saving --------------------------------------------------------------

    def when_saved(self, then: Callable[[], None]) -> None:
        """Run `then` once what is applied so far is saved (at once when nothing waits).

        For what must follow the database, never run ahead of it: the cards a sync
        writes, the record of what was last synced with them.
        """
        with self._lock:
            if self.store.pending:
                self._when_saved.append(then)
                return
        then()

    def commit(self) -> CommitReport:
        """Save pending changes; after another writer's change, the state is rebuilt."""
        before = self.store.tables if self.store.changed_on_disk() else None
        report = self.store.commit(self.now())
        with self._lock:
            waiting = [] if self.store.pending else self._when_saved
            self._when_saved = [] if not self.store.pending else self._when_saved
        for then in waiting:
            then()
        if report.reloaded:
            if before is not None:
                self.outside = count_changes(before, self.store.tables)
            self._kept.lost_track()
            self._rebuild()
        elif report.saved and self._live is not None:
            self._keep_findings(self._live)
        elif report.saved:
            self._note_changes()
        return report

    def reload_if_changed(self) -> list[OperationConflict] | None:
        """Pick up another writer's change (None when the file did not change)."""
        if not self.store.changed_on_disk():
            return None
        before = self.store.tables  # not changed by the reload: it builds new tables
        # Asked again once a commit running meanwhile is over: the file it wrote is no change.
        conflicts = self.store.reload_if_changed()
        if conflicts is None:
            return None
        self.outside = count_changes(before, self.store.tables)
        self._rebuild()
        return conflicts

    # --- sync conflict copies ------------------------------------------------------

    def conflict_copies(self) -> list[Path]:
        """Copies a sync tool left next to the file after two machines saved it while apart."""
        return sync.conflict_copies(self.path)

    def prepare_merge(self, copy: Path) -> sync.Merge:
        """The copy merged with this network, three-way (writes nothing; see `store.sync`).

        Raises `DamagedDatabase` when the copy is not a readable reseau database.
        """
        return sync.prepare_merge(self.path, self.store.snapshot(), copy, _check_records)

    def _rebuild(self) -> None:
        with self._lock:
            version = self.state.version
            self._checked = None  # built before pending changes were replayed on top
            with records_built():
                self.state = NetworkState.from_tables(self.store.tables)
            self.state.version = version + 1
            self._live = None


def _let_waiters_in() -> None:
    """A thread that released the lock and takes it again at once starves any waiting for it
    (locks are not fair): a millisecond's pause lets a waiting change go first."""
    time.sleep(0.001)


def _check_records(tables: Tables) -> None:
    check_tables(tables)
    NetworkState.from_tables(tables)
