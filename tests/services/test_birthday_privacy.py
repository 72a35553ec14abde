"""Forgetting someone forgets the birthday wishes recorded for them too."""

from __future__ import annotations

from reseau_tui.services.network import Network
from reseau_tui.services.privacy import plan_forget


def test_forgetting_a_person_removes_their_birthday_wishes(network: Network) -> None:
    lea = network.add_contact("Léa Dubois", birthday="--11-27")
    (wish,) = [i for i in network.queue().items if i.kind == "birthday"]
    network.decide(wish, "done", channel="sms", text="Joyeux anniversaire !")
    network.commit()

    plan = plan_forget(network.state, lea.id, network.clock.tz)

    assert plan.decisions == 1
    assert plan.operation is not None
    network.apply(plan.operation)
    assert not network.state.actions
