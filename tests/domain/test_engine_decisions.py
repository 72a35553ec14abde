"""Decisions on follow-ups (done, snoozed, dismissed) and the keep-in-touch rhythm."""

from __future__ import annotations

from reseau_tui.domain.engine import build_queue
from reseau_tui.domain.models import Settings, create_promise
from tests.domain.test_engine import PARIS, World, at

# --- snooze --------------------------------------------------------------------


def test_snoozed_item_is_not_due_before_its_date_and_due_again_at_it() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-25T15:00"), anne)
    thank = w.one(at("2026-11-26T10:00"), "thank", anne)
    w.decide(thank, "snoozed", at("2026-11-26T10:00"), until=at("2026-11-30T09:00"))

    snoozed = w.one(at("2026-11-30T08:59"), "thank", anne)
    assert (snoozed.id, snoozed.state) == (thank.id, "snoozed")
    assert snoozed.snoozed_until == at("2026-11-30T09:00")
    assert w.queue(at("2026-11-30T08:59")).actionable() == []
    back = w.one(at("2026-11-30T09:00"), "thank", anne)
    assert (back.id, back.state, back.due) == (thank.id, "due", at("2026-11-30T09:00"))


def test_expired_snooze_gives_the_usual_grace_before_overdue() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-20T15:00"), anne)  # overdue since 22 November
    thank = w.one(at("2026-11-26T10:00"), "thank", anne)
    assert thank.state == "overdue"
    w.decide(thank, "snoozed", at("2026-11-26T10:00"), until=at("2026-11-28T09:00"))

    assert w.one(at("2026-11-30T08:59"), "thank", anne).state == "due"
    assert w.one(at("2026-11-30T09:00"), "thank", anne).state == "overdue"


def test_the_latest_snooze_is_the_one_that_counts() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-25T15:00"), anne)
    thank = w.one(at("2026-11-26T10:00"), "thank", anne)
    w.decide(thank, "snoozed", at("2026-11-26T10:00"), until=at("2026-12-10T09:00"))
    w.decide(thank, "snoozed", at("2026-11-26T11:00"), until=at("2026-11-28T09:00"))

    assert w.one(at("2026-11-28T09:00"), "thank", anne).state == "due"


def test_snoozed_items_come_last_ordered_by_the_end_of_their_snooze() -> None:
    w = World()
    anne, bruno, chloe = w.contact("Anne Roux"), w.contact("Bruno Petit"), w.contact("Chloé")
    w.meeting(at("2026-11-25T15:00"), anne, bruno, chloe)
    now = at("2026-11-26T10:00")
    w.decide(w.one(now, "thank", anne), "snoozed", now, until=at("2026-12-05T09:00"))
    w.decide(w.one(now, "thank", bruno), "snoozed", now, until=at("2026-12-01T09:00"))

    order = [(i.kind, i.contact_id, i.state) for i in w.queue(now).items]
    assert order[0] == ("thank", chloe, "due")
    assert order[-2:] == [("thank", bruno, "snoozed"), ("thank", anne, "snoozed")]


# --- done and dismissed ----------------------------------------------------------


def test_done_item_never_comes_back_even_when_snoozed_afterwards() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-25T15:00"), anne)
    thank = w.one(at("2026-11-26T10:00"), "thank", anne)
    w.decide(thank, "done", at("2026-11-26T10:00"))
    w.decide(thank, "snoozed", at("2026-11-26T11:00"), until=at("2026-11-27T09:00"))

    for later in ("2026-11-26T10:00", "2026-11-28T10:00", "2027-06-01T10:00"):
        assert thank.id not in {i.id for i in w.queue(at(later)).items}


def test_dismissed_item_never_comes_back() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-25T15:00"), anne)
    news = w.one(at("2026-11-26T10:00"), "news", anne)
    w.decide(news, "dismissed", at("2026-11-26T10:00"))

    assert w.items(at("2027-03-01T10:00"), "news", anne) == []
    assert [i.kind for i in w.items(at("2026-11-26T10:00"), person=anne)] == ["thank"]


def test_done_then_new_meeting_makes_new_items() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-20T15:00"), anne)
    old = w.one(at("2026-11-21T10:00"), "thank", anne)
    w.decide(old, "done", at("2026-11-21T10:00"))
    second = w.meeting(at("2026-11-25T15:00"), anne)

    thank = w.one(at("2026-11-26T10:00"), "thank", anne)
    assert thank.id != old.id
    assert (thank.meeting_id, thank.state) == (second, "due")


def test_marking_one_person_thanked_leaves_the_others_of_the_meeting() -> None:
    w = World()
    anne, bruno = w.contact("Anne Roux"), w.contact("Bruno Petit")
    w.meeting(at("2026-11-25T15:00"), anne, bruno)
    now = at("2026-11-26T10:00")
    w.decide(w.one(now, "thank", anne), "done", now)

    assert [i.contact_id for i in w.items(now, "thank")] == [bruno]


# --- keep in touch -------------------------------------------------------------


def test_contact_with_no_cadence_gets_no_keep_in_touch() -> None:
    w = World()
    nobody = w.contact("Anne Roux")  # no circle, no cadence
    family = w.contact("Bruno Petit", circle="family")  # a circle without a rhythm
    w.meeting(at("2024-01-10T10:00"), nobody, family)

    assert w.items(at("2026-11-26T10:00"), "keep-in-touch") == []


def test_keep_in_touch_follows_the_contacts_own_cadence_first() -> None:
    w = World()
    anne = w.contact("Anne Roux", circle="client", cadence_days=30)  # client default: 60
    w.meeting(at("2026-10-01T09:00"), anne)

    item = w.one(at("2026-10-31T00:00"), "keep-in-touch", anne)
    assert (item.due, item.state, item.since) == (
        at("2026-10-31T09:00"),
        "due",
        at("2026-10-01T09:00"),
    )


def test_keep_in_touch_falls_back_to_the_circle_cadence() -> None:
    w = World()
    anne = w.contact("Anne Roux", circle="client")
    w.meeting(at("2026-09-01T09:00"), anne)

    assert w.one(at("2026-11-26T10:00"), "keep-in-touch", anne).due == at("2026-10-31T09:00")


def test_circle_cadence_comes_from_the_settings() -> None:
    w = World(Settings(circle_cadences={"client": 10}))
    anne = w.contact("Anne Roux", circle="client")
    w.meeting(at("2026-11-01T09:00"), anne)

    assert w.one(at("2026-11-26T10:00"), "keep-in-touch", anne).due == at("2026-11-11T09:00")


def test_new_contact_without_meetings_is_counted_from_when_it_was_added() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=30, created=at("2026-11-01T12:00"))

    item = w.one(at("2026-11-26T10:00"), "keep-in-touch", anne)
    assert (item.due, item.since) == (at("2026-12-01T12:00"), None)


def test_contact_added_after_meeting_them_is_counted_from_then_since_the_meeting() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=30, created=at("2026-11-01T12:00"))
    w.meeting(at("2026-10-20T09:00"), anne)

    item = w.one(at("2026-11-26T10:00"), "keep-in-touch", anne)
    assert (item.due, item.since) == (at("2026-12-01T12:00"), at("2026-10-20T09:00"))


def test_keep_in_touch_is_reset_by_a_meeting() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=30)
    w.meeting(at("2026-09-01T09:00"), anne)
    assert w.one(at("2026-11-26T10:00"), "keep-in-touch", anne).state == "overdue"

    w.meeting(at("2026-11-20T15:00"), anne)

    item = w.one(at("2026-11-26T10:00"), "keep-in-touch", anne)
    assert (item.due, item.state) == (at("2026-12-20T15:00"), "upcoming")


def test_keep_in_touch_is_reset_by_a_done_follow_up() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=60)
    w.meeting(at("2026-08-01T09:00"), anne)
    news = w.one(at("2026-10-30T10:00"), "news", anne)
    w.decide(news, "done", at("2026-11-02T18:00"))

    assert w.one(at("2026-11-26T10:00"), "keep-in-touch", anne).due == at("2027-01-01T18:00")


def test_dismissing_a_follow_up_is_not_a_contact_and_does_not_reset_keep_in_touch() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=60)
    w.meeting(at("2026-08-01T09:00"), anne)
    w.decide(w.one(at("2026-10-30T10:00"), "news", anne), "dismissed", at("2026-11-02T18:00"))

    assert w.one(at("2026-11-26T10:00"), "keep-in-touch", anne).due == at("2026-09-30T09:00")


def test_news_given_before_a_milestone_still_counts_as_contact() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=60)
    w.meeting(at("2026-06-01T09:00"), anne)
    w.decide(w.one(at("2026-09-01T10:00"), "news", anne), "done", at("2026-09-01T10:00"))
    w.milestone("Signed with Airbus", at("2026-11-26T09:00"))

    assert w.one(at("2026-11-26T10:00"), "keep-in-touch", anne).since == at("2026-09-01T10:00")


def test_keep_in_touch_done_starts_the_next_round() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=30)
    w.meeting(at("2026-09-01T09:00"), anne)
    first = w.one(at("2026-11-26T10:00"), "keep-in-touch", anne)
    w.decide(first, "done", at("2026-11-26T10:00"))

    second = w.one(at("2026-11-26T10:05"), "keep-in-touch", anne)
    assert second.id != first.id
    assert (second.due, second.state) == (at("2026-12-26T10:00"), "upcoming")


def test_keep_in_touch_done_before_a_planned_meeting_waits_a_further_round() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=30)
    w.meeting(at("2026-12-01T09:00"), anne)  # planned, next week
    first = w.one(at("2026-11-26T10:00"), "keep-in-touch", anne)
    w.decide(first, "done", at("2026-11-26T10:00"))

    item = w.one(at("2026-11-26T10:05"), "keep-in-touch", anne)
    assert item.id != first.id
    assert item.due == at("2027-01-30T09:00")


def test_keep_in_touch_snoozed_round_keeps_its_id() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=30)
    w.meeting(at("2026-09-01T09:00"), anne)
    item = w.one(at("2026-11-26T10:00"), "keep-in-touch", anne)
    w.decide(item, "snoozed", at("2026-11-26T10:00"), until=at("2026-12-01T00:00"))

    later = w.one(at("2026-12-01T00:00"), "keep-in-touch", anne)
    assert (later.id, later.state) == (item.id, "due")


def test_promises_and_keep_in_touch_do_not_make_a_contact_need_gratitude() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=30)
    w.meeting(at("2026-09-01T09:00"), anne, promises=[create_promise("send the article")])
    now = at("2026-11-26T10:00")
    for item in w.items(now, person=anne):
        if item.is_gratitude:
            w.decide(item, "done", at("2026-09-02T10:00"))

    queue = build_queue(w.state, now, PARIS)
    assert sorted(i.kind for i in queue.actionable()) == ["keep-in-touch", "promise"]
    assert queue.needs_gratitude == {}


def test_dismissed_keep_in_touch_round_restarts_the_rhythm_but_not_the_last_contact() -> None:
    w = World()
    anne = w.contact("Anne Roux", cadence_days=30)
    w.meeting(at("2026-09-01T09:00"), anne)
    w.decide(
        w.one(at("2026-11-26T10:00"), "keep-in-touch", anne), "dismissed", at("2026-11-26T10:00")
    )

    item = w.one(at("2026-11-26T10:05"), "keep-in-touch", anne)
    assert (item.due, item.since) == (at("2026-12-26T10:00"), at("2026-09-01T09:00"))
