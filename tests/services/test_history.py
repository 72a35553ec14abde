"""The session's history: undone newest first, redone in turn, never what did not happen."""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.history import History, NothingToUndo
from reseau_tui.services.network import Network
from reseau_tui.services.privacy import plan_forget


def test_a_change_lost_to_another_writer_is_not_undone(
    network: Network, db_path: Path, clock: FixedClock
) -> None:
    camille = network.add_contact("Camille Martin").id
    network.commit()
    history = History(network)
    network.edit_contact(camille, role="Buyer")  # not saved yet
    other = Network(db_path, clock)  # `reseau forget camille` meanwhile
    forgetting = plan_forget(other.state, camille, clock.tz)
    assert forgetting.operation is not None
    other.apply(forgetting.operation)
    other.commit()
    report = network.commit()
    assert len(report.conflicts) == 1  # the edit no longer applies: it never happened
    with pytest.raises(NothingToUndo):
        history.undo()
    assert camille not in network.state.contacts


def test_what_was_there_before_the_session_is_not_undone(network: Network) -> None:
    network.add_contact("Camille Martin")
    history = History(network)
    zoe = network.add_contact("Zoë N'Diaye").id
    assert history.undo() == "add contact Zoë N'Diaye"
    assert zoe not in network.state.contacts
    with pytest.raises(NothingToUndo):
        history.undo()
    assert [c.name for c in network.state.contacts.values()] == ["Camille Martin"]


def test_only_the_latest_changes_are_kept(network: Network) -> None:
    history = History(network, limit=2)
    for name in ("Anne", "Bruno", "Chloé"):
        network.add_contact(name)
    history.undo()
    history.undo()
    with pytest.raises(NothingToUndo):
        history.undo()
    assert [c.name for c in network.state.contacts.values()] == ["Anne"]


def test_a_change_that_changes_nothing_is_not_a_step_to_undo(network: Network) -> None:
    camille = network.add_contact("Camille Martin").id
    history = History(network)
    network.edit_contact(camille, role="Buyer")
    network.save_settings(network.state.settings)
    network.save_settings(network.state.settings)  # the same again: nothing changes
    assert history.undo() == "change the settings"
    assert history.undo() == "edit contact Camille Martin"
    assert network.contact(camille).role == ""
