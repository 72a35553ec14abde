"""A large network opens on its contacts and queue; the journal is parsed a moment later.

Until it is, views that would need a meeting say "…" instead of waiting, and
anything else (the queue, a change, a save) sees every record of the file.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.engine import build_queue
from reseau_tui.services.demo import write_demo_database
from reseau_tui.services.followups import about
from reseau_tui.services.network import Network
from reseau_tui.store import encoding, loader
from reseau_tui.store.derived import forget_derived
from reseau_tui.store.layout import layout_path


@pytest.fixture(autouse=True)
def split_even_small_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "LAZY_FROM", 0)  # the demo is small; the mechanism is the same
    monkeypatch.setattr(encoding, "SLICE", 4)


@pytest.fixture
def demo(db_path: Path, clock: FixedClock) -> Path:
    write_demo_database(db_path, clock)
    Network(db_path, clock).queue()  # a run that keeps what the queue found
    return db_path


def test_the_queue_comes_before_the_journal_and_names_its_meetings_once_parsed(
    demo: Path, clock: FixedClock
) -> None:
    network = Network(demo, clock)
    state, tz = network.state, clock.tz
    assert not network.store.rest.ready("meetings")
    items = [i for i in network.queue().items if i.kind == "thank"]
    assert items and not network.store.rest.ready("meetings")  # the queue did not need them
    assert state.meeting(items[0].meeting_id or "", wait=False) is None
    assert about(items[0], state, tz, wait=False) == "…"
    network.warm()  # what the app's worker does after the first frame
    assert about(items[0], state, tz, wait=False) not in ("", "…")
    assert about(items[0], state, tz, wait=False) == about(items[0], state, tz)
    expected = build_queue(network.state, clock.now(), clock.tz)
    assert [i.id for i in network.queue().items] == [i.id for i in expected.items]


def test_a_meeting_logged_before_the_journal_is_parsed_is_saved_beside_all_the_others(
    demo: Path, clock: FixedClock
) -> None:
    before = orjson.loads(demo.read_bytes())
    network = Network(demo, clock)
    assert not network.store.rest.ready()
    anne = next(iter(network.state.contacts))
    network.log_meeting([anne], note="right after opening")
    network.commit()
    after = orjson.loads(demo.read_bytes())
    assert set(after["meetings"]) > set(before["meetings"])
    assert len(after["meetings"]) == len(before["meetings"]) + 1
    assert after["actions"] == before["actions"]
    assert len(Network(demo, clock).state.journal()) == len(after["meetings"])


def test_a_command_that_needs_one_meeting_parses_the_meetings_only(
    demo: Path, clock: FixedClock
) -> None:
    network = Network(demo, clock)
    item = next(i for i in network.queue().items if i.meeting_id)
    assert about(item, network.state, clock.tz)  # waits for the meetings, as `reseau due` does
    assert network.store.rest.ready("meetings") and not network.store.rest.ready("actions")


def test_forgetting_the_findings_forgets_the_layout_too(demo: Path) -> None:
    assert layout_path(demo).exists()
    forget_derived(demo)
    assert not layout_path(demo).exists()


def test_a_meeting_logged_while_the_journal_is_being_built_is_in_it(
    demo: Path, clock: FixedClock
) -> None:
    """Whatever the interleaving: the worker builds in steps, letting changes in between."""
    import threading

    network = Network(demo, clock)
    anne = next(iter(network.state.contacts))
    worker = threading.Thread(target=network.warm)
    worker.start()
    logged = network.log_meeting([anne], note="during the build")
    worker.join()
    journal = network.state.journal()
    assert logged.id in {m.id for m in journal}
    assert len(journal) == len(network.store.tables["meetings"])
    assert [m.when for m in journal] == sorted((m.when for m in journal), reverse=True)


def test_the_journal_built_aside_is_swapped_in_only_if_nothing_changed_meanwhile(
    demo: Path, clock: FixedClock
) -> None:
    network = Network(demo, clock)
    state = network.state
    prepared = state.prepared()  # what the worker builds without holding the lock
    assert state.take(prepared) and state.journal_ready
    expected = Network(demo, clock).state.journal()
    assert [m.id for m in state.journal()] == [m.id for m in expected]

    network = Network(demo, clock)
    state = network.state
    prepared = state.prepared()
    anne = next(iter(state.contacts))
    logged = network.log_meeting([anne], note="while the worker built")
    network.edit_contact(anne, notes="met again")
    assert not state.take(prepared)  # stale: the records changed since the snapshot
    assert not state.journal_ready
    assert logged.id in {m.id for m in state.journal()}  # built now, from the records as they are
    assert "met again" in state.search_keys[anne]
