"""`kill -9` at any instant of a save leaves a file that loads, with every acknowledged change."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import orjson

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.codec import contact_to_doc, meeting_to_doc
from reseau_tui.domain.models import create_contact, create_meeting
from reseau_tui.services.network import Network
from reseau_tui.store.migrations import stamp

SAVE_LOOP = Path(__file__).with_name("save_loop.py")
KILLS = 50
CONTACTS = 5_000
MEETINGS = 3_000


def _large_database(path: Path, clock: FixedClock) -> None:
    """A few years of networking, written by an earlier reseau: about 3 MB of JSON."""
    now = clock.now()
    contacts = [
        create_contact(
            f"Person {i}",
            created=now,
            company=f"Company {i % 300}",
            role="Engineer",
            email=f"person{i}@example.org",
            tags=("aero", "paris"),
        )
        for i in range(CONTACTS)
    ]
    meetings = [
        create_meeting(
            now - timedelta(days=i % 900),
            [contacts[i % CONTACTS].id, contacts[(i * 7 + 1) % CONTACTS].id],
            note="We talked about the sector, the companies hiring and who to see next.",
            learned="Airbus and Thales hire in Toulouse",
            leads=("Someone at Safran",),
        )
        for i in range(MEETINGS)
    ]
    tables = {
        "contacts": {c.id: contact_to_doc(c) for c in contacts},
        "meetings": {m.id: meeting_to_doc(m) for m in meetings},
    }
    stamp(tables)
    path.write_bytes(orjson.dumps(tables))
    path.chmod(0o600)


class Lines:
    """Lines from a child's stdout, with a deadline so a stuck child fails the test."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        self.fd = proc.stdout.fileno()
        self.buffer = b""

    def next(self, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(left, 0))
            assert ready, f"no answer from the save loop; so far: {self.buffer!r}"
            chunk = os.read(self.fd, 65536)
            assert chunk, f"the save loop ended; so far: {self.buffer!r}"
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8")


def _expect(lines: Lines, word: str, saved: list[str]) -> str:
    """Read up to the line starting with `word`, collecting `saved ID` lines on the way."""
    while True:
        line = lines.next()
        kind, _, rest = line.partition(" ")
        if kind == "saved":
            saved.append(rest)
        if kind == word:
            return rest
        if kind != "saved":
            raise AssertionError(f"expected {word!r}, got {line!r}")


def _contact_ids(path: Path) -> set[str]:
    return set(orjson.loads(path.read_bytes())["contacts"])


def test_kill_during_save_always_leaves_a_loadable_file_with_every_saved_change(
    db_path: Path, clock: FixedClock
) -> None:
    _large_database(db_path, clock)
    rng = random.Random(20261126)
    saved: list[str] = []
    proc = subprocess.Popen(
        [sys.executable, str(SAVE_LOOP), str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert proc.stdin is not None
    lines = Lines(proc)
    child = 0
    kills = 0
    try:
        for _round in range(KILLS):
            proc.stdin.write(b"round\n")
            proc.stdin.flush()
            if child:
                assert int(_expect(lines, "dead", saved)) == child
                # Everything the killed child reported as saved is in the file it left.
                assert set(saved) <= _contact_ids(db_path)
            opened = _expect(lines, "opened", saved)  # a Network opened the file after the kill
            assert int(opened) >= CONTACTS + len(saved)
            child = int(_expect(lines, "pid", saved))
            # Kill at a random instant: before the first save ends, or during a later one.
            for _ in range(rng.randrange(3)):
                _expect(lines, "saved", saved)
            time.sleep(rng.uniform(0, 0.02))  # lands anywhere in the next save or two
            os.kill(child, signal.SIGKILL)
            kills += 1
        proc.stdin.write(b"quit\n")
        proc.stdin.flush()
        assert int(_expect(lines, "dead", saved)) == child
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    assert kills == KILLS
    assert saved  # the test waited for some saves before killing: it is not vacuous
    network = Network(db_path, clock)
    assert set(saved) <= set(network.state.contacts)
    assert len(network.state.contacts) >= CONTACTS + len(saved)
    assert db_path.stat().st_mode & 0o777 == 0o600

    # The next save clears the half-written temp files the killed saves left behind.
    network.add_contact("After the storm")
    network.commit()
    assert list(db_path.parent.glob(f".{db_path.name}.tmp-*")) == []
