"""Several processes saving to one file at once: every change reported saved is in the file."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import orjson

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from tests.store.support import reseau

WRITER = Path(__file__).with_name("writer_child.py")
TERMINALS = 6  # shells running reseau add at the same time
ADDS = 6  # reseau add commands run one after the other in each


def _contacts_on_disk(path: Path) -> dict[str, dict[str, object]]:
    contacts: dict[str, dict[str, object]] = orjson.loads(path.read_bytes())["contacts"]
    return contacts


def test_every_contact_reseau_add_reported_is_in_the_file(db_path: Path) -> None:
    def one_terminal(t: int) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
        return [
            (f"Terminal {t} contact {n}", reseau("add", f"Terminal {t} contact {n}"))
            for n in range(ADDS)
        ]

    with ThreadPoolExecutor(max_workers=TERMINALS) as pool:
        runs = [run for runs in pool.map(one_terminal, range(TERMINALS)) for run in runs]

    reported = {done.stdout.strip(): name for name, done in runs if done.returncode == 0}
    failures = [(name, done.returncode, done.stderr) for name, done in runs if done.returncode != 0]
    assert failures == []
    assert len(reported) == TERMINALS * ADDS
    on_disk = _contacts_on_disk(db_path)
    assert {cid: on_disk[cid]["name"] for cid in reported if cid in on_disk} == reported
    assert Network(db_path).state.contacts.keys() == reported.keys()


def test_writers_that_stay_open_lose_nothing_and_all_their_edits_land(
    db_path: Path, clock: FixedClock
) -> None:
    network = Network(db_path, clock)
    shared = network.add_contact("Camille Martin").id
    network.commit()
    fields = ("company", "role", "email", "phone")
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(db_path), f"Writer {k}", "15", field, shared],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k, field in enumerate(fields)
    ]
    for writer in writers:  # start them together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=60) for writer in writers]

    assert [writer.returncode for writer in writers] == [0] * len(writers), outputs
    lines = [line for out, _err in outputs for line in out.splitlines()]
    assert [line for line in lines if not line.startswith("saved ")] == []
    saved = {line.removeprefix("saved ") for line in lines}
    assert len(saved) == 15 * len(fields)
    on_disk = _contacts_on_disk(db_path)
    assert saved <= on_disk.keys()
    # Each writer set its own field of the shared contact; each last value stands.
    camille = on_disk[shared]
    assert {field: camille[field] for field in fields} == {
        field: f"Writer {k} 14" for k, field in enumerate(fields)
    }
