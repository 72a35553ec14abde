"""The file as it is at each save: a link made while the app is open; a file root saves for you.

And paths that can never be a file (a loop of links, a name too long): a clear
problem, never a traceback.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import DamagedDatabase, SaveError, Store
from reseau_tui.store.backups import keep_previous_version, list_backups
from tests.store.support import backups_of, reseau

NOBODY = 65534  # the conventional uid and gid of "nobody"


def _names(path: Path) -> set[str]:
    return {doc["name"] for doc in orjson.loads(path.read_bytes())["contacts"].values()}


def test_a_file_turned_into_a_link_while_open_is_saved_through_the_link(
    tmp_path: Path, clock: FixedClock
) -> None:
    here = tmp_path / "reseau.json"
    network = Network(here, clock)
    network.add_contact("Camille Martin")
    network.commit()
    # While the app stays open, the user moves the file into a synced folder and links to it.
    synced = tmp_path / "Sync" / "reseau.json"
    synced.parent.mkdir()
    here.rename(synced)
    here.symlink_to(synced)

    clock.advance(minutes=1)
    network.add_contact("Zoë N'Diaye")
    network.commit()

    assert here.is_symlink() and here.resolve() == synced
    assert _names(synced) == {"Camille Martin", "Zoë N'Diaye"}
    backups = backups_of(synced)
    assert len(backups) == 1 and not backups[0].is_symlink()
    assert _names(backups[0]) == {"Camille Martin"}  # the previous version, not a way to the file
    assert backups_of(here) == []  # nothing kept beside the link: all of it is in Sync
    assert Network(here, clock).store.pending == 0


def test_a_backup_of_a_link_is_a_copy_of_the_file_not_another_link(tmp_path: Path) -> None:
    synced = tmp_path / "Sync" / "reseau.json"
    synced.parent.mkdir()
    synced.write_bytes(b'{"contacts": {}}')
    link = tmp_path / "reseau.json"
    link.symlink_to(synced)

    keep_previous_version(link, datetime(2026, 11, 26, 9, tzinfo=UTC))
    newer = synced.with_name("newer")
    newer.write_bytes(b'{"contacts": {"changed": {}}}')
    newer.replace(synced)  # then the save puts the new version in place

    [backup] = backups_of(link)
    assert not backup.is_symlink()
    assert backup.read_bytes() == b'{"contacts": {}}'


def test_a_link_an_older_version_left_for_a_backup_is_not_taken_for_one(
    tmp_path: Path, clock: FixedClock
) -> None:
    db = tmp_path / "reseau.json"
    network = Network(db, clock)
    network.add_contact("Camille Martin")
    network.commit()
    fake = db.with_name(db.name + ".bak-20261126T080000000000")
    fake.symlink_to(db)

    clock.advance(minutes=1)
    network.add_contact("Zoë N'Diaye")
    network.commit()

    assert not fake.is_symlink() and not fake.exists()
    [backup] = list_backups(db)
    assert _names(backup) == {"Camille Martin"}


def test_root_saving_someone_elses_database_leaves_it_theirs(
    db_path: Path, clock: FixedClock
) -> None:
    if os.geteuid() != 0:
        pytest.skip("only the superuser can save a file owned by someone else")
    network = Network(db_path, clock)
    network.add_contact("Camille Martin")
    network.commit()
    os.chown(db_path, NOBODY, NOBODY)
    lock = db_path.with_name(db_path.name + ".lock")
    lock.unlink()  # as if the owner had only ever saved it themselves

    clock.advance(minutes=1)
    network.add_contact("Zoë N'Diaye")  # `sudo reseau add ...`, or the app run as root
    network.commit()

    st = db_path.stat()
    assert (st.st_uid, st.st_gid) == (NOBODY, NOBODY)
    assert st.st_mode & 0o777 == 0o600
    assert _names(db_path) == {"Camille Martin", "Zoë N'Diaye"}
    assert (lock.stat().st_uid, lock.stat().st_gid) == (NOBODY, NOBODY)
    assert [(b.stat().st_uid, b.stat().st_gid) for b in backups_of(db_path)] == [(NOBODY, NOBODY)]


def test_a_loop_of_links_is_a_problem_to_read_not_a_crash(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)

    with pytest.raises(DamagedDatabase) as caught:
        Store(a)

    assert "symbolic links" in str(caught.value)
    assert a.is_symlink() and b.is_symlink()
    done = reseau("add", "Camille Martin", db=a)
    assert done.returncode == 1 and "Traceback" not in done.stderr


def test_a_name_too_long_is_a_problem_to_read_not_a_crash(tmp_path: Path) -> None:
    long = tmp_path / ("x" * 300 + ".json")

    with pytest.raises(DamagedDatabase) as caught:
        Store(long)

    assert "too long" in str(caught.value)
    done = reseau("add", "Camille Martin", db=long)
    assert done.returncode == 1 and "Traceback" not in done.stderr


def test_a_file_turned_into_a_loop_of_links_while_open_is_not_saved_over(
    db_path: Path, clock: FixedClock
) -> None:
    network = Network(db_path, clock)
    network.add_contact("Camille Martin")
    network.commit()
    db_path.unlink()
    db_path.symlink_to(db_path)  # a link to itself: nothing can be read or written there

    network.add_contact("Zoë N'Diaye")
    with pytest.raises((DamagedDatabase, SaveError)) as caught:
        network.commit()

    assert "symbolic links" in str(caught.value)
    assert db_path.is_symlink() and os.readlink(db_path) == str(db_path)
    assert network.store.pending == 1  # kept, for when the file is back
    assert network.store.changed_on_disk()
