"""`reseau sync` from the shell, and the notice every saving command prints while a copy waits."""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.store.sync import conflict_copies
from tests.faults.support import Machines, by_name, contacts_on_disk, two_machines

NOTICE = "A sync conflict copy is waiting next to the database: merge it with reseau sync."


@pytest.fixture
def machines(tmp_path: Path, clock: FixedClock) -> Machines:
    return two_machines(tmp_path, clock)


def reseau(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return status, out, err


def conflicting_companies(machines: Machines) -> Path:
    camille = by_name(machines.here, "Camille Martin")
    machines.here.edit_contact(camille, company="Safran")
    machines.here.commit()
    machines.there.edit_contact(camille, company="Dassault")
    machines.there.add_contact("Hugo Bernard")
    machines.there.commit()
    return machines.conflict()


def test_sync_merges_a_copy_without_questions(
    machines: Machines, capsys: pytest.CaptureFixture[str]
) -> None:
    machines.there.add_contact("Hugo Bernard")
    machines.there.commit()
    copy = machines.conflict()

    status, out, err = reseau(capsys, machines.path, "sync")

    assert status == 0, err
    assert out == f"Merged {copy.name}: 1 change from the other copy merged.\n"
    assert f"The copy was kept as {copy}.merged" in err
    assert "Hugo Bernard" in {c["name"] for c in contacts_on_disk(machines.path).values()}
    assert conflict_copies(machines.path) == []


def test_sync_lists_fields_changed_both_ways_and_writes_nothing(
    machines: Machines, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = conflicting_companies(machines)
    before = machines.path.read_bytes()

    status, out, _err = reseau(capsys, machines.path, "sync")

    assert status == 1
    assert out.splitlines() == [
        f"{copy.name}: these fields were changed differently on both sides; nothing was written:",
        "  Camille Martin (contact) · company",
        "      this machine: Safran",
        "      the copy:     Dassault",
        "Keep this machine's values: reseau sync --take mine",
        "Keep the copy's values:     reseau sync --take theirs",
    ]
    assert machines.path.read_bytes() == before
    assert conflict_copies(machines.path) == [copy]


@pytest.mark.parametrize(("take", "company"), [("mine", "Safran"), ("theirs", "Dassault")])
def test_sync_take_settles_every_conflict_one_way(
    machines: Machines, capsys: pytest.CaptureFixture[str], take: str, company: str
) -> None:
    conflicting_companies(machines)

    status, out, err = reseau(capsys, machines.path, "sync", "--take", take)

    assert status == 0, err
    on_disk = {c["name"]: c for c in contacts_on_disk(machines.path).values()}
    assert on_disk["Camille Martin"]["company"] == company
    assert "Hugo Bernard" in on_disk  # the change without a question is merged either way
    assert conflict_copies(machines.path) == []
    assert "Fields changed on both sides: kept" in out


def test_sync_with_nothing_to_merge_says_so(
    machines: Machines, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = reseau(capsys, machines.path, "sync")
    assert status == 0
    assert "No sync conflict copy next to" in err


def test_a_damaged_copy_is_named_and_left_alone(
    machines: Machines, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = machines.conflict()
    copy.write_bytes(b"{not json")

    status, _out, err = reseau(capsys, machines.path, "sync")

    assert status == 1
    assert f"the conflict copy {copy} is truncated or not JSON" in err
    assert copy.read_bytes() == b"{not json"


def test_every_saving_command_mentions_a_waiting_copy_and_reading_ones_do_not(
    machines: Machines, capsys: pytest.CaptureFixture[str]
) -> None:
    machines.conflict()

    status, _out, err = reseau(capsys, machines.path, "add", "Léa Petit")
    assert status == 0 and err.splitlines()[-1] == NOTICE
    status, _out, err = reseau(capsys, machines.path, "log", "Léa", "--note", "Coffee")
    assert status == 0 and err.splitlines()[-1] == NOTICE
    status, _out, err = reseau(capsys, machines.path, "contacts")
    assert status == 0 and NOTICE not in err

    reseau(capsys, machines.path, "sync")
    status, _out, err = reseau(capsys, machines.path, "add", "Inès Garnier")
    assert status == 0 and NOTICE not in err
