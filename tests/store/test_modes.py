"""The database holds notes about other people: every file reseau writes is private (0600)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from tests.store.support import backups_of


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Private whatever the user's umask, even one that lets everybody read everything."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def test_database_backups_and_lock_are_created_private(
    umask: int, db_path: Path, clock: FixedClock
) -> None:
    network = Network(db_path, clock)
    for n in range(3):
        clock.advance(hours=1)
        network.add_contact(f"Person {n}")
        network.commit()

    lock = db_path.with_name(db_path.name + ".lock")
    assert _mode(db_path) == 0o600
    assert _mode(lock) == 0o600
    assert len(backups_of(db_path)) == 2
    assert all(_mode(b) == 0o600 for b in backups_of(db_path))


def test_a_database_made_readable_to_others_is_saved_private(
    db_path: Path, clock: FixedClock
) -> None:
    network = Network(db_path, clock)
    network.add_contact("Camille Martin")
    network.commit()
    db_path.chmod(0o644)  # copied by hand, or by a sync tool

    clock.advance(hours=1)
    network.add_contact("Zoë N'Diaye")
    network.commit()

    assert _mode(db_path) == 0o600
    [backup] = backups_of(db_path)
    assert _mode(backup) == 0o600


def test_a_missing_folder_is_created_on_first_save(
    umask: int, tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "new" / "folder" / "reseau.json"

    network = Network(path, clock)
    assert not path.parent.exists()  # opening alone writes nothing
    network.add_contact("Camille Martin")
    network.commit()

    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert [c.name for c in Network(path, clock).state.contacts.values()] == ["Camille Martin"]


def test_reseau_add_creates_the_folder_of_a_new_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "Documents" / "réseau" / "contacts.json"

    assert main(["--db", str(path), "add", "Camille Martin"]) == 0

    assert _mode(path) == 0o600
    assert main(["--db", str(path), "contacts"]) == 0
    assert "Camille Martin" in capsys.readouterr().out


def test_the_default_database_lives_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("RESEAU_DB")

    assert main(["add", "Camille Martin"]) == 0

    [path] = (tmp_path / "home").rglob("reseau.json")
    assert _mode(path) == 0o600
