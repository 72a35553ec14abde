"""A database file that cannot be trusted is refused, named, and never touched.

Each kind of damage is tried three ways: opening the network, `reseau contacts`
and `reseau add`. Every time the command says which file, what is wrong and
which backup to restore from, and the file (and its folder) stay exactly as
they were.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import DamagedDatabase
from tests.store.support import backups_of, folder_state, reseau, snapshot


def _edit_json(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data))


def _first_contact(data: dict[str, Any]) -> dict[str, Any]:
    contact: dict[str, Any] = next(iter(data["contacts"].values()))
    return contact


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _not_json(path: Path) -> None:
    path.write_bytes(b"name,company\nCamille Martin,Airbus\n")


def _a_list(path: Path) -> None:
    path.write_bytes(b'[{"name": "Camille Martin"}]')


def _table_not_a_dict(path: Path) -> None:
    _edit_json(path, lambda d: d.update(contacts=["Camille Martin"]))


def _record_not_a_dict(path: Path) -> None:
    _edit_json(path, lambda d: d.update(contacts={"c1": "Camille Martin"}))


def _contact_without_name(path: Path) -> None:
    _edit_json(path, lambda d: _first_contact(d).pop("name"))


def _contact_with_a_bad_date(path: Path) -> None:
    _edit_json(path, lambda d: _first_contact(d).update(created="last Tuesday"))


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "notes.txt").write_text("not a database")


def _not_utf8(path: Path) -> None:
    data = path.read_bytes()
    assert "Zoë".encode() in data
    path.write_bytes(data.replace("Zoë".encode(), "Zoë".encode("latin-1")))


def _newer_schema(path: Path) -> None:
    _edit_json(path, lambda d: d["meta"]["schema"].update(schema_version=99))


# (damage, words the message must contain)
DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty while backups exist": (_empty, "is empty, although backups of it exist"),
    "truncated": (_truncated, "is truncated or not JSON"),
    "not json": (_not_json, "is truncated or not JSON"),
    "a list": (_a_list, "wrong shape"),
    "table not a dict": (_table_not_a_dict, "wrong shape"),
    "record not a dict": (_record_not_a_dict, "wrong shape"),
    "contact without name": (_contact_without_name, "has a record of the wrong shape"),
    "contact with a bad date": (_contact_with_a_bad_date, "has a record of the wrong shape"),
    "a folder": (_folder, "is a folder, not a database file"),
    "not utf-8": (_not_utf8, "is not UTF-8 text"),
    "newer schema": (_newer_schema, "was written by a newer reseau (schema 99"),
}


def _database_with_a_backup(path: Path, clock: FixedClock) -> Path:
    """Two saves: the file holds both contacts, its one backup holds the first."""
    network = Network(path, clock)
    network.add_contact("Camille Martin", company="Airbus")
    network.commit()
    clock.advance(minutes=5)
    network.add_contact("Zoë N'Diaye", company="Thales")
    network.commit()
    backups = backups_of(path)
    assert len(backups) == 1
    return backups[0]


@pytest.fixture(params=list(DAMAGES))
def damaged(request: pytest.FixtureRequest, db_path: Path, clock: FixedClock) -> tuple[str, Path]:
    """A damaged database; returns the words describing the damage and the backup to restore."""
    backup = _database_with_a_backup(db_path, clock)
    damage, words = DAMAGES[request.param]
    damage(db_path)
    return words, backup


def test_damaged_file_is_refused_and_left_alone_when_opened(
    damaged: tuple[str, Path], db_path: Path, clock: FixedClock
) -> None:
    words, backup = damaged
    before = folder_state(db_path.parent)

    with pytest.raises(DamagedDatabase) as caught:
        Network(db_path, clock)

    message = str(caught.value)
    assert str(db_path) in message
    assert words in message
    assert str(backup) in message
    assert caught.value.backup == backup
    assert folder_state(db_path.parent) == before


@pytest.mark.parametrize("command", [["contacts"], ["contacts", "--json"], ["add", "Léa Petit"]])
def test_damaged_file_makes_commands_exit_1_and_is_never_overwritten(
    damaged: tuple[str, Path],
    db_path: Path,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    words, backup = damaged
    before = folder_state(db_path.parent)

    status = main(["--db", str(db_path), *command])

    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert str(db_path) in err
    assert words in err
    assert f"newest readable backup: {backup}" in err
    assert folder_state(db_path.parent) == before


def test_truncated_file_is_never_overwritten_by_a_real_reseau_process(
    db_path: Path, clock: FixedClock
) -> None:
    backup = _database_with_a_backup(db_path, clock)
    _truncated(db_path)
    before = folder_state(db_path.parent)

    for command in (["add", "Léa Petit"], ["contacts"]):
        done = reseau(*command, db=db_path)
        assert done.returncode == 1, done.stderr
        assert done.stdout == ""
        assert str(db_path) in done.stderr
        assert "truncated or not JSON" in done.stderr
        assert str(backup) in done.stderr
    assert folder_state(db_path.parent) == before


def test_the_restore_hint_skips_a_damaged_newer_backup(
    db_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _database_with_a_backup(db_path, clock)
    damaged_newer = good.with_name(f"{db_path.name}.bak-99991231T000000000000")
    damaged_newer.write_bytes(b'{"contacts": ')
    _truncated(db_path)

    assert main(["--db", str(db_path), "contacts"]) == 1

    err = capsys.readouterr().err
    assert f"newest readable backup: {good}" in err
    assert str(damaged_newer) not in err


def test_damaged_file_without_backups_says_no_backup_was_found(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.write_bytes(b'{"contacts": {"c1": {"id": "c1", "na')
    before = folder_state(db_path.parent)

    assert main(["--db", str(db_path), "add", "Léa Petit"]) == 1

    err = capsys.readouterr().err
    assert str(db_path) in err
    assert "no readable backup was found" in err
    assert folder_state(db_path.parent) == before


def test_an_empty_file_without_backups_is_a_new_database(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.touch()

    assert main(["--db", str(db_path), "add", "Léa Petit"]) == 0

    saved = orjson.loads(db_path.read_bytes())
    assert [c["name"] for c in saved["contacts"].values()] == ["Léa Petit"]


def test_unreadable_file_is_refused_and_left_alone(
    db_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup = _database_with_a_backup(db_path, clock)
    content = db_path.read_bytes()
    db_path.chmod(0)
    if os.access(db_path, os.R_OK):
        # A superuser reads through mode 000: make the read fail as it does for everyone else.
        real_read_bytes = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self == db_path:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real_read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    mtime = db_path.stat().st_mtime_ns

    with pytest.raises(DamagedDatabase) as caught:
        Network(db_path, clock)
    assert "cannot be read (permission denied)" in str(caught.value)
    assert caught.value.backup == backup

    for command in (["contacts"], ["add", "Léa Petit"]):
        assert main(["--db", str(db_path), *command]) == 1
        err = capsys.readouterr().err
        assert str(db_path) in err
        assert "cannot be read (permission denied)" in err
        assert f"newest readable backup: {backup}" in err

    assert db_path.stat().st_mode & 0o777 == 0
    assert db_path.stat().st_mtime_ns == mtime
    monkeypatch.undo()
    db_path.chmod(0o600)
    assert db_path.read_bytes() == content


def test_file_damaged_after_loading_is_never_overwritten(db_path: Path, clock: FixedClock) -> None:
    _database_with_a_backup(db_path, clock)
    network = Network(db_path, clock)
    network.add_contact("Léa Petit")
    _truncated(db_path)  # a sync tool, or another program, breaks the file meanwhile
    broken = snapshot(db_path)

    for _attempt in range(2):
        with pytest.raises(DamagedDatabase):
            network.commit()
        assert snapshot(db_path) == broken
    assert network.store.pending == 1  # the unsaved contact is still there to save later


def test_file_damaged_after_loading_is_never_overwritten_after_a_refresh(
    db_path: Path, clock: FixedClock
) -> None:
    _database_with_a_backup(db_path, clock)
    network = Network(db_path, clock)
    _not_json(db_path)
    broken = snapshot(db_path)

    with pytest.raises(DamagedDatabase):
        network.reload_if_changed()
    network.add_contact("Léa Petit")
    with pytest.raises(DamagedDatabase):
        network.commit()
    assert snapshot(db_path) == broken


def test_restoring_the_named_backup_brings_the_data_back(db_path: Path, clock: FixedClock) -> None:
    backup = _database_with_a_backup(db_path, clock)
    _truncated(db_path)
    with pytest.raises(DamagedDatabase) as caught:
        Network(db_path, clock)
    assert caught.value.backup == backup

    shutil.copyfile(backup, db_path)

    names = [c.name for c in Network(db_path, clock).state.contacts.values()]
    assert names == ["Camille Martin"]
