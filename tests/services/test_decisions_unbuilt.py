"""Questions about a few decisions and meetings are answered without building them all.

A run catching up with a meeting logged from the shell asks about a handful of
follow-ups; the answers must be exactly those the built indexes would give,
including for decisions made since the question was first asked.
"""

from __future__ import annotations

from pathlib import Path

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.demo import write_demo_database
from reseau_tui.services.network import Network


def test_decisions_and_meetings_asked_one_by_one_match_the_built_indexes(
    db_path: Path, clock: FixedClock
) -> None:
    write_demo_database(db_path, clock)
    setup = Network(db_path, clock)
    items = setup.queue().items
    setup.decide(items[0], "snoozed", until=clock.now().add(days=3))
    setup.decide(items[0], "done")
    setup.decide(items[1], "dismissed")
    setup.commit()

    network = Network(db_path, clock)
    state = network.state
    asked = [i.id for i in items[:4]]
    before = {iid: [a.id for a in state.decisions_on(iid)] for iid in asked}
    network.decide(items[2], "done")  # after the index of decisions was made
    after = {iid: [a.id for a in state.decisions_on(iid)] for iid in asked}
    some_action = next(iter(network.store.tables["actions"]))
    one = state.action(some_action)
    met = {cid: state.met(cid) for cid in state.contacts}
    assert not state.journal_ready  # all of this without building the journal

    built = state.actions_by_item
    assert after == {iid: [a.id for a in built.get(iid, [])] for iid in asked}
    assert len(before[asked[0]]) == 2 and before[asked[1]] and not before[asked[2]]
    assert len(after[asked[2]]) == 1
    assert one == state.actions[some_action]
    assert met == {cid: bool(state.meetings_by_contact.get(cid)) for cid in state.contacts}
    assert any(met.values()) and not all(met.values())
