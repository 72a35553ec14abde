"""Undo and redo for the app: the changes of this session, undone one by one, and redone.

Every operation applied to the network comes with the one that undoes it
(`store.operations.apply_operation`, from the records as they were). Undoing
applies that inverse through the normal path (`Network.apply`): the state and
the queue follow, it is saved like any change, replayed on a file another
writer changed, and refused when the records it would bring back were changed
elsewhere meanwhile (its changes are conditional): an undo never writes over
someone else's change. Redo applies the inverse of the undo, checked the same
way. A new change after some undos ends what could be redone.

Only this session's own changes are kept (an import of thousands of records
is one of them, undone as one); what other writers saved is never undone here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from reseau_tui.domain.state import CONTACTS, MEETINGS, SETTINGS
from reseau_tui.i18n import _
from reseau_tui.services.labels import field_label, table_name
from reseau_tui.services.network import Network
from reseau_tui.store import Operation, OperationConflict
from reseau_tui.store.operations import Applied

LIMIT = 200  # changes kept to undo, oldest forgotten first


class NothingToUndo(Exception):
    """No change of this session is left to undo (or to redo)."""


class UndoRefused(Exception):
    """The records changed elsewhere since: undoing (or redoing) would overwrite that.

    `what` names the change, `why` says what changed; nothing was applied.
    """

    def __init__(self, what: str, why: str) -> None:
        super().__init__(f"{what}: {why}")
        self.what = what
        self.why = why


@dataclass
class _Undone:
    change: Applied  # the change that was undone
    undo: Applied  # the undo as applied: its inverse redoes the change


class History:
    """This session's changes, newest last; each one undone, then redone, in turn.

    It listens to `network.on_applied`, so every change counts, those applied
    on a worker (an import) too.
    """

    def __init__(self, network: Network, limit: int = LIMIT) -> None:
        self.network = network
        self.limit = limit
        self._done: list[Applied] = []
        self._undone: list[_Undone] = []
        self._own: Operation | None = None  # an undo or redo being applied: not a new change
        self._lock = threading.Lock()
        network.on_applied.append(self._record)

    def _record(self, applied: Applied) -> None:
        if applied.operation is self._own:
            return
        with self._lock:
            if not applied.operation.undoable:
                self._done.clear()  # nothing before it may come back either
            elif applied.inverse is not None:  # it changed something
                self._done.append(applied)
                del self._done[: -self.limit]
            self._undone.clear()

    @property
    def can_undo(self) -> bool:
        return any(not a.lost for a in self._done)

    @property
    def can_redo(self) -> bool:
        return any(not u.undo.lost for u in self._undone)

    def undo(self) -> str:
        """Undo the latest change not undone yet; returns its label.

        Raises `NothingToUndo`, or `UndoRefused` when its records changed
        elsewhere since (that change then leaves the history: the next undo is
        of the one before).
        """
        with self._lock:
            while self._done and self._done[-1].lost:  # no longer applied (a conflict)
                self._done.pop()
            if not self._done:
                raise NothingToUndo
            change = self._done.pop()
        assert change.inverse is not None
        what = change.operation.label
        undo = self._apply(replace(change.inverse, label=_("undo: {what}", what=what)), what)
        with self._lock:
            self._undone.append(_Undone(change, undo))
        return what

    def redo(self) -> str:
        """Apply again the latest change undone; returns its label. Raises as `undo` does."""
        with self._lock:
            while self._undone and self._undone[-1].undo.lost:
                self._undone.pop()
            if not self._undone:
                raise NothingToUndo
            undone = self._undone.pop()
        redo_op = undone.undo.inverse
        what = undone.change.operation.label
        if redo_op is None:  # the undo changed nothing (it cannot: it undid a change)
            raise NothingToUndo
        redone = self._apply(replace(redo_op, label=what), what)
        with self._lock:
            self._done.append(redone)
        return what

    def _apply(self, op: Operation, what: str) -> Applied:
        refuse_if_people_gone(self.network, op, what)
        self._own = op
        try:
            return self.network.apply(op)
        except OperationConflict as conflict:
            raise UndoRefused(what, why_refused(self.network, conflict)) from None
        finally:
            self._own = None


def refuse_if_people_gone(network: Network, op: Operation, what: str) -> None:
    """Raise `UndoRefused` if `op` would bring back a record naming someone no longer a contact.

    Someone forgotten elsewhere (`reseau forget`) must not come back through
    an undo: not in a meeting restored, nor as the introducer of a contact.
    """
    contacts = network.state.contacts
    added = {c.record_id for c in op.changes if c.table == CONTACTS and c.kind == "insert"}
    for change in op.changes:
        if change.kind == "remove":
            continue
        named: list[object] = []
        if change.table == MEETINGS:
            named = list(change.fields.get("contact_ids") or ())
        elif change.table == CONTACTS:
            named = [change.fields.get("introduced_by")]
        if any(p and p not in contacts and p not in added for p in named):
            raise UndoRefused(
                what, _("Someone it names is no longer a contact (removed elsewhere).")
            )


def why_refused(network: Network, conflict: OperationConflict) -> str:
    """What changed elsewhere, in the user's words: "Camille Martin's company was changed"."""
    change = conflict.change
    if change is None:
        return _(conflict.reason)
    thing = record_name(network, change.table, change.record_id, change)
    if conflict.reason == "a record with this id already exists":
        return _("{thing} was added back elsewhere since.", thing=thing)
    if not conflict.fields:
        return _("{thing} was removed elsewhere since.", thing=thing)
    fields = ", ".join(field_label(f) for f in conflict.fields)
    return _("{thing} was changed elsewhere since ({fields}).", thing=thing, fields=fields)


def record_name(network: Network, table: str, record_id: str, change: object = None) -> str:
    """A record as the user knows it: a contact's name, "the meeting with …", "the settings"."""
    state = network.state
    docs = [getattr(change, "expect", None) or {}, getattr(change, "fields", None) or {}]
    if table == CONTACTS:
        contact = state.contacts.get(record_id)
        name = contact.name if contact else next((d["name"] for d in docs if "name" in d), "")
        return name or _("a contact")
    if table == MEETINGS:
        meeting = state.meeting(record_id)
        ids = list(meeting.contact_ids) if meeting else []
        ids = ids or next((list(d["contact_ids"]) for d in docs if "contact_ids" in d), [])
        return _("the meeting with {names}", names=", ".join(state.names(ids)) or "?")
    if table == SETTINGS:
        return _("the settings")
    return _("a record of {table}", table=table_name(table))
