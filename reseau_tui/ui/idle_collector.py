"""Full garbage collections while the user is idle, never in the middle of a keystroke.

At LinkedIn scale the app holds a million long-lived objects (frozen out of the
collector's way once loaded), but every list shown, filter result and save
snapshot is a large young container: a full collection that happens to start
during a keystroke walks them for 20 to 40 ms, a dropped frame or two. So the
app takes full collections off the allocation counter while it runs, and runs
them itself once nobody has touched a key or the mouse for a few seconds.
Young generations are still collected as usual.
"""

from __future__ import annotations

import gc
import time

RARELY = 1_000_000  # young collections between two automatic full ones: never, in practice


class IdleCollector:
    def __init__(self, idle_seconds: float = 3.0) -> None:
        self.idle_seconds = idle_seconds
        self.last_input = time.monotonic()
        self.collections = 0
        self._threshold: tuple[int, int, int] | None = None

    def start(self) -> None:
        if self._threshold is None:
            self._threshold = gc.get_threshold()
            young, middle, _ = self._threshold
            gc.set_threshold(young, middle, RARELY)

    def stop(self) -> None:
        """Automatic full collections again (the app is closing)."""
        if self._threshold is not None:
            gc.set_threshold(*self._threshold)
            self._threshold = None

    def touched(self) -> None:
        self.last_input = time.monotonic()

    def collect_if_idle(self) -> bool:
        if time.monotonic() - self.last_input < self.idle_seconds:
            return False
        gc.collect()
        self.collections += 1
        return True
