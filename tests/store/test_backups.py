"""Backups next to the database: the last 5 saves and one per day for a week, newest first."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson
import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import SaveError
from reseau_tui.store import store as store_module
from tests.store.support import backups_of


def _version(path: Path) -> int:
    """Each save in these tests adds one contact: the count tells which save a file holds."""
    return len(orjson.loads(path.read_bytes()).get("contacts", {}))


def _day(backup: Path) -> str:
    """The day in a backup's name (reseau.json.bak-YYYYMMDDT...), as a user sees it."""
    return backup.name.rsplit(".bak-", 1)[1][:8]


def test_the_first_save_makes_no_backup(network: Network, db_path: Path) -> None:
    network.add_contact("Camille Martin")
    network.commit()

    assert backups_of(db_path) == []


def test_the_newest_backup_is_the_previous_version(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    for n in range(4):
        clock.advance(minutes=1)
        network.add_contact(f"Person {n}")
        network.commit()
        previous = db_path.read_bytes()

    clock.advance(minutes=1)
    network.add_contact("Person 4")
    network.commit()

    newest = backups_of(db_path)[0]
    assert newest.read_bytes() == previous
    assert _version(newest) == 4


def test_every_save_keeps_the_previous_version_even_when_the_clock_stands_still(
    network: Network, db_path: Path
) -> None:
    """Two saves at the same instant (or after the clock was set back) still keep a backup."""
    for n in range(4):
        network.add_contact(f"Person {n}")
        network.commit()
        if n:
            assert _version(backups_of(db_path)[0]) == n

    assert sorted(_version(b) for b in backups_of(db_path)) == [1, 2, 3]


def test_a_clock_set_back_does_not_hide_the_previous_version(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    network.add_contact("Person 0")
    network.commit()
    network.add_contact("Person 1")
    network.commit()  # backup of version 1, stamped 26 November
    clock.advance(days=-30)  # the system clock is corrected backwards
    network.add_contact("Person 2")
    network.commit()

    assert _version(backups_of(db_path)[0]) == 2


def test_backups_rotate_to_the_last_five_and_one_per_day_for_a_week(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    saves = 0
    for n_day in range(20):
        for hour in (9, 12, 15, 18):
            clock.instant = clock.instant.replace(hour=hour)
            network.add_contact(f"Person {saves}")
            network.commit()
            saves += 1
        if n_day < 19:
            clock.advance(days=1)

    backups = backups_of(db_path)

    def day(days_ago: int) -> str:
        return clock.now().subtract(days=days_ago).in_timezone("UTC").strftime("%Y%m%d")

    # The last five saves can each be undone, the newest first.
    assert [_version(b) for b in backups[:5]] == [saves - 1 - i for i in range(5)]
    # Then one per day for the past week, and nothing older.
    older = Counter(_day(b) for b in backups[5:])
    assert set(older) <= {day(d) for d in range(1, 8)}
    assert all(count == 1 for count in older.values())
    assert {day(d) for d in range(7)} <= {_day(b) for b in backups}
    assert len(backups) <= 5 + 7
    # Every backup is a whole, readable earlier version.
    assert all(0 < _version(b) < saves for b in backups)


@pytest.mark.parametrize("saves", [2, 12])
def test_backups_are_private(
    network: Network, db_path: Path, clock: FixedClock, saves: int
) -> None:
    for n in range(saves):
        clock.advance(hours=5)
        network.add_contact(f"Person {n}")
        network.commit()

    assert backups_of(db_path)
    for backup in backups_of(db_path):
        assert backup.stat().st_mode & 0o777 == 0o600


def test_cli_saves_keep_backups_of_the_previous_version(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", "Camille Martin"]) == 0
    first = db_path.read_bytes()
    assert main(["add", "Zoë N'Diaye"]) == 0

    assert backups_of(db_path)[0].read_bytes() == first


def test_a_copy_made_by_hand_next_to_the_database_is_never_deleted(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    mine = db_path.with_name(f"{db_path.name}.bak-1")
    network.add_contact("Camille Martin")
    network.commit()
    mine.write_bytes(db_path.read_bytes())

    for n in range(12):
        clock.advance(days=1)
        network.add_contact(f"Person {n}")
        network.commit()

    assert mine.exists()
    assert _version(mine) == 1


def test_retrying_a_save_on_a_full_disk_keeps_the_older_versions(
    network: Network, db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        clock.advance(minutes=1)
        network.add_contact(f"Person {n}")
        network.commit()
    assert [_version(b) for b in backups_of(db_path)] == [4, 3, 2, 1]

    def disk_full(path: Path, data: bytes) -> None:
        raise SaveError(path, "the disk is full")

    monkeypatch.setattr(store_module, "atomic_write", disk_full)
    network.add_contact("Person 5")
    for _retry in range(6):
        clock.advance(minutes=1)
        with pytest.raises(SaveError):
            network.commit()
    monkeypatch.undo()
    network.commit()

    assert _version(db_path) == 6
    assert [_version(b) for b in backups_of(db_path)] == [5, 4, 3, 2, 1]
