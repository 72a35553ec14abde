"""A full disk (or a file size limit) during a save: nothing damaged, said clearly, saved later.

The disk really fills up: as root, the database lives on a small tmpfs that a
filler file exhausts (ENOSPC). Where mounting is not permitted, the save runs
in a process whose RLIMIT_FSIZE is below the size of the file it must write
(EFBIG). The `rlimit` case runs everywhere; the `tmpfs` case runs on tmpfs
when it can be mounted, else on RLIMIT_FSIZE too. Never skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network

CHILD = Path(__file__).with_name("disk_child.py")
PROBLEMS = {"tmpfs": "the disk is full", "rlimit": "the file is larger than this system allows"}


@dataclass
class Disk:
    kind: str  # what fills: "tmpfs" or "rlimit"
    db: Path

    @property
    def problem(self) -> str:
        return PROBLEMS[self.kind]

    def run(self, scenario: str) -> dict[str, object]:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(
            [sys.executable, str(CHILD), scenario, self.kind, str(self.db)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
        return result


def _mount_tmpfs(folder: Path) -> bool:
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture(params=["tmpfs", "rlimit"])
def disk(request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock) -> Iterator[Disk]:
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = request.param == "tmpfs" and _mount_tmpfs(folder)
    try:
        db = folder / "reseau.json"
        network = Network(db, clock)
        for n in range(300):
            network.add_contact(f"Person {n}", company="Airbus", notes="A few words. " * 10)
        network.commit()
        clock.advance(minutes=1)
        network.add_contact("Camille Martin")
        network.commit()  # one backup, and the lock file, exist
        yield Disk("tmpfs" if mounted else "rlimit", db)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def test_the_shell_says_the_disk_is_full_and_changes_nothing(disk: Disk) -> None:
    seen = disk.run("cli")

    assert seen["status"] == 1
    assert f"could not save {disk.db}: {disk.problem}. Nothing was written." in str(seen["err"])
    before, after = seen["before"], seen["after"]
    assert isinstance(before, dict) and isinstance(after, dict)
    # The file and its backups are as they were; a new backup, if any, is the same file.
    assert {name: after[name] for name in before} == before
    for name in set(after) - set(before):
        assert name.startswith("reseau.json.bak-") and after[name] == before["reseau.json"]
    assert seen["again"] == 0  # once there is room again, the same command works


def test_the_app_keeps_the_change_says_why_and_saves_once_there_is_room(
    disk: Disk, clock: FixedClock
) -> None:
    seen = disk.run("tui")

    assert seen["problem"] == disk.problem
    assert f"not saved: {disk.problem}" in str(seen["status"])
    assert any(
        f"Could not save: {disk.problem}. Your changes are kept in memory" in note
        for note in seen["notes"]  # type: ignore[attr-defined]
    )
    assert "Léa Petit" in seen["shown"]  # type: ignore[operator]
    before, after = seen["before"], seen["after"]
    assert isinstance(before, dict) and isinstance(after, dict)
    assert {name: after[name] for name in before} == before
    assert seen["still"] == disk.problem
    assert seen["problem_after"] == ""
    assert "saved" in str(seen["status_after"]) and "not saved" not in str(seen["status_after"])
    assert "Léa Petit" in seen["on_disk"]  # type: ignore[operator]
