"""A `reseau forget --purge-backups` killed while rewriting a backup leaves a temp copy of it.

That copy holds the person being forgotten (and everyone else in the backup):
the next save, or the next forget, removes it. Left here by hand, named as
`atomic_write` names it, as a killed run would have left it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store.files import temp_prefix
from tests.store.support import backups_of

KILLED_PID = 4242


def _saved_twice(db: Path, clock: FixedClock) -> Network:
    network = Network(db, clock)
    network.add_contact("Zoë N'Diaye", notes="knows everyone in aerospace")
    network.commit()
    clock.advance(minutes=1)
    network.add_contact("Camille Martin")
    network.commit()
    assert len(backups_of(db)) == 1
    return network


def _leftover_of(copy: Path) -> Path:
    """What a purge killed between writing and renaming its new version of `copy` leaves."""
    leftover = copy.with_name(f"{temp_prefix(copy)}{KILLED_PID}-0badf00d")
    leftover.write_bytes(copy.read_bytes())
    return leftover


def test_the_next_save_removes_a_killed_purges_copy_of_a_backup(
    db_path: Path, clock: FixedClock
) -> None:
    network = _saved_twice(db_path, clock)
    [backup] = backups_of(db_path)
    leftover = _leftover_of(backup)
    unrelated = db_path.with_name(".notes.txt.tmp-4242-0badf00d")  # another program's: kept
    unrelated.write_text("mine")

    clock.advance(minutes=1)
    network.add_contact("Hugo Bernard")
    network.commit()

    assert not leftover.exists()
    assert backup.exists() and b"Zo" in backup.read_bytes()  # the backup itself stays
    assert unrelated.read_text() == "mine"


def test_the_next_save_removes_a_killed_purges_copy_of_a_merged_sync_copy(
    db_path: Path, clock: FixedClock
) -> None:
    network = _saved_twice(db_path, clock)
    merged = db_path.with_name("reseau.sync-conflict-20261126-101500-ABCDEFG.json.merged")
    merged.write_bytes(db_path.read_bytes())
    leftover = _leftover_of(merged)

    clock.advance(minutes=1)
    network.add_contact("Hugo Bernard")
    network.commit()

    assert not leftover.exists()
    assert merged.exists()


def test_the_next_forget_removes_a_killed_purges_copy_of_a_backup(
    db_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    _saved_twice(db_path, clock)
    [backup] = backups_of(db_path)
    leftover = _leftover_of(backup)

    code = main(["--db", str(db_path), "forget", "Zoë N'Diaye", "--yes", "--purge-backups"])

    assert code == 0, capsys.readouterr().err
    assert not leftover.exists()
    hidden = [p.name for p in db_path.parent.iterdir() if ".tmp-" in p.name]
    assert hidden == []
    assert all("Zoë".encode() not in b.read_bytes() for b in backups_of(db_path))
