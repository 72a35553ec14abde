"""The real app, headless under Textual's Pilot, on a copy of the benchmark database.

Measures CPU time (`time.process_time`: every thread of this process) per
keystroke, per page, per timer tick, and the UI thread's own CPU
(`time.thread_time`) while a meeting is saved; wall time only where the user
waits for the disk. Prints one JSON object; run by `benchmarks.run` in a
process of its own, so nothing measured before skews it.

    python -m benchmarks.session DB
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pendulum
from textual import events
from textual.pilot import Pilot

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store.files import fingerprint
from reseau_tui.ui.app import ReseauApp

Result = dict[str, Any]


def _summary(samples: list[float]) -> Result:
    """Milliseconds: the median is judged (runs are noisy); the worst is reported beside it."""
    ms = [s * 1000 for s in samples]
    return {"max": max(ms), "median": statistics.median(ms), "count": len(ms)}


async def _settle(least: float = 0.02, most: float = 0.5) -> None:
    """Wait until the frame is drawn: at least `least`, then until the CPU rests for 5 ms."""
    began = time.perf_counter()
    while True:
        cpu = time.process_time()
        await asyncio.sleep(0.005)
        waited = time.perf_counter() - began
        if waited >= most or (waited >= least and time.process_time() - cpu < 0.0005):
            return


def _send(app: ReseauApp, key: str) -> None:
    """A key as the terminal driver delivers it (Pilot's `press` also waits 20 ms steps)."""
    char = key if len(key) == 1 else {"slash": "/", "space": " "}.get(key)
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def _per_key(pilot: Pilot[int], keys: list[str]) -> list[float]:
    """CPU for each key, from the press to the frame drawn and the app idle again."""
    costs = []
    for key in keys:
        began = time.process_time()
        _send(pilot.app, key)  # type: ignore[arg-type]
        await _settle()
        costs.append(time.process_time() - began)
    return costs


async def _idle(pilot: Pilot[int], app: ReseauApp) -> None:
    await app.workers.wait_for_complete()
    await pilot.press()
    await _settle()


async def filter_contacts(pilot: Pilot[int], app: ReseauApp) -> Result:
    await pilot.press("1")
    await _idle(pilot, app)
    costs = await _per_key(pilot, ["slash", *"lefevre"])
    shown = len(app.main.contacts.rows)
    await pilot.press("escape")
    return _summary(costs[1:]) | {"open_filter_ms": costs[0] * 1000, "rows_left": shown}


async def filter_journal(pilot: Pilot[int], app: ReseauApp) -> Result:
    await pilot.press("3", "2")  # the queue first: the journal then shows every meeting
    await _idle(pilot, app)
    total = len(app.main.journal.rows)
    costs = await _per_key(pilot, ["slash", *"maintenance"])
    shown = len(app.main.journal.rows)
    await pilot.press("escape")
    return _summary(costs[1:]) | {
        "open_filter_ms": costs[0] * 1000,
        "rows": total,
        "rows_left": shown,
    }


async def scroll(pilot: Pilot[int], app: ReseauApp) -> Result:
    keys = ["pagedown"] * 8 + ["down"] * 8 + ["end", "pageup", "home"]
    await pilot.press("1")
    await _idle(pilot, app)
    costs = await _per_key(pilot, keys)
    await pilot.press("3", "2")
    await _idle(pilot, app)
    costs += await _per_key(pilot, keys)
    return _summary(costs)


async def ticks(pilot: Pilot[int], app: ReseauApp, clock: FixedClock) -> Result:
    """The timer as it runs all day: mostly nothing to do, sometimes an item changes state."""
    await pilot.press("1")
    await _idle(pilot, app)
    quiet: list[float] = []
    for _ in range(20):
        clock.advance(seconds=30)
        began = time.process_time()
        app.tick()
        quiet.append(time.process_time() - began)
    changing: list[float] = []
    engine: list[float] = []
    frame: list[float] = []
    for _ in range(5):
        change = app.queue.next_change
        if change is None:
            break
        clock.instant = pendulum.instance(change).add(seconds=1)
        began = time.process_time()
        app.network.queue()  # the engine's part: the items whose instant came, re-resolved
        engine.append(time.process_time() - began)
        began = time.process_time()
        app.tick()  # the rest of the tick: new rows for what changed, notifications
        ticked = time.process_time()
        await _settle()  # Textual repaints what changed: the next frame
        changing.append(ticked - began + engine[-1])
        frame.append(time.process_time() - ticked)
    return {
        "quiet": _summary(quiet),
        "changing": _summary(changing) if changing else None,
        "engine": _summary(engine) if engine else None,
        "frame": _summary(frame) if frame else None,
    }


async def save_meeting(pilot: Pilot[int], app: ReseauApp, db: Path) -> Result:
    """`m`, a note, ctrl+s: the UI thread's CPU, then how long until the file holds it."""
    await pilot.press("1")
    await _idle(pilot, app)
    await pilot.press("m")
    for key in "Great chat about supply chains":
        _send(app, "space" if key == " " else key)
    await _idle(pilot, app)
    before = fingerprint(db)
    stalls: list[float] = []
    watching = True

    async def watch_loop() -> None:
        """How late the event loop runs a 1 ms sleep: the longest the UI could not respond."""
        while watching:
            began = time.perf_counter()
            await asyncio.sleep(0.001)
            stalls.append(time.perf_counter() - began - 0.001)

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
    saved_at = time.perf_counter()
    ui_began = time.thread_time()
    await pilot.press("ctrl+s")
    ui_cost = time.thread_time() - ui_began
    app.change = change  # type: ignore[method-assign]
    watcher = asyncio.create_task(watch_loop())  # from the form closed to the file written
    durable = None
    while time.perf_counter() - saved_at < 10:
        if fingerprint(db) != before and not app.network.store.pending:
            durable = time.perf_counter() - saved_at
            break
        await asyncio.sleep(0.005)
    watching = False
    await watcher
    return {
        "change_ms": sum(changes) * 1000,
        "ui_thread_ms": ui_cost * 1000,
        "durable_s": durable,
        "loop_stall_ms": max(stalls) * 1000 if stalls else 0.0,
    }


async def measure(db: Path) -> Result:
    clock = FixedClock.at(time.strftime("%Y-%m-%dT%H:%M:%S"), "Europe/Paris")
    network = Network(db, clock)
    app = ReseauApp(network, tick_seconds=3600, save_delay=0.4)
    results: Result = {}
    steps: list[tuple[str, Callable[[Pilot[int]], Awaitable[Result]]]] = [
        ("filter_contacts", lambda p: filter_contacts(p, app)),
        ("filter_journal", lambda p: filter_journal(p, app)),
        ("scroll", lambda p: scroll(p, app)),
        ("tick", lambda p: ticks(p, app, clock)),
        ("save_meeting", lambda p: save_meeting(p, app, db)),
    ]
    async with app.run_test(size=(160, 50)) as pilot:
        await _idle(pilot, app)
        for name, step in steps:
            results[name] = await step(pilot)
        await _idle(pilot, app)
    return results


def main() -> int:
    print(json.dumps(asyncio.run(measure(Path(sys.argv[1])))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
