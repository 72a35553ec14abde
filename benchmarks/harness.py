"""The keys, as the terminal sends them, and what each costs: one harness for reseau and its floor.

`benchmarks.session` drives the real app and `benchmarks.floor_app` a bare
Textual app of the same layout through these very steps, in processes of
their own, so that each figure of the app can be divided by the floor's
figure for the same keys, measured in the same run.

Costs are CPU time (`time.process_time`: every thread of the process) from
the key sent to the frame drawn and the app idle again; the save key is the
UI thread's own CPU (`time.thread_time`), as the commit belongs on a worker.

An app driven here says what the steps need through `Driven`: which list
each step filters and scrolls, how many rows it shows, how to make the next
timer tick change an item, and whether the main screen is up again.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any, Protocol

from textual import events
from textual.app import App
from textual.pilot import Pilot

Result = dict[str, Any]

CONTACT_FILTER = "lefevre"  # a family name the generator gives a few hundred people
JOURNAL_FILTER = "maintenance"  # a word of a few notes: a full-text search of every meeting
NOTE = "Great chat about supply chains"
SCROLL_KEYS = ["pagedown"] * 8 + ["down"] * 8 + ["end", "pageup", "home"]


class Driven(Protocol):
    """What the steps need to know of the app they drive (reseau's or the floor's)."""

    @property
    def app(self) -> App[Any]: ...

    def shown(self, name: str) -> int:
        """Rows the list `name` ("contacts", "journal", "queue") shows now."""
        ...

    def prepare_tick(self) -> bool:
        """Move the clock so that the next `tick` changes an item; False when none will."""
        ...

    def pass_time(self, seconds: float) -> None:
        """Move the clock on (the floor has none)."""
        ...

    def tick(self) -> None: ...

    def on_main_screen(self) -> bool: ...


def summary(samples: list[float]) -> Result:
    """Milliseconds: the median is judged (runs are noisy); the worst is reported beside it."""
    ms = [s * 1000 for s in samples]
    return {"max": max(ms), "median": statistics.median(ms), "count": len(ms), "all": ms}


async def settle(least: float = 0.02, most: float = 0.5) -> None:
    """Wait until the frame is drawn: at least `least`, then until the CPU rests for 5 ms."""
    began = time.perf_counter()
    while True:
        cpu = time.process_time()
        await asyncio.sleep(0.005)
        waited = time.perf_counter() - began
        if waited >= most or (waited >= least and time.process_time() - cpu < 0.0005):
            return


def send(app: App[Any], key: str) -> None:
    """A key as the terminal driver delivers it (Pilot's `press` also waits 20 ms steps)."""
    char = key if len(key) == 1 else {"slash": "/", "space": " "}.get(key)
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def per_key(app: App[Any], keys: list[str]) -> list[float]:
    """CPU for each key, from the press to the frame drawn and the app idle again."""
    costs = []
    for key in keys:
        began = time.process_time()
        send(app, key)
        await settle()
        costs.append(time.process_time() - began)
    return costs


async def idle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.press()
    await settle()


async def filter_contacts(pilot: Pilot[Any], driven: Driven) -> Result:
    await pilot.press("1")
    await idle(pilot)
    costs = await per_key(driven.app, ["slash", *CONTACT_FILTER])
    shown = driven.shown("contacts")
    await pilot.press("escape")
    await idle(pilot)
    return summary(costs[1:]) | {"open_filter_ms": costs[0] * 1000, "rows_left": shown}


async def filter_journal(pilot: Pilot[Any], driven: Driven) -> Result:
    await pilot.press("3", "2")  # the queue first: the journal then shows every meeting
    await idle(pilot)
    total = driven.shown("journal")
    costs = await per_key(driven.app, ["slash", *JOURNAL_FILTER])
    shown = driven.shown("journal")
    await pilot.press("escape")
    await idle(pilot)
    return summary(costs[1:]) | {
        "open_filter_ms": costs[0] * 1000,
        "rows": total,
        "rows_left": shown,
    }


async def scroll(pilot: Pilot[Any], driven: Driven) -> Result:
    await pilot.press("1")
    await idle(pilot)
    costs = await per_key(driven.app, SCROLL_KEYS)
    await pilot.press("3", "2")
    await idle(pilot)
    costs += await per_key(driven.app, SCROLL_KEYS)
    return summary(costs)


async def ticks(pilot: Pilot[Any], driven: Driven) -> Result:
    """The timer as it runs all day: mostly nothing to do, sometimes an item changes state.

    A changing tick is measured with the frame that shows the change (and its
    notification), from the tick to the app idle again.
    """
    await pilot.press("1")
    await idle(pilot)
    quiet: list[float] = []
    for _ in range(20):
        driven.pass_time(30)
        began = time.process_time()
        driven.tick()
        quiet.append(time.process_time() - began)
    changing: list[float] = []
    for _ in range(5):
        if not driven.prepare_tick():
            break
        await idle(pilot)
        began = time.process_time()
        driven.tick()
        await settle()
        changing.append(time.process_time() - began)
    return {
        "quiet": summary(quiet),
        "changing": summary(changing) if changing else None,
    }


async def save_key(pilot: Pilot[Any], driven: Driven, times: int = 3) -> Result:
    """`m`, a note, then ctrl+s: the UI thread's CPU until the main screen is idle again.

    `sent` is when the last ctrl+s was sent (`time.perf_counter`).
    """
    costs = []
    sent = 0.0
    for _ in range(times):
        await pilot.press("1")
        await idle(pilot)
        await pilot.press("m")
        await idle(pilot)
        for key in NOTE:
            send(driven.app, "space" if key == " " else key)
        await idle(pilot)
        sent = time.perf_counter()
        began = time.thread_time()
        send(driven.app, "ctrl+s")
        while not driven.on_main_screen():
            await asyncio.sleep(0.001)
        await settle()
        costs.append(time.thread_time() - began)
    return summary(costs) | {"sent": sent}


async def screen_key(pilot: Pilot[Any], driven: Driven, key: str) -> Result:
    """A key that opens a screen: CPU until it is drawn and idle; escape goes back."""
    await pilot.press("1")
    await idle(pilot)
    costs = []
    for _ in range(3):
        costs += await per_key(driven.app, [key])
        await pilot.press("escape")
        await idle(pilot)
    return summary(costs)
