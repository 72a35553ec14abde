"""The file carries a schema version; an older file is brought up to date, a newer one refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import DamagedDatabase, loader, migrations
from tests.store.support import backups_of, snapshot


def _schema(path: Path) -> Any:
    return orjson.loads(path.read_bytes())["meta"]["schema"]["schema_version"]


def test_a_new_database_records_its_schema_version(network: Network, db_path: Path) -> None:
    network.add_contact("Camille Martin")
    network.commit()

    assert _schema(db_path) == migrations.CURRENT_SCHEMA == 1


def test_a_file_without_a_version_is_read_as_the_first_one(
    db_path: Path, clock: FixedClock
) -> None:
    db_path.write_bytes(
        orjson.dumps(
            {
                "contacts": {
                    "c1": {
                        "id": "c1",
                        "name": "Camille Martin",
                        "created": "2025-01-01T09:00:00+01:00",
                    }
                }
            }
        )
    )
    before = snapshot(db_path)

    network = Network(db_path, clock)

    assert network.contact("c1").name == "Camille Martin"
    assert snapshot(db_path) == before  # reading never writes
    network.add_contact("Zoë N'Diaye")
    network.commit()
    assert _schema(db_path) == 1


def test_an_older_file_is_migrated_on_load_and_rewritten_after_a_backup(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    network = Network(db_path, clock)
    camille = network.add_contact("Camille Martin", company="Airbus").id
    network.commit()
    version_1 = db_path.read_bytes()

    def to_version_2(tables: dict[str, Any]) -> dict[str, Any]:
        for contact in tables.get("contacts", {}).values():
            contact["company"] = contact.get("company", "").upper()
        return tables

    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", 2)
    monkeypatch.setattr(loader, "CURRENT_SCHEMA", 2)
    monkeypatch.setitem(migrations.STEPS, 1, to_version_2)

    upgraded = Network(db_path, clock)
    assert upgraded.contact(camille).company == "AIRBUS"
    assert db_path.read_bytes() == version_1  # not rewritten until something is saved
    clock.advance(minutes=1)
    upgraded.add_contact("Zoë N'Diaye")
    upgraded.commit()

    assert _schema(db_path) == 2
    assert backups_of(db_path)[0].read_bytes() == version_1
    monkeypatch.undo()
    with pytest.raises(DamagedDatabase, match="written by a newer reseau"):
        Network(db_path, clock)  # the older program refuses the upgraded file


@pytest.mark.parametrize("version", [0, -1, "1", None, 1.5, [1]])
def test_a_nonsense_schema_version_is_refused(
    db_path: Path, clock: FixedClock, version: object
) -> None:
    db_path.write_bytes(orjson.dumps({"meta": {"schema": {"schema_version": version}}}))
    before = snapshot(db_path)

    with pytest.raises(DamagedDatabase, match="not a reseau database"):
        Network(db_path, clock)
    assert snapshot(db_path) == before
