"""A file in a synced folder, saved on two machines while apart: the conflict copy is merged.

Each test edits the file on "here" and "there" (a copy of the file as the other
machine had it), then puts the other machine's version next to the file the way
Syncthing does, and merges it as the app and `reseau sync` do.
"""

from __future__ import annotations

import stat
from pathlib import Path

import orjson
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.state import CONTACTS
from reseau_tui.services.network import Network
from reseau_tui.services.sync import conflict_views
from reseau_tui.store import DamagedDatabase, Operation
from reseau_tui.store.sync import ABSENT, conflict_copies, move_aside
from tests.faults.support import Machines, by_name, contacts_on_disk, two_machines


@pytest.fixture
def machines(tmp_path: Path, clock: FixedClock) -> Machines:
    return two_machines(tmp_path, clock)


def merge_and_save(network: Network, copy: Path, take: str = "mine") -> None:
    merge = network.prepare_merge(copy)
    op = merge.operation(take)  # type: ignore[arg-type]
    if op is not None:
        network.apply(op)
        report = network.commit()
        assert op in report.operations
    move_aside(copy)


def fields(path: Path, name: str) -> dict[str, object]:
    return next(c for c in contacts_on_disk(path).values() if c["name"] == name)


def test_changes_made_on_either_side_are_all_kept(machines: Machines) -> None:
    here, there = machines.here, machines.there
    here.add_contact("Léa Petit")
    here.edit_contact(by_name(here, "Camille Martin"), role="Head of supply chain")
    here.commit()
    there.add_contact("Hugo Bernard")
    there.edit_contact(by_name(there, "Camille Martin"), company="Airbus Helicopters")
    there.log_meeting([by_name(there, "Zoë N'Diaye")], note="Coffee in Toulouse")
    there.commit()
    copy = machines.conflict()

    merge = here.prepare_merge(copy)
    assert merge.conflicts == []
    assert merge.base is not None  # the version both started from, kept as a backup
    merge_and_save(here, copy)

    on_disk = Network(machines.path, machines.clock).state
    assert sorted(c.name for c in on_disk.contacts.values()) == [
        "Camille Martin",
        "Hugo Bernard",
        "Léa Petit",
        "Zoë N'Diaye",
    ]
    camille = on_disk.contacts[by_name(here, "Camille Martin")]
    assert (camille.company, camille.role) == ("Airbus Helicopters", "Head of supply chain")
    assert [m.note for m in on_disk.meetings.values()] == ["Coffee in Toulouse"]
    # The copy is kept, renamed so it is not merged again; the merged file stays private.
    assert conflict_copies(machines.path) == []
    aside = copy.with_name(copy.name + ".merged")
    assert aside.is_file()
    assert stat.S_IMODE(machines.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600  # the sync tool had made it 0644


def test_the_same_field_changed_both_ways_is_asked_and_each_answer_is_kept(
    machines: Machines,
) -> None:
    here, there = machines.here, machines.there
    camille, zoe = by_name(here, "Camille Martin"), by_name(here, "Zoë N'Diaye")
    here.edit_contact(camille, company="Safran")
    here.edit_contact(zoe, role="CTO")
    here.commit()
    there.edit_contact(camille, company="Dassault")
    there.edit_contact(zoe, role="VP Engineering", email="zoe@example.org")
    there.commit()
    copy = machines.conflict()

    merge = here.prepare_merge(copy)

    views = conflict_views(merge)
    assert [(v.what, v.field, v.mine, v.theirs) for v in views] == [
        ("Camille Martin (contact)", "company", "Safran", "Dassault"),
        ("Zoë N'Diaye (contact)", "role", "CTO", "VP Engineering"),
    ]
    op = merge.operation({0: "theirs", 1: "mine"})
    assert op is not None
    here.apply(op)
    here.commit()
    assert fields(machines.path, "Camille Martin")["company"] == "Dassault"
    zoe_doc = fields(machines.path, "Zoë N'Diaye")
    assert (zoe_doc["role"], zoe_doc["email"]) == ("CTO", "zoe@example.org")


def test_a_field_emptied_on_one_side_and_changed_on_the_other_is_asked(
    machines: Machines,
) -> None:
    camille = by_name(machines.here, "Camille Martin")
    machines.here.edit_contact(camille, role="")
    machines.here.commit()
    machines.there.edit_contact(camille, role="Buyer")
    machines.there.commit()

    [conflict] = machines.here.prepare_merge(machines.conflict()).conflicts

    assert (conflict.field, conflict.mine, conflict.theirs) == ("role", ABSENT, "Buyer")


def test_the_same_change_on_both_sides_is_no_question(machines: Machines) -> None:
    camille = by_name(machines.here, "Camille Martin")
    for network in (machines.here, machines.there):
        network.edit_contact(camille, company="Safran")
        network.commit()

    merge = machines.here.prepare_merge(machines.conflict())

    assert merge.conflicts == []
    assert merge.operation() is not None  # only the record of what was merged
    assert all(ch.table == "meta" for ch in merge.operation().changes)  # type: ignore[union-attr]


def test_a_deletion_wins_over_an_untouched_record_only(machines: Machines) -> None:
    here, there = machines.here, machines.there
    camille, zoe = by_name(here, "Camille Martin"), by_name(here, "Zoë N'Diaye")
    here.apply(Operation.remove("delete Camille", CONTACTS, camille))
    here.apply(Operation.remove("delete Zoë", CONTACTS, zoe))
    here.commit()
    there.edit_contact(zoe, notes="Met her again: she moved to Toulouse")
    there.commit()
    copy = machines.conflict()

    merge = here.prepare_merge(copy)
    assert merge.conflicts == [] and merge.kept == 1
    merge_and_save(here, copy)

    on_disk = contacts_on_disk(machines.path)
    assert camille not in on_disk  # deleted here, untouched there
    assert on_disk[zoe]["notes"] == "Met her again: she moved to Toulouse"  # changed there


def test_a_contact_deleted_here_but_met_there_is_kept(machines: Machines) -> None:
    here, there = machines.here, machines.there
    camille = by_name(here, "Camille Martin")
    here.apply(Operation.remove("delete Camille", CONTACTS, camille))
    here.commit()
    meeting = there.log_meeting([camille], note="Lunch")
    there.commit()
    copy = machines.conflict()

    merge_and_save(here, copy)

    state = Network(machines.path, machines.clock).state
    assert state.meetings[meeting.id].contact_ids == (camille,)
    assert state.contacts[camille].name == "Camille Martin"


def test_the_base_is_the_version_both_started_from_not_the_newest_backup(
    machines: Machines,
) -> None:
    """Saves made here after the machines parted leave backups newer than the common version.

    Taken as the base, such a backup would make "Léa, added here" look as if the
    other machine had deleted her.
    """
    here, there, clock = machines.here, machines.there, machines.clock
    here.add_contact("Léa Petit")
    here.commit()
    zoe = by_name(here, "Zoë N'Diaye")
    for n in range(3):
        clock.advance(minutes=5)
        here.edit_contact(zoe, notes=f"Call {n}")
        here.commit()
    there.add_contact("Hugo Bernard")
    there.commit()
    copy = machines.conflict()

    merge = here.prepare_merge(copy)
    merge_and_save(here, copy)

    assert merge.base is not None and merge.base.name.startswith("reseau.json.bak-")
    assert merge.conflicts == []
    names = {c["name"] for c in contacts_on_disk(machines.path).values()}
    assert names == {"Camille Martin", "Zoë N'Diaye", "Léa Petit", "Hugo Bernard"}


def test_without_a_common_version_nothing_is_dropped_and_differences_are_asked(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Two files that share no revision (written before revisions, or backups pruned)."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    here = Network(folder / "reseau.json", clock)
    camille = here.add_contact("Camille Martin", company="Airbus")
    here.add_contact("Léa Petit")
    here.commit()
    tables = orjson.loads((folder / "reseau.json").read_bytes())
    del tables["meta"]["revision"]
    tables["contacts"][camille.id]["company"] = "Thales"
    tables["contacts"] = {
        camille.id: tables["contacts"][camille.id],
        "c-hugo": {"id": "c-hugo", "name": "Hugo Bernard", "created": "2026-01-05T10:00:00+01:00"},
    }
    copy = folder / "reseau (Camille's conflicted copy 2026-11-26).json"
    copy.write_bytes(orjson.dumps(tables))

    merge = here.prepare_merge(copy)

    assert merge.base is None
    assert [(c.field, c.mine, c.theirs) for c in merge.conflicts] == [
        ("company", "Airbus", "Thales")
    ]
    merge_and_save(here, copy, take="theirs")
    on_disk = contacts_on_disk(folder / "reseau.json")
    assert {c["name"] for c in on_disk.values()} == {"Camille Martin", "Léa Petit", "Hugo Bernard"}
    assert on_disk[camille.id]["company"] == "Thales"


def test_merging_the_same_copy_again_changes_nothing(machines: Machines) -> None:
    """A crash after the merged file was saved but before the copy was moved aside."""
    machines.here.add_contact("Léa Petit")
    machines.here.commit()
    camille = by_name(machines.there, "Camille Martin")
    machines.there.edit_contact(camille, company="Safran")
    machines.there.commit()
    copy = machines.conflict()
    merge_and_save(machines.here, copy)
    machines.here.edit_contact(camille, company="Dassault")  # changed again since
    machines.here.commit()
    again = machines.conflict()

    merge = machines.here.prepare_merge(again)

    assert merge.conflicts == []
    assert merge.operation() is None


def test_a_merge_replays_on_top_of_a_save_made_meanwhile(machines: Machines) -> None:
    machines.there.add_contact("Hugo Bernard")
    machines.there.commit()
    merge = machines.here.prepare_merge(machines.conflict())
    shell = Network(machines.path, machines.clock)  # `reseau add` while the app asks
    shell.add_contact("Inès Garnier")
    shell.commit()

    op = merge.operation()
    assert op is not None
    machines.here.apply(op)
    report = machines.here.commit()

    assert report.reloaded and report.conflicts == []
    names = {c["name"] for c in contacts_on_disk(machines.path).values()}
    assert names == {"Camille Martin", "Zoë N'Diaye", "Hugo Bernard", "Inès Garnier"}


@pytest.mark.parametrize(
    "name",
    [
        "reseau.sync-conflict-20261126-101500-ABCDEFG.json",
        "reseau.sync-conflict-20261126-101500.json",
        "reseau (conflicted copy 2026-11-26).json",
        "reseau (Camille's conflicted copy 2026-11-26 (1)).json",
        "reseau (copie en conflit de Camille 2026-11-26).json",
    ],
)
def test_syncthing_dropbox_and_nextcloud_copies_are_found(machines: Machines, name: str) -> None:
    copy = machines.conflict(name)
    assert conflict_copies(machines.path) == [copy]


def test_other_files_in_the_folder_are_not_taken_for_conflict_copies(machines: Machines) -> None:
    folder = machines.path.parent
    for name in (
        "reseau.json.bak-20261126T101500000000",
        "other.sync-conflict-20261126-101500-ABCDEFG.json",
        "reseau.sync-conflict-20261126-101500-ABCDEFG.json.merged",
        "reseau.sync-conflict-notes.txt",
        "reseau.json.sync-conflict-20261126-101500-ABCDEFG.lock",
    ):
        (folder / name).write_bytes(b"{}")
    (folder / "reseau.sync-conflict-20261126-101500-ABCDEFG.json").mkdir()

    assert conflict_copies(machines.path) == []


def test_a_damaged_copy_is_reported_and_left_alone(machines: Machines) -> None:
    copy = machines.conflict()
    copy.write_bytes(copy.read_bytes()[:100])
    content = copy.read_bytes()

    with pytest.raises(DamagedDatabase) as caught:
        machines.here.prepare_merge(copy)

    assert "truncated" in str(caught.value)
    assert copy.read_bytes() == content
    assert conflict_copies(machines.path) == [copy]


def test_moving_aside_never_overwrites_an_earlier_merged_copy(machines: Machines) -> None:
    first = move_aside(machines.conflict())
    second = move_aside(machines.conflict())

    assert first != second and first.is_file() and second.is_file()
