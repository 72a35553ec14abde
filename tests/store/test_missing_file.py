"""A database that vanished while its backups remain is never taken for a new, empty one."""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import DamagedDatabase


def _saved_twice(db_path: Path, clock: FixedClock) -> Network:
    network = Network(db_path, clock)
    network.add_contact("Camille Martin")
    network.commit()
    network.add_contact("Zoë N'Diaye")
    network.commit()
    return network


def test_opening_a_missing_file_with_backups_names_the_backup(
    db_path: Path, clock: FixedClock
) -> None:
    _saved_twice(db_path, clock)
    db_path.unlink()
    with pytest.raises(DamagedDatabase) as caught:
        Network(db_path, clock)
    assert "missing" in str(caught.value)
    assert caught.value.backup is not None
    assert not db_path.exists()


def test_an_open_app_does_not_save_over_a_vanished_file(db_path: Path, clock: FixedClock) -> None:
    network = _saved_twice(db_path, clock)
    db_path.unlink()
    network.add_contact("Inès Garnier")
    with pytest.raises(DamagedDatabase):
        network.commit()
    assert not db_path.exists()
    assert "Inès Garnier" in [c.name for c in network.state.contacts.values()]
