"""Shared by the fault tests: sample text, a large database, two machines, child processes."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import orjson

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.codec import contact_to_doc, meeting_to_doc
from reseau_tui.domain.models import create_contact, create_meeting
from reseau_tui.services.network import Network
from reseau_tui.store.migrations import stamp

FIXTURES = Path(__file__).parent / "fixtures"
SYNCTHING_COPY = "reseau.sync-conflict-20261126-101500-ABCDEFG.json"


def hostile_strings() -> list[str]:
    """Names and notes that break naive terminal apps (a copy of the shared sample)."""
    return list(json.loads((FIXTURES / "hostile" / "strings.json").read_bytes()))


def large_database(
    path: Path, clock: FixedClock, contacts: int = 5_000, meetings: int = 3_000
) -> None:
    """A few years of networking written by an earlier save: about 3 MB of JSON."""
    now = clock.now()
    people = [
        create_contact(
            f"Person {i}",
            created=now,
            company=f"Company {i % 300}",
            role="Engineer",
            email=f"person{i}@example.org",
            tags=("aero", "paris"),
        )
        for i in range(contacts)
    ]
    logged = [
        create_meeting(
            now - timedelta(days=i % 900),
            [people[i % contacts].id, people[(i * 7 + 1) % contacts].id],
            note="We talked about the sector, the companies hiring and who to see next.",
            learned="Airbus and Thales hire in Toulouse",
            leads=("Someone at Safran",),
        )
        for i in range(meetings)
    ]
    tables = {
        "contacts": {c.id: contact_to_doc(c) for c in people},
        "meetings": {m.id: meeting_to_doc(m) for m in logged},
    }
    stamp(tables)
    path.write_bytes(orjson.dumps(tables))
    path.chmod(0o600)


def contacts_on_disk(path: Path) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = orjson.loads(path.read_bytes()).get("contacts", {})
    return found


def names_on_disk(path: Path) -> set[str]:
    return {str(c["name"]) for c in contacts_on_disk(path).values()}


@dataclass
class Machines:
    """One database file in a synced folder, edited on two machines while they were apart.

    `here` is this machine's network on the synced file; `there` works on a copy
    of the same file, as the other machine had it when they parted. `conflict()`
    does what Syncthing does when both saved: the other machine's version lands
    next to the file as a conflict copy.
    """

    path: Path
    here: Network
    there: Network
    clock: FixedClock

    def conflict(self, name: str = SYNCTHING_COPY) -> Path:
        copy = self.path.with_name(name)
        shutil.copyfile(self.there.path, copy)
        copy.chmod(0o644)  # as a sync tool may leave it
        return copy


def two_machines(tmp_path: Path, clock: FixedClock) -> Machines:
    folder = tmp_path / "Sync"
    folder.mkdir()
    path = folder / "reseau.json"
    first = Network(path, clock)
    first.add_contact("Camille Martin", company="Airbus", role="Engineer")
    first.add_contact("Zoë N'Diaye", company="Thales")
    first.commit()
    clock.advance(minutes=1)
    other = tmp_path / "other-machine"
    other.mkdir()
    shutil.copy2(path, other / "reseau.json")
    return Machines(path, Network(path, clock), Network(other / "reseau.json", clock), clock)


def by_name(network: Network, name: str) -> str:
    return next(c.id for c in network.state.contacts.values() if c.name == name)


class Lines:
    """Lines from a child's stdout, with a deadline so a stuck child fails the test."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        self.proc = proc
        self.fd = proc.stdout.fileno()
        self.buffer = b""

    def next(self, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(left, 0))
            assert ready, f"no answer from the child; so far: {self.buffer!r}"
            chunk = os.read(self.fd, 65536)
            assert chunk, f"the child ended; so far: {self.buffer!r}"
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8")
