"""Contact rows kept in order change by change are the rows sorted from scratch."""

from __future__ import annotations

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.services.overview import SORTS, ContactRows, contact_rows


def test_rows_kept_in_order_equal_rows_sorted_from_scratch(
    network: Network, clock: FixedClock
) -> None:
    kept = {sort: ContactRows() for sort in SORTS}

    def check() -> None:
        queue = network.queue()
        for sort in SORTS:
            assert kept[sort].rows(network.state, queue, sort) == contact_rows(
                network.state, queue, sort
            )

    camille = network.add_contact("Camille Martin", circle="friend")
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=camille.id)
    network.add_contact("Aïcha Benali")
    network.add_contact("Camille Martin")  # same name: ties go by id
    check()
    network.log_meeting([zoe.id], clock.now().subtract(days=3))
    check()
    thank = next(i for i in network.queue().items if i.kind == "thank")
    network.decide(thank, "done")
    check()
    network.edit_contact(zoe.id, name="Zoé Ndiaye")
    check()
    network.set_archived(camille.id, True)
    check()
    clock.advance(days=120)
    check()


def test_a_meeting_still_to_come_is_not_shown_as_last_met(
    network: Network, clock: FixedClock
) -> None:
    sofia = network.add_contact("Sofia Rossi")
    network.log_meeting([sofia.id], clock.now().subtract(days=10), note="first coffee")
    network.log_meeting([sofia.id], clock.now().add(days=1), note="lunch planned")

    [row] = contact_rows(network.state, network.queue(), "recent")
    assert row.last == clock.now().subtract(days=10)
    assert network.state.next_meeting(sofia.id, clock.now()) == clock.now().add(days=1)
