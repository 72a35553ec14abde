"""Editing and deleting a meeting: one operation each, decisions kept, the live queue in step."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from reseau_tui.domain.engine import build_queue
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import create_promise
from reseau_tui.services.meetings import (
    MeetingChangedElsewhere,
    delete_meeting,
    edit_meeting,
)
from reseau_tui.services.network import Network


def same_as_a_fresh_queue(network: Network) -> None:
    now = network.now()
    live = network.queue(now)
    fresh = build_queue(network.state, now, network.clock.tz)
    assert (live.items, live.needs_gratitude, live.next_change) == (
        fresh.items,
        fresh.needs_gratitude,
        fresh.next_change,
    )


def test_the_app_s_queue_follows_an_edit_and_a_delete(network: Network) -> None:
    ana = network.add_contact("Ana Lopes")
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=ana.id)
    met = network.log_meeting([zoe.id], network.now() - timedelta(days=1))
    network.queue()  # the app keeps its queue current from here on
    with network.recording() as ops:
        edit_meeting(network, met.id, when=network.now() - timedelta(days=5), note="moved")
    assert len(ops) == 1  # one change: saved, replayed or undone whole
    same_as_a_fresh_queue(network)
    assert {i.state for i in network.queue().items if i.kind == "thank"} == {"overdue"}

    with network.recording() as ops:
        delete_meeting(network, met.id)
    assert len(ops) == 1
    same_as_a_fresh_queue(network)
    assert [i.kind for i in network.queue().items] == []


def test_a_promise_of_no_one_stays_with_its_person_when_the_people_change(
    network: Network,
) -> None:
    """Its follow-up's id is made of that person: a promise kept must not come back."""
    zoe, ana = network.add_contact("Zoë N'Diaye"), network.add_contact("Ana Lopes")
    met = network.log_meeting(
        [zoe.id], network.now() - timedelta(days=1), promises=[create_promise("the article")]
    )
    (promise,) = [i for i in network.queue().items if i.kind == "promise"]
    network.decide(promise, "done")

    edit_meeting(network, met.id, contact_ids=[ana.id, zoe.id])

    assert [i for i in network.queue().items if i.kind == "promise"] == []
    same_as_a_fresh_queue(network)


def test_a_refused_value_applies_nothing(network: Network) -> None:
    zoe = network.add_contact("Zoë N'Diaye")
    met = network.log_meeting([zoe.id], network.now(), note="kept")
    version = network.state.version
    refused: list[dict[str, Any]] = [
        {"contact_ids": []},
        {"contact_ids": ["nobody"]},
        {"channel": "pigeon"},
    ]
    for bad in refused:
        with pytest.raises(InvalidInput):
            edit_meeting(network, met.id, **bad)
    with pytest.raises(TypeError):
        edit_meeting(network, met.id, id="another")
    assert network.state.version == version
    assert network.state.meeting(met.id) == met


def test_a_field_changed_elsewhere_since_the_form_opened_is_not_overwritten(
    network: Network,
) -> None:
    zoe = network.add_contact("Zoë N'Diaye")
    met = network.log_meeting([zoe.id], network.now(), note="as the form opened")
    edit_meeting(network, met.id, note="changed by another writer")

    with pytest.raises(MeetingChangedElsewhere) as clash:
        edit_meeting(network, met.id, expected={"note": "as the form opened"}, note="mine")
    assert clash.value.fields == ("note",)
    edited = edit_meeting(network, met.id, expected={"place": ""}, place="Flore")  # untouched
    assert (edited.note, edited.place) == ("changed by another writer", "Flore")
    delete_meeting(network, met.id)
    with pytest.raises(MeetingChangedElsewhere):
        edit_meeting(network, met.id, note="too late")
