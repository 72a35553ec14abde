"""Two contacts who are one person, listed as possible duplicates and merged on purpose."""

from __future__ import annotations

from datetime import timedelta

import pytest

from reseau_tui.domain.models import create_promise
from reseau_tui.services.duplicates import CannotMerge, plan_merge, possible_pairs
from reseau_tui.services.importing import import_file
from reseau_tui.services.network import Network


def card(*lines: str) -> bytes:
    body = "".join(f"{ln}\r\n" for ln in lines)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n".encode()


def test_the_two_john_does_an_import_kept_apart_are_listed(network: Network) -> None:
    import_file(network, "vcard", card("FN:John Doe", "EMAIL:john.doe@acme.example"))
    import_file(network, "vcard", card("FN:John Doe", "EMAIL:jdoe@other.example"))
    network.add_contact("Léa Moreau", url="https://www.linkedin.com/in/lea")
    network.add_contact("L. Moreau", url="https://fr.linkedin.com/in/lea/")

    pairs = possible_pairs(network.state)

    assert [(p.why, p.first.name, p.second.name) for p in pairs] == [
        ("name", "John Doe", "John Doe"),
        ("url", "L. Moreau", "Léa Moreau"),
    ]


def journal(network: Network) -> dict[str, str]:
    """Two John Does who are one person, each with their own part of the journal."""
    now = network.now()
    intro = network.add_contact("Inès Roy")
    kept = network.add_contact("John Doe", email="john.doe@acme.example", company="Acme")
    other = network.add_contact(
        "John Doe",
        email="jdoe@other.example",
        phone="+33 6 00 00 00 00",
        introduced_by=intro.id,
        notes="Met at the fair.",
        tags=("aero",),
    )
    friend = network.add_contact("Paul Girard", introduced_by=other.id)
    network.log_meeting([kept.id], now - timedelta(days=20), learned="supply chain")
    both = network.log_meeting([other.id, kept.id], now - timedelta(days=10))
    met = network.log_meeting(
        [other.id, friend.id],
        now - timedelta(days=2),
        promises=(create_promise("send the article", contact_id=other.id),),
    )
    thank = next(
        i
        for i in network.queue().items
        if (i.kind, i.meeting_id, i.contact_id) == ("thank", met.id, other.id)
    )
    network.decide(thank, "done", channel="email", text="Merci !")
    return {
        "kept": kept.id,
        "other": other.id,
        "friend": friend.id,
        "intro": intro.id,
        "both": both.id,
        "met": met.id,
    }


def test_a_merge_keeps_the_meetings_and_introductions_of_both(network: Network) -> None:
    ids = journal(network)

    with network.recording() as ops:
        plan = plan_merge(network.state, ids["kept"], ids["other"], network.clock.tz)
        assert plan.operation is not None
        network.apply(plan.operation)
    network.commit()

    assert len(ops) == 1  # one operation: saved whole, or not at all
    state = Network(network.path).state
    assert ids["other"] not in state.contacts
    john = state.contacts[ids["kept"]]
    assert (john.company, john.email, john.phone) == (
        "Acme",
        "john.doe@acme.example",
        "+33 6 00 00 00 00",
    )
    assert john.notes == "Met at the fair.\n\nMerged from John Doe:\nemail: jdoe@other.example"
    assert john.tags == ("aero",)
    assert john.introduced_by == ids["intro"]  # who introduced the other
    assert state.contacts[ids["friend"]].introduced_by == ids["kept"]  # whom the other did
    assert [m.contact_ids for m in sorted(state.meetings.values(), key=lambda m: m.when)] == [
        (ids["kept"],),
        (ids["kept"],),  # the meeting with both lists them once
        (ids["kept"], ids["friend"]),
    ]
    (promise,) = state.meetings[ids["met"]].promises
    assert promise.contact_id == ids["kept"]
    # The thank-you sent to the other stays sent; the friend's is still owed.
    after = {(i.kind, i.meeting_id, i.contact_id) for i in Network(network.path).queue().items}
    assert ("thank", ids["met"], ids["kept"]) not in after
    assert ("thank", ids["met"], ids["friend"]) in after
    assert (plan.meetings, plan.promises, plan.introductions, plan.decisions) == (2, 1, 1, 1)


def test_what_differs_in_the_merged_contact_is_kept_in_the_notes(network: Network) -> None:
    kept = network.add_contact("John Doe", email="john.doe@acme.example", notes="Mentor.")
    other = network.add_contact(
        "Johnny Doe", email="jdoe@other.example", role="CTO", notes="Loves jazz."
    )

    plan = plan_merge(network.state, kept.id, other.id, network.clock.tz)
    assert plan.operation is not None
    network.apply(plan.operation)

    john = network.state.contacts[kept.id]
    assert (john.name, john.email, john.role) == ("John Doe", "john.doe@acme.example", "CTO")
    assert john.notes == (
        "Mentor.\n\nMerged from Johnny Doe:\nname: Johnny Doe\nemail: jdoe@other.example\n"
        "Loves jazz."
    )
    assert plan.noted == ("name", "email")


def test_a_contact_cannot_be_merged_into_itself(network: Network) -> None:
    john = network.add_contact("John Doe")

    with pytest.raises(CannotMerge):
        plan_merge(network.state, john.id, john.id, network.clock.tz)
