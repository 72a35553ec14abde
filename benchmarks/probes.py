"""Small programs the benchmark runs as separate processes, each printing one JSON line.

    python -m benchmarks.probes bare            a bare Textual app: first idle frame
    python -m benchmarks.probes app DB          reseau's TUI on DB: first frame with data,
                                                and the first idle frame after it
    python -m benchmarks.probes parse DB        python + orjson parse of DB (peak RSS too)

`t` is `time.monotonic()` when the frame was drawn (the clock is shared by every
process on Linux, so the parent subtracts its own reading taken before the spawn).
For the app, `t` is the first frame the compositor hands to the terminal with
contact rows in it, what the issue calls the first frame showing data; `idle` is
when Textual is next idle after it (the footer's keys drawn, ready for keys).
Kept free of imports at module level, so each probe pays only for what it measures.
"""

from __future__ import annotations

import sys


def _report(**values: object) -> None:
    import json
    import resource

    values["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(values), flush=True)


def bare() -> None:
    import time

    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.drawn)

        def drawn(self) -> None:
            self.t = time.monotonic()
            self.exit()

    app = Bare()
    app.run(headless=True, size=(120, 40))
    _report(t=app.t)


def app(path: str) -> None:
    import time
    from pathlib import Path

    from rich.console import RenderableType
    from textual.screen import Screen

    from reseau_tui.ui import app as app_module
    from reseau_tui.ui.app import ReseauApp
    from reseau_tui.ui.screens.main_screen import MainScreen

    class Probe(ReseauApp):
        """The real app; notes when the main screen first drew rows of data."""

        CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
        data_frame: float | None = None
        idle_frame: float | None = None

        def on_mount(self) -> None:
            # Textual runs ReseauApp.on_mount too (handlers of every class in the MRO):
            # calling it here as well would open the main screen twice.
            self.set_interval(0.002, self.watch_for_data, name="probe")

        def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
            super()._display(screen, renderable)  # headless: composed, not written
            drawn = renderable is not None and not self._batch_count
            shows_data = isinstance(screen, MainScreen) and bool(screen.contacts.rows)
            if self.data_frame is None and drawn and shows_data:
                self.data_frame = time.monotonic()

        def watch_for_data(self) -> None:
            screen = self.screen
            ready = isinstance(screen, MainScreen) and bool(screen.contacts.rows)
            if self.idle_frame is None and ready:
                self.idle_frame = -1.0
                screen.call_after_refresh(self.drawn)

        def drawn(self) -> None:
            self.idle_frame = time.monotonic()
            self.set_timer(0.3, self.finish)

        async def finish(self) -> None:
            await self.workers.wait_for_complete()
            self.exit()

    opened = Probe.open(Path(path))
    assert isinstance(opened, Probe)
    opened.run(headless=True, size=(160, 50))
    if not opened.data_frame or not opened.idle_frame or opened.idle_frame < 0:
        raise SystemExit("the app never drew its contacts")
    _report(t=opened.data_frame, idle=opened.idle_frame)


def parse(path: str) -> None:
    import gc
    import time
    from pathlib import Path

    import orjson

    began = time.perf_counter()
    gc.disable()
    data = orjson.loads(Path(path).read_bytes())
    gc.enable()
    _report(parse=time.perf_counter() - began, tables=len(data))


if __name__ == "__main__":
    probe, *args = sys.argv[1:]
    {"bare": bare, "app": app, "parse": parse}[probe](*args)
