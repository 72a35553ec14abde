"""What one run found in the journal is reused by the next on the same file, and only then.

The next run must show exactly the follow-ups a full scan would: the same
items, states and order, now and later; and any change to the file, by reseau
or anything else, must make it scan again rather than show stale follow-ups.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.engine import Queue, build_queue
from reseau_tui.services.demo import write_demo_database
from reseau_tui.services.network import Network
from reseau_tui.store.derived import derived_files


def view(queue: Queue) -> tuple[object, ...]:
    return ([(i.id, i.state, i.due, i.overdue_at) for i in queue.items], queue.needs_gratitude)


def scanned(network: Network) -> bool:
    network.queue()
    assert network._live is not None
    return network._live.rescans > 0


@pytest.fixture
def demo(db_path: Path, clock: FixedClock) -> Path:
    write_demo_database(db_path, clock)
    Network(db_path, clock).queue()  # a run that keeps what it found
    assert derived_files(db_path)
    return db_path


def test_a_second_run_on_the_same_file_shows_the_same_queue_without_scanning(
    demo: Path, clock: FixedClock
) -> None:
    network = Network(demo, clock)
    assert not scanned(network)
    assert view(network.queue()) == view(build_queue(network.state, clock.now(), clock.tz))
    assert network.queue().actionable()  # the demo owes thank-yous: the test is not vacuous


@pytest.mark.parametrize("days", [-40, 1, 3, 95, 400])
def test_a_later_or_earlier_run_resolves_the_kept_items_as_of_its_own_now(
    demo: Path, clock: FixedClock, days: int
) -> None:
    clock.advance(days=days)
    network = Network(demo, clock)
    assert not scanned(network)
    assert view(network.queue()) == view(build_queue(network.state, clock.now(), clock.tz))


def test_the_last_meeting_shown_beside_each_contact_comes_back_too(
    demo: Path, clock: FixedClock
) -> None:
    network = Network(demo, clock)
    assert not network.state.journal_ready
    kept = dict(network.state.last_met)
    network.state.journal()  # built now: the same last meetings
    assert kept == network.state.last_met and kept


def replayed(network: Network) -> bool:
    """The queue came from kept findings brought up to date, without a scan."""
    network.queue()
    assert network._live is not None
    return network._live.replayed and network._live.rescans == 0


def test_a_meeting_logged_from_the_shell_is_replayed_on_the_kept_findings(
    demo: Path, clock: FixedClock
) -> None:
    shell = Network(demo, clock)  # `reseau log`: no queue, so nothing to keep but a note
    person = shell.find("Camille")
    meeting = shell.log_meeting([person.id], note="Coffee")
    shell.commit()

    later = Network(demo, clock)
    assert replayed(later)
    assert view(later.queue()) == view(build_queue(later.state, clock.now(), clock.tz))
    thanks = [i for i in later.queue().items if i.meeting_id == meeting.id]
    assert {i.kind for i in thanks} == {"thank", "news"}  # thank now, news in 90 days
    assert later.state.last_met[person.id] == meeting.when  # beside the contact, at once


def test_several_shell_commands_in_a_row_are_replayed_together(
    demo: Path, clock: FixedClock
) -> None:
    first = Network(demo, clock)
    camille = first.find("Camille")
    first.log_meeting([camille.id], note="Coffee")
    first.commit()
    second = Network(demo, clock)  # `reseau done`: reads the queue, then decides
    item = second.queue().actionable()[0]
    second.decide(item, "done")
    second.commit()
    clock.advance(days=2)
    third = Network(demo, clock)
    third.add_contact("Nouvelle Personne", cadence_days=30)
    third.commit()

    later = Network(demo, clock)
    assert replayed(later)
    assert view(later.queue()) == view(build_queue(later.state, clock.now(), clock.tz))
    assert all(i.id != item.id for i in later.queue().items)


def test_a_hand_edit_after_a_shell_command_means_a_full_scan(demo: Path, clock: FixedClock) -> None:
    shell = Network(demo, clock)
    shell.log_meeting([shell.find("Camille").id], note="Coffee")
    shell.commit()
    tables = orjson.loads(demo.read_bytes())
    tables["actions"] = {}
    demo.write_bytes(orjson.dumps(tables))

    later = Network(demo, clock)
    assert scanned(later) and not later._live.replayed  # type: ignore[union-attr]
    assert view(later.queue()) == view(build_queue(later.state, clock.now(), clock.tz))


def test_the_app_keeps_its_findings_after_each_save(demo: Path, clock: FixedClock) -> None:
    app_network = Network(demo, clock)
    app_network.queue()
    person = app_network.find("Camille")
    meeting = app_network.log_meeting([person.id], note="Lunch")
    app_network.queue()
    app_network.commit()

    assert len(derived_files(demo)) == 1  # what was kept for the older version is gone
    later = Network(demo, clock)
    assert not scanned(later)
    assert any(i.meeting_id == meeting.id for i in later.queue().items)
    assert view(later.queue()) == view(build_queue(later.state, clock.now(), clock.tz))


def test_a_file_edited_by_another_program_is_scanned_again(demo: Path, clock: FixedClock) -> None:
    tables = orjson.loads(demo.read_bytes())
    tables["actions"] = {}  # every decision gone, the revision id left as it was
    demo.write_bytes(orjson.dumps(tables))

    network = Network(demo, clock)
    assert scanned(network)
    assert view(network.queue()) == view(build_queue(network.state, clock.now(), clock.tz))


def test_a_run_that_scanned_keeps_its_findings_once_asked_and_the_next_run_uses_them(
    demo: Path, clock: FixedClock
) -> None:
    """Kept after the output (a command) or on a worker (the app), never inside `queue()`."""
    tables = orjson.loads(demo.read_bytes())
    tables["actions"] = {}
    demo.write_bytes(orjson.dumps(tables))
    run = Network(demo, clock)
    assert scanned(run)
    assert not derived_files(demo) or scanned(Network(demo, clock))  # nothing kept yet
    run.keep_findings()

    later = Network(demo, clock)
    assert not scanned(later)
    assert view(later.queue()) == view(build_queue(later.state, clock.now(), clock.tz))


def test_another_timezone_is_scanned_again(demo: Path, clock: FixedClock) -> None:
    elsewhere = FixedClock.at("2026-11-26T10:00:00", "America/Montreal")
    network = Network(demo, elsewhere)
    assert scanned(network)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json",
        b"[]",
        b'{"key": null}',
        # the right key, with data of another shape
        None,
    ],
)
def test_a_damaged_kept_file_is_ignored_and_the_journal_scanned(
    demo: Path, clock: FixedClock, damage: bytes | None
) -> None:
    [kept] = derived_files(demo)
    if damage is None:
        found = orjson.loads(kept.read_bytes())
        first = next(iter(found["open"]))
        found["open"][first] = ["thank", 1, None]
        damage = orjson.dumps(found)
    kept.write_bytes(damage)

    network = Network(demo, clock)
    assert scanned(network)
    assert view(network.queue()) == view(build_queue(network.state, clock.now(), clock.tz))


def test_what_is_kept_is_private_and_in_the_cache_folder_not_beside_the_data(demo: Path) -> None:
    [kept] = derived_files(demo)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert Path(os.environ["XDG_CACHE_HOME"]) in kept.parents
    assert kept.parent != demo.parent


def test_written_in_slices_the_findings_are_the_same_json() -> None:
    """Encoded a few thousand entries at a time (the app's saves run beside typing)."""
    from reseau_tui.store.encoding import encode

    data = {
        "open": {f"th-{i:012x}": ["thank", f"m{i}", "c", None] for i in range(4_321)},
        "resolved": [[f"th-{i:012x}", "overdue", None] for i in range(6_001)],
        "resolved_at": None,
        "kt": {"c": "kt-1"},
        "empty": {},
    }
    assert b"".join(encode(data)) == orjson.dumps(data)


def test_findings_of_a_database_unused_for_a_month_are_pruned(
    demo: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """A demo or a moved file leaves findings behind: they go once another database saves."""
    [old] = derived_files(demo)
    month_ago = old.stat().st_mtime - 31 * 86_400
    os.utime(old, (month_ago, month_ago))
    other = tmp_path / "other.json"
    write_demo_database(other, clock)
    Network(other, clock).queue()
    assert not old.exists()
    assert derived_files(other)
    kept_fresh = derived_files(other)[0]
    Network(other, clock).queue()  # read, not rewritten: still marked as in use
    assert kept_fresh.exists() and kept_fresh.stat().st_mtime > month_ago


def test_reseau_due_keeps_what_it_found_after_printing(
    demo: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    from reseau_tui.cli.main import main

    tables = orjson.loads(demo.read_bytes())
    tables["actions"] = {}  # changed by another program: the command scans
    demo.write_bytes(orjson.dumps(tables))
    assert main(["--db", str(demo), "due"]) == 0
    assert "follow-up" in capsys.readouterr().err
    assert not scanned(Network(demo, clock))
