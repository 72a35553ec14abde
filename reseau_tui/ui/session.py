"""The network in memory for as long as the app runs: change, save, tick, reload.

Screens change the network through `change`, which applies the operation at
once (the UI never waits for the disk) and schedules a debounced commit on a
worker thread; the worker reports back with a message, never by touching a
widget. The timer re-evaluates the queue only when the engine said something
would change (`Queue.next_change`), and a one-stat watch picks up what other
writers saved. What to redraw is the app's business (`show_network`,
`show_status`): this module knows no screen.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable
from contextlib import suppress
from operator import attrgetter
from typing import TypeVar

from textual import work
from textual.app import App
from textual.timer import Timer

from reseau_tui.domain.clock import Clock
from reseau_tui.domain.engine import FollowUp, Queue
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.i18n import _, n_
from reseau_tui.services.explain import changed_elsewhere, invalid_input, read_only
from reseau_tui.services.followups import describe
from reseau_tui.services.history import History
from reseau_tui.services.humanize import clock_time
from reseau_tui.services.network import Network
from reseau_tui.services.outside_changes import describe as describe_outside
from reseau_tui.store import DamagedDatabase, SaveError
from reseau_tui.ui.messages import Reloaded, Saved, SaveFailed
from reseau_tui.ui.save_notices import SaveNotices
from reseau_tui.ui.screens.sync_screen import SyncConflicts

T = TypeVar("T")
HANGUP_GRACE = 2.0  # seconds the app may take to leave normally after its terminal closed


class SessionApp(App[int]):
    """The app's hold on the network: one writer's changes, their saves, and the live queue."""

    def __init__(
        self,
        network: Network,
        *,
        tick_seconds: float = 30.0,
        save_delay: float = 0.4,
        watch_seconds: float = 1.0,
        demo: bool = False,
    ) -> None:
        super().__init__()
        self.network = network
        self.tick_seconds = tick_seconds
        self.watch_seconds = watch_seconds  # how soon another writer's change shows
        self.save_delay = save_delay
        self.demo = demo
        self.queue: Queue = network.queue()
        self.read_only = not network.store.writable()
        self.save_problem = ""
        self._announced: dict[str, str] = _states(self.queue.actionable())
        self._save_timer: Timer | None = None
        self._seen_version = network.state.version
        self.importing = False  # records are being applied on a worker: the timer holds still
        self.sync = SyncConflicts(self)  # conflict copies a sync tool left next to the file
        self.save_notices = SaveNotices()  # "saved" is said once the disk has the change
        self.history = History(network)  # this session's changes, for `u` and `U`

    @property
    def clock(self) -> Clock:
        return self.network.clock

    def show_network(self) -> None:
        """Redraw what shows the network (the app's screens); called after every change."""

    def show_status(self, owed: str, saving: str, severity: str) -> None:
        """Show what is owed and whether it is saved (the app's status line)."""

    def start_session(self) -> None:
        """On mount: the timer, the file watch, and saving before a signal ends the app."""
        self.set_interval(self.tick_seconds, self.tick, name="queue-timer")
        self.set_interval(self.watch_seconds, self.watch_file, name="file-watch")
        with suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGTERM, self._on_sigterm)
            loop.add_signal_handler(signal.SIGHUP, self._on_hangup)
        if self.read_only:
            self.notify(read_only(looking=True), severity="warning", markup=False, timeout=10)
        self.call_after_refresh(self.sync.check)

    def _on_sigterm(self) -> None:
        self.call_later(self.action_quit)

    def _on_hangup(self) -> None:
        """The terminal closed (SIGHUP): save what is pending now, then leave.

        Nobody is left to read a question, and the terminal's end soon breaks
        the app's input and output: the commit comes first, at once, on this
        thread (a save already running on a worker is waited for by the lock).
        """
        problem = self.flush()
        status = 1 if problem else 0
        # Textual's output thread dies writing to a terminal that is gone, and closing the
        # driver then waits for it forever: with everything saved, leave anyway.
        leave = threading.Timer(HANGUP_GRACE, os._exit, (status,))
        leave.daemon = True
        leave.start()
        self.exit(status)

    # --- changing the network ------------------------------------------------------

    def change(
        self,
        do: Callable[[Network], T],
        *,
        tell: Callable[[T], tuple[str, str]] | None = None,
    ) -> T | None:
        """Run a use case; refresh at once, save in the background; explain bad input.

        `tell` gives, from the result, what to say once the change is on disk
        ("Saved Camille Martin.") and what to name if a save fails first
        ("Camille Martin"): nothing is said to be saved before it is.
        """
        if self.read_only:
            self.notify(read_only(), severity="warning", markup=False)
            return None
        try:
            with self.network.recording() as applied:
                result = do(self.network)
        except InvalidInput as exc:
            self.notify(invalid_input(exc), severity="error", markup=False)
            return None
        if tell is not None and result is not None:
            saved, what = tell(result)
            if applied:
                self.save_notices.expect(applied, saved, what)
            else:  # nothing to write: what the user asked for is what the file holds
                self.notify(saved, markup=False)
        self.applied()
        return result

    def applied(self) -> None:
        """After records changed in memory (here, or by an import's worker): show, then save."""
        self.refresh_views()
        self.schedule_save()

    def refresh_views(self, *, announce: bool = False) -> None:
        """Recompute the queue and redraw the panes; with `announce`, notify new transitions."""
        self.queue = self.network.queue()
        self._seen_version = self.network.state.version
        if announce:
            self._announce_transitions()
        else:
            self._announced = _states(self.queue.actionable())
        self.show_network()
        self.update_status()

    def _announce_transitions(self) -> None:
        actionable = self.queue.actionable()  # only due and overdue items are announced
        before = self._announced
        self._announced = _states(actionable)
        changed = {iid for iid, _ in self._announced.items() - before.items()}  # set ops, in C
        if not changed:
            return
        fresh = [i for i in actionable if i.id in changed]
        if len(fresh) > 3:
            self.notify(
                n_(
                    "{count} follow-up just became due or overdue.",
                    "{count} follow-ups just became due or overdue.",
                    len(fresh),
                ),
                markup=False,
            )
            return
        state, now, tz = self.network.state, self.clock.now(), self.clock.tz
        for item in fresh:
            view = describe(item, state, now, tz, wait=False)
            if item.state == "overdue":
                text = _(
                    "{kind} {person}: overdue since {time}",
                    kind=view.kind,
                    person=view.person,
                    time=clock_time(item.overdue_at, tz),
                )
            else:
                text = _("{kind} {person}: due now", kind=view.kind, person=view.person)
            self.notify(
                text, severity="warning" if item.state == "overdue" else "information", markup=False
            )

    def update_status(self) -> None:
        overdue, due = self.queue.owed
        owed = _("{overdue} overdue · {due} due today", overdue=overdue, due=due)
        if self.demo:
            owed += "  ·  " + _("demo")
        if self.read_only:
            saving, severity = _("read-only"), "warning"
        elif self.save_problem:
            saving, severity = _("not saved: {problem}", problem=self.save_problem), "error"
        elif self.network.store.pending:
            saving, severity = _("saving…"), ""
        else:
            saving, severity = _("saved"), ""
        self.show_status(owed, saving, severity)

    # --- saving ----------------------------------------------------------------------

    def schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.save_delay, self.save_now, name="save")

    def save_now(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()  # called early (tests, a merge): the timer must not save again
        self._save_timer = None
        self._commit_in_background()

    @work(thread=True, exclusive=True, group="save")
    def _commit_in_background(self) -> None:
        try:
            report = self.network.commit()
        except (SaveError, DamagedDatabase) as exc:
            problem = _(exc.problem, **getattr(exc, "values", {}))
            self.post_message(SaveFailed(problem))
            return
        changes = describe_outside(self.network.outside) if report.reloaded else ""
        self.post_message(Saved(report, changes))

    def on_saved(self, message: Saved) -> None:
        self.save_problem = ""
        if message.changes:
            self.notify(message.changes, markup=False)
        self.sync.saved(message.report)
        for conflict in message.report.conflicts:
            self.notify(
                changed_elsewhere(conflict.operation.label),
                severity="error",
                markup=False,
                timeout=15,
            )
        for text in self.save_notices.saved(message.report):
            self.notify(text, markup=False)
        if message.report.reloaded:
            self.refresh_views(announce=True)
        else:
            self.update_status()

    def on_save_failed(self, message: SaveFailed) -> None:
        first = not self.save_problem
        self.save_problem = message.problem
        if first:
            self.notify(
                _(
                    "Could not save: {problem}. Your changes are kept in memory and "
                    "will be saved when possible.",
                    problem=message.problem,
                ),
                severity="error",
                markup=False,
                timeout=15,
            )
        for what in self.save_notices.failed():
            self.notify(
                _(
                    "Not saved yet: {what}. It is kept in memory and will be saved when possible.",
                    what=what,
                ),
                severity="warning",
                markup=False,
                timeout=15,
            )
        self.update_status()

    # --- the timer -----------------------------------------------------------------

    def tick(self) -> None:
        """Every few seconds: outside changes, items crossing into due/overdue, failed saves."""
        if self.importing:
            return
        if not self.watch_file() and self.network.store.pending and self.save_problem:
            self._commit_in_background()
        now = self.clock.now()
        if self.queue.is_stale(now) or self._seen_version != self.network.state.version:
            self.refresh_views(announce=True)
        self.sync.check()

    def watch_file(self) -> bool:
        """Every second: take in what another writer saved (one stat; True if a reload began).

        A shell command's change shows within a second, and says what it was.
        Nothing starts while a save or a reload is running: the next second asks again.
        """
        if self.importing or any(w.group == "save" and not w.is_finished for w in self.workers):
            return False
        if not self.network.store.changed_on_disk():
            return False
        self._reload_in_background()
        return True

    @work(thread=True, exclusive=True, group="save")
    def _reload_in_background(self) -> None:
        try:
            conflicts = self.network.reload_if_changed()
        except DamagedDatabase as exc:
            self.post_message(SaveFailed(_(exc.problem, **exc.values)))
            return
        if conflicts is not None:
            self.post_message(Reloaded(conflicts, describe_outside(self.network.outside)))

    def on_reloaded(self, message: Reloaded) -> None:
        if message.changes:
            self.notify(message.changes, markup=False)
        self.sync.dropped(message.conflicts)
        self.save_notices.dropped(message.conflicts)
        for conflict in message.conflicts:
            self.notify(changed_elsewhere(conflict.operation.label), severity="error", markup=False)
        self.refresh_views(announce=True)
        if self.network.store.pending:
            self.schedule_save()

    # --- leaving -------------------------------------------------------------------

    def flush(self) -> str | None:
        """Save what is pending now (on quit); the problem, if it could not be saved."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self.network.store.pending or self.read_only:
            return None
        try:
            self.network.commit()
        except (SaveError, DamagedDatabase) as exc:
            return _(exc.problem, **getattr(exc, "values", {}))
        return None

    async def action_quit(self) -> None:
        await self.workers.wait_for_complete()
        problem = self.flush()
        if problem:
            self.save_problem = problem
            self.update_status()
            self.notify(
                _(
                    "Could not save before quitting: {problem}. Press ctrl+q to quit "
                    "anyway (unsaved changes will be lost).",
                    problem=problem,
                ),
                severity="error",
                markup=False,
                timeout=20,
            )
            return
        self.exit(0)


def _states(items: list[FollowUp]) -> dict[str, str]:
    """Each item's state by id: 2,000 of them on every tick, so built in C."""
    return dict(zip(map(attrgetter("id"), items), map(attrgetter("state"), items), strict=True))
