"""The timer reloading while the commit is still writing: nothing replayed twice, nothing lost.

In the app, the commit and the timer's reload run on worker threads, and a
worker already running cannot be stopped. The reload is started here at the
worst instant, just after the commit's file replace, and before the store has
noted that the file on disk is the one it wrote.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

import orjson
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import OperationConflict
from reseau_tui.store.files import atomic_write

WAIT = 30  # seconds: only ever reached if a thread is stuck, never in a passing run


class _Announced:
    """A lock that says when a given thread starts waiting for it (then waits as usual)."""

    def __init__(self, lock: threading.Lock, waiter: Callable[[], bool], waiting: threading.Event):
        self._lock, self._waiter, self._waiting = lock, waiter, waiting

    def __enter__(self) -> bool:
        if self._waiter():
            self._waiting.set()
        return self._lock.__enter__()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._lock.__exit__(kind, exc, tb)


def _names_on_disk(path: Path) -> set[str]:
    contacts = orjson.loads(path.read_bytes())["contacts"]
    return {doc["name"] for doc in contacts.values()}


def test_a_reload_started_mid_commit_replays_nothing_and_the_later_change_is_saved_next(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    network = Network(db_path, clock)
    network.add_contact("Camille Martin")
    state = network.state
    reloaded: list[list[OperationConflict] | None] = []
    reload_started = threading.Event()  # the timer's reload ran, or is waiting for the commit

    def timer_reload() -> None:
        try:
            reloaded.append(network.reload_if_changed())
        finally:
            reload_started.set()

    timer = threading.Thread(target=timer_reload)
    # Where the store keeps one (`_saving`), the reload must wait for the commit: say so.
    saving = getattr(network.store, "_saving", None)
    if saving is not None:
        network.store._saving = _Announced(  # type: ignore[assignment]
            saving, lambda: threading.current_thread() is timer, reload_started
        )

    def write_then_overlap(path: Path, data: bytes | Sequence[bytes]) -> None:
        atomic_write(path, data)
        # The user types on, on the UI thread: applied at once, never waiting for the save.
        typing = threading.Thread(target=network.add_contact, args=("Zoë N'Diaye",))
        typing.start()
        typing.join(WAIT)
        assert not typing.is_alive(), "applying a change waited for the commit's write"
        timer.start()
        assert reload_started.wait(WAIT)

    monkeypatch.setattr("reseau_tui.store.store.atomic_write", write_then_overlap)
    report = network.commit()
    monkeypatch.setattr("reseau_tui.store.store.atomic_write", atomic_write)
    timer.join(WAIT)

    assert report.saved == 1 and report.conflicts == []
    # No "not applied, it changed elsewhere" for Camille; and the file the commit wrote
    # is no outside change: not read again, nothing rebuilt, the screen not redrawn.
    assert reloaded == [None]
    assert network.state is state
    assert _names_on_disk(db_path) == {"Camille Martin"}
    assert network.store.pending == 1  # Zoë, typed during the write, is still to be saved
    assert {c.name for c in network.state.contacts.values()} == {"Camille Martin", "Zoë N'Diaye"}

    assert network.commit().saved == 1
    assert _names_on_disk(db_path) == {"Camille Martin", "Zoë N'Diaye"}
    assert network.store.pending == 0
