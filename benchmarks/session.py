"""The real app, headless under Textual's Pilot, on a copy of the benchmark database.

Drives it through `benchmarks.harness`, the very keys and measures the frame
floor (`benchmarks.floor_app`) gets, and adds what only reseau has: how long
the save takes to be durable, and the longest the UI stalls meanwhile. Prints
one JSON object; run by `benchmarks.run` in a process of its own, so nothing
measured before skews it.

    python -m benchmarks.session DB
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pendulum
from textual.pilot import Pilot

from benchmarks import harness
from benchmarks.floor_app import SIZE
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store.files import fingerprint
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.main_screen import MainScreen

Result = harness.Result


class Reseau:
    """`harness.Driven` for the real app, on a clock the benchmark moves."""

    def __init__(self, app: ReseauApp, clock: FixedClock) -> None:
        self.app = app
        self.clock = clock

    def shown(self, name: str) -> int:
        main = self.app.main
        if name == "contacts":
            return len(main.contacts.rows)
        return len(main.journal.rows if name == "journal" else main.queue_list.rows)

    def pass_time(self, seconds: float) -> None:
        self.clock.advance(seconds=seconds)

    def prepare_tick(self) -> bool:
        change = self.app.queue.next_change
        if change is None:
            return False
        self.clock.instant = pendulum.instance(change).add(seconds=1)
        return True

    def tick(self) -> None:
        self.app.tick()

    def on_main_screen(self) -> bool:
        return isinstance(self.app.screen, MainScreen)


async def save_meeting(pilot: Pilot[Any], driven: Reseau, db: Path) -> Result:
    """The save key (`harness.save_key`), then how long until the file holds the meeting."""
    app = driven.app
    before = fingerprint(db)
    changes: list[float] = []
    change = app.change

    def timed_change(do: Callable[[Network], Any], **options: Any) -> Any:
        """The save itself: the operation applied, the queue and the panes brought up to date."""
        began = time.thread_time()
        try:
            return change(do, **options)
        finally:
            changes.append(time.thread_time() - began)

    app.change = timed_change  # type: ignore[method-assign]
    result = await harness.save_key(pilot, driven)
    saved_at = result.pop("sent")
    app.change = change  # type: ignore[method-assign]
    stalls: list[float] = []
    watching = True

    async def watch_loop() -> None:
        """How late the event loop runs a 1 ms sleep: the longest the UI could not respond."""
        while watching:
            began = time.perf_counter()
            await asyncio.sleep(0.001)
            stalls.append(time.perf_counter() - began - 0.001)

    watcher = asyncio.create_task(watch_loop())  # from the form closed to the file written
    durable = None
    while time.perf_counter() - saved_at < 10:
        if fingerprint(db) != before and not app.network.store.pending:
            durable = time.perf_counter() - saved_at
            break
        await asyncio.sleep(0.005)
    watching = False
    await watcher
    return result | {
        "change_ms": statistics.median(changes) * 1000 if changes else None,
        "durable_s": durable,
        "loop_stall_ms": max(stalls) * 1000 if stalls else 0.0,
    }


def network_view() -> Any:
    """`benchmarks.network_probe`, where the network view exists: it says how to open it."""
    if importlib.util.find_spec("benchmarks.network_probe") is None:
        return None
    return importlib.import_module("benchmarks.network_probe")


async def measure(db: Path) -> Result:
    clock = FixedClock.at(time.strftime("%Y-%m-%dT%H:%M:%S"), "Europe/Paris")
    network = Network(db, clock)
    app = ReseauApp(network, tick_seconds=3600, save_delay=0.4)
    driven = Reseau(app, clock)
    results: Result = {}
    async with app.run_test(size=SIZE) as pilot:
        await harness.idle(pilot)
        results["queue_rows"] = driven.shown("queue")
        results["filter_contacts"] = await harness.filter_contacts(pilot, driven)
        results["filter_journal"] = await harness.filter_journal(pilot, driven)
        results["scroll"] = await harness.scroll(pilot, driven)
        results["tick"] = await harness.ticks(pilot, driven)
        probe = network_view()
        if probe is not None:
            results["network_view"] = await harness.screen_key(
                pilot, driven, getattr(probe, "KEY", "5")
            )
        results["save_meeting"] = await save_meeting(pilot, driven, db)
        await harness.idle(pilot)
    return results


def main() -> int:
    print(json.dumps(asyncio.run(measure(Path(sys.argv[1])))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
