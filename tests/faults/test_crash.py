"""SIGKILL at any moment of a save, app or shell: the file loads, no acknowledged change is lost.

A fork server (crash_server.py) runs children that save to a large database
(5,000 contacts, 3,000 meetings, about 3 MB) until killed: the full app driven
headless, or the `reseau add` / `reseau log` commands. Half the kills come from
inside, at a chosen step of a save (before or after each open, write, fsync,
link, rename...); the other half from the test, right after a change was
acknowledged, wherever the child then is. After every kill the file must load,
and every change the child reported as saved must be in it.

Two kills in three come from inside; those walk every step of a save in turn
(a save is 30 steps), so the shell's share alone covers each step at least
once. CI runs 60 kills: 12 of the app, 48 of the shell (the shell's are five
times cheaper). The full run, 200 kills (40 of the app, 160 of the shell):

    RESEAU_KILLS=200 .venv/bin/pytest tests/faults/test_crash.py -q
"""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from tests.faults.support import Lines, large_database

SERVER = Path(__file__).with_name("crash_server.py")
KILLS = int(os.environ.get("RESEAU_KILLS", "60"))  # in all: a fifth for the app, the rest shell
STEPS = 30  # steps of one save: its 15 file operations (lock, link, write, rename...), each side


def on_disk(path: Path) -> dict[str, set[str]]:
    tables = orjson.loads(path.read_bytes())
    return {t: set(tables.get(t, {})) for t in ("contacts", "meetings")}


class Server:
    def __init__(self, mode: str, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(SERVER), mode, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.lines = Lines(self.proc)
        self.saved: dict[str, set[str]] = {"contacts": set(), "meetings": set()}

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def expect(self, word: str) -> str:
        """Read up to the line starting with `word`, collecting `saved` lines on the way."""
        while True:
            line = self.lines.next()
            kind, _, rest = line.partition(" ")
            if kind == "saved":
                table, _, record = rest.partition(" ")
                self.saved[table].add(record)
                if word == "saved":
                    return rest
                continue
            if kind == word:
                return rest
            raise AssertionError(f"expected {word!r}, got {line!r}")

    def close(self) -> int:
        if self.proc.poll() is None:
            self.proc.kill()
        return self.proc.wait(timeout=60)


@pytest.mark.parametrize("mode", ["tui", "cli"])
def test_sigkill_during_saves_loses_no_acknowledged_change(
    mode: str, db_path: Path, clock: FixedClock
) -> None:
    large_database(db_path, clock)
    rounds = KILLS // 5 if mode == "tui" else KILLS - KILLS // 5
    rng = random.Random(f"{mode}-20261126")
    steps = list(range(1, STEPS + 1))
    rng.shuffle(steps)
    server = Server(mode, db_path)
    child = 0
    inside = outside = 0
    try:
        for n in range(rounds):
            kill_at = steps[(n - n // 3) % STEPS] if n % 3 != 2 else 0
            server.send(f"round {kill_at}")
            if child:
                assert server.expect("dead").split() == [str(child), str(signal.SIGKILL)]
                for table, ids in on_disk(db_path).items():
                    assert server.saved[table] <= ids, f"acknowledged {table} lost"
            server.expect("opened")  # a new Network loaded the file the kill left
            child = int(server.expect("pid"))
            if kill_at:
                inside += 1  # it dies at that step of one of its next saves
            else:
                for _ in range(rng.randint(1, 3)):
                    server.expect("saved")
                os.kill(child, signal.SIGKILL)
                outside += 1
        server.send("quit")
        assert server.expect("dead").split() == [str(child), str(signal.SIGKILL)]
        assert server.proc.wait(timeout=60) == 0
    finally:
        server.close()

    assert inside + outside == rounds and inside and outside
    assert server.saved["contacts"]  # changes were acknowledged: the test is not vacuous
    assert mode == "tui" or server.saved["meetings"]
    network = Network(db_path, clock)
    assert server.saved["contacts"] <= set(network.state.contacts)
    assert server.saved["meetings"] <= set(network.state.meetings)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    network.add_contact("After the storm")
    network.commit()  # and the next save clears what the killed saves left behind
    assert list(db_path.parent.glob(f".{db_path.name}.tmp-*")) == []
