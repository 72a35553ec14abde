"""Where the database lives: a link to a synced folder stays a link; only a file is a database."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import DamagedDatabase
from tests.store.support import backups_of, reseau


def test_a_database_reached_through_a_link_is_saved_in_the_linked_file(
    tmp_path: Path, clock: FixedClock
) -> None:
    synced = tmp_path / "Sync" / "reseau.json"  # the folder a sync tool watches
    synced.parent.mkdir()
    link = tmp_path / "reseau.json"
    link.symlink_to(synced)

    for name in ("Camille Martin", "Zoë N'Diaye"):
        network = Network(link, clock)
        network.add_contact(name)
        network.commit()
        clock.advance(minutes=1)

    assert link.is_symlink()
    names = {c["name"] for c in orjson.loads(synced.read_bytes())["contacts"].values()}
    assert names == {"Camille Martin", "Zoë N'Diaye"}
    assert synced.stat().st_mode & 0o777 == 0o600
    assert len(backups_of(synced)) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name != "Sync"] == ["reseau.json"]


def test_reseau_add_through_a_link_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    synced = tmp_path / "Sync" / "contacts.json"
    synced.parent.mkdir()
    link = tmp_path / "contacts.json"
    link.symlink_to(synced)

    assert main(["--db", str(link), "add", "Camille Martin"]) == 0
    assert main(["--db", str(link), "add", "Zoë N'Diaye"]) == 0

    assert link.is_symlink()
    assert len(orjson.loads(synced.read_bytes())["contacts"]) == 2


def test_a_pipe_at_the_path_is_refused_without_waiting_for_it(tmp_path: Path) -> None:
    fifo = tmp_path / "reseau.json"
    os.mkfifo(fifo)

    done = reseau("contacts", db=fifo, timeout=20)  # a read would wait forever for a writer

    assert done.returncode == 1
    assert str(fifo) in done.stderr
    assert "is not a regular file" in done.stderr
    assert fifo.exists() and not fifo.is_file()


def test_a_device_is_never_taken_for_an_empty_database(clock: FixedClock) -> None:
    with pytest.raises(DamagedDatabase) as caught:
        Network(Path(os.devnull), clock)

    assert "is not a regular file" in str(caught.value)
