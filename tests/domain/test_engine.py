"""The gratitude engine's rules: thank, thank-introducer, news, milestones, promises.

Each test builds a small network in memory (records go through their stored
form, as the app does) and asks the queue at chosen instants in Paris time.
`World` is shared with the other engine tests.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pendulum

from reseau_tui.domain.codec import (
    action_to_doc,
    contact_to_doc,
    meeting_to_doc,
    milestone_to_doc,
)
from reseau_tui.domain.engine import FollowUp, Queue, build_queue
from reseau_tui.domain.models import (
    FollowUpKind,
    Outcome,
    Settings,
    create_action,
    create_contact,
    create_meeting,
    create_milestone,
    create_promise,
)
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, MILESTONES, NetworkState

PARIS = pendulum.timezone("Europe/Paris")


def at(text: str) -> pendulum.DateTime:
    """An instant given as Paris wall time, e.g. "2026-11-26T10:00"."""
    value = pendulum.parse(text, tz=PARIS)
    assert isinstance(value, pendulum.DateTime)
    return value


class World:
    """A network built record by record, and the queue it gives at any instant."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.state = NetworkState()
        if settings is not None:
            self.state.settings = settings
        self.created = at("2025-01-01T09:00")

    def contact(self, name: str, *, created: datetime | None = None, **fields: Any) -> str:
        c = create_contact(name, created=created or self.created, **fields)
        self.state.refresh(CONTACTS, c.id, contact_to_doc(c))
        return c.id

    def archive(self, contact_id: str) -> None:
        doc = contact_to_doc(self.state.contacts[contact_id]) | {"archived": True}
        self.state.refresh(CONTACTS, contact_id, doc)

    def meeting(self, when: datetime, *people: str, **fields: Any) -> str:
        m = create_meeting(when, people, **fields)
        self.state.refresh(MEETINGS, m.id, meeting_to_doc(m))
        return m.id

    def milestone(self, text: str, when: datetime) -> str:
        ms = create_milestone(text, when)
        self.state.refresh(MILESTONES, ms.id, milestone_to_doc(ms))
        return ms.id

    def decide(
        self, item: FollowUp | str, outcome: Outcome, when: datetime, until: datetime | None = None
    ) -> None:
        item_id = item if isinstance(item, str) else item.id
        a = create_action(item_id, outcome, when, until=until)
        self.state.refresh(ACTIONS, a.id, action_to_doc(a))

    def queue(self, now: datetime) -> Queue:
        return build_queue(self.state, now, PARIS)

    def items(
        self, now: datetime, kind: FollowUpKind | None = None, person: str | None = None
    ) -> list[FollowUp]:
        return [
            i
            for i in self.queue(now).items
            if (kind is None or i.kind == kind) and (person is None or i.contact_id == person)
        ]

    def one(self, now: datetime, kind: FollowUpKind, person: str) -> FollowUp:
        found = self.items(now, kind, person)
        assert len(found) == 1, found
        return found[0]


def kinds_by_person(items: list[FollowUp]) -> list[tuple[str, str]]:
    return sorted((i.kind, i.contact_id) for i in items)


# --- thank -------------------------------------------------------------------


def test_each_person_met_is_owed_one_thank_you_due_at_the_meeting() -> None:
    w = World()
    anne, bruno = w.contact("Anne Roux"), w.contact("Bruno Petit")
    met = at("2026-11-25T15:00")
    meeting = w.meeting(met, anne, bruno)

    thanks = w.items(at("2026-11-26T10:00"), "thank")

    assert kinds_by_person(thanks) == sorted([("thank", anne), ("thank", bruno)])
    for item in thanks:
        assert item.due == met
        assert item.state == "due"
        assert item.meeting_id == meeting


def test_thank_you_turns_overdue_exactly_48_hours_after_the_meeting() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-20T15:00"), anne)

    assert w.one(at("2026-11-22T14:59:59"), "thank", anne).state == "due"
    item = w.one(at("2026-11-22T15:00"), "thank", anne)
    assert item.state == "overdue"
    assert item.overdue_at == at("2026-11-22T15:00")


def test_thank_you_overdue_after_48_real_hours_across_the_spring_change() -> None:
    # Paris moves from 02:00 to 03:00 on Sunday 29 March 2026: 48 hours after
    # Saturday 10:00 is Monday 11:00 on the wall clock.
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-03-28T10:00"), anne)

    assert w.one(at("2026-03-30T10:30"), "thank", anne).state == "due"
    item = w.one(at("2026-03-30T11:00"), "thank", anne)
    assert item.state == "overdue"
    assert item.overdue_at == at("2026-03-30T11:00")


def test_thank_you_overdue_after_48_real_hours_across_the_autumn_change() -> None:
    # Paris moves from 03:00 back to 02:00 on Sunday 25 October 2026.
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-10-24T10:00"), anne)

    assert w.one(at("2026-10-26T08:59"), "thank", anne).state == "due"
    assert w.one(at("2026-10-26T09:00"), "thank", anne).overdue_at == at("2026-10-26T09:00")
    assert w.one(at("2026-10-26T09:00"), "thank", anne).state == "overdue"


def test_a_meeting_still_to_come_owes_nothing_until_it_has_happened() -> None:
    # 23:30 in Paris is 22:30 UTC; until then the meeting is planned, not met.
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-27T23:30"), anne)

    before = w.queue(at("2026-11-27T23:29"))
    assert [i for i in before.items if i.contact_id == anne and i.kind != "keep-in-touch"] == []
    assert before.next_change == at("2026-11-27T23:30")
    assert w.one(at("2026-11-27T23:30"), "thank", anne).state == "due"
    assert w.one(at("2026-11-29T23:29"), "thank", anne).state == "due"
    assert w.one(at("2026-11-29T23:30"), "thank", anne).state == "overdue"


def test_promise_after_a_late_evening_meeting_is_due_a_week_later_on_the_local_day() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-19T23:30"), anne, promises=[create_promise("send the article")])

    assert w.one(at("2026-11-26T00:00"), "promise", anne).due == at("2026-11-26T00:00")
    assert w.one(at("2026-11-25T23:59"), "promise", anne).state == "upcoming"


# --- thank-introducer --------------------------------------------------------


def test_meeting_makes_introducer_thank_you_due_on_the_same_clock() -> None:
    w = World()
    camille = w.contact("Camille Martin")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille)
    w.meeting(at("2026-11-25T15:00"), zoe)

    now = at("2026-11-26T10:00")
    thank = w.one(now, "thank", zoe)
    introducer = w.one(now, "thank-introducer", camille)
    assert introducer.introduced_ids == (zoe,)
    assert (introducer.due, introducer.overdue_at, introducer.state) == (
        thank.due,
        thank.overdue_at,
        "due",
    )
    assert w.items(now, "thank", camille) == []


def test_introducer_present_at_the_meeting_is_not_thanked_twice() -> None:
    w = World()
    camille = w.contact("Camille Martin")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille)
    w.meeting(at("2026-11-25T15:00"), zoe, camille)

    items = w.items(at("2026-11-26T10:00"))
    assert [i for i in items if i.kind == "thank-introducer"] == []
    assert kinds_by_person([i for i in items if i.kind == "thank"]) == sorted(
        [("thank", camille), ("thank", zoe)]
    )


def test_introducer_of_several_people_met_together_gets_one_message_naming_them_all() -> None:
    w = World()
    camille = w.contact("Camille Martin")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille)
    yann = w.contact("Yann Le Gall", introduced_by=camille)
    w.meeting(at("2026-11-25T15:00"), zoe, yann)

    item = w.one(at("2026-11-26T10:00"), "thank-introducer", camille)
    assert sorted(item.introduced_ids) == sorted([zoe, yann])


def test_the_introducer_is_thanked_for_the_first_meeting_only() -> None:
    w = World()
    camille = w.contact("Camille Martin")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille)
    first = w.meeting(at("2026-11-10T15:00"), zoe)
    w.meeting(at("2026-11-25T15:00"), zoe)

    [item] = w.items(at("2026-11-26T10:00"), "thank-introducer", camille)
    assert item.meeting_id == first


def test_the_introducer_thanked_once_is_not_owed_again_after_a_second_meeting() -> None:
    w = World()
    camille = w.contact("Camille Martin")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille)
    w.meeting(at("2026-11-10T15:00"), zoe)
    [item] = w.items(at("2026-11-11T10:00"), "thank-introducer", camille)
    w.decide(item, "done", at("2026-11-11T10:00"))
    second = w.meeting(at("2026-11-25T15:00"), zoe, note="second coffee")

    assert w.items(at("2026-11-26T10:00"), "thank-introducer", camille) == []
    assert second in {i.meeting_id for i in w.items(at("2026-11-26T10:00"), "thank", zoe)}


# --- news --------------------------------------------------------------------


def test_news_is_due_90_calendar_days_later_at_the_same_local_time_across_spring() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-01-10T09:00"), anne)  # winter time

    news = w.one(at("2026-04-09T10:00"), "news", anne)
    assert news.due == at("2026-04-10T09:00")  # summer time, still 09:00
    assert news.state == "upcoming"
    assert w.one(at("2026-04-10T00:00"), "news", anne).state == "due"


def test_news_is_due_90_calendar_days_later_at_the_same_local_time_across_autumn() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-08-01T09:00"), anne)  # summer time

    assert w.one(at("2026-10-30T00:00"), "news", anne).due == at("2026-10-30T09:00")


def test_news_after_a_late_evening_meeting_stays_on_the_same_local_day() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-01-05T23:30"), anne)

    news = w.one(at("2026-04-05T00:00"), "news", anne)
    assert news.due == at("2026-04-05T23:30")
    assert news.state == "due"


def test_news_turns_overdue_two_weeks_after_it_is_due() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-08-01T09:00"), anne)

    assert w.one(at("2026-11-13T08:59"), "news", anne).state == "due"
    assert w.one(at("2026-11-13T09:00"), "news", anne).state == "overdue"


def test_news_delay_follows_the_settings() -> None:
    w = World(Settings(news_after_days=30))
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-10-01T09:00"), anne)

    assert w.one(at("2026-10-31T09:00"), "news", anne).due == at("2026-10-31T09:00")


# --- milestones --------------------------------------------------------------


def test_milestone_with_no_meetings_before_it_owes_no_news() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.milestone("Signed with Airbus", at("2026-11-26T09:00"))
    w.meeting(at("2026-11-26T09:30"), anne)

    news = w.items(at("2026-11-26T10:00"), "news")
    assert [i.milestone_id for i in news] == [None]


def test_milestone_makes_news_due_now_for_everyone_met_in_the_last_12_months() -> None:
    w = World()
    anne, bruno, old = w.contact("Anne Roux"), w.contact("Bruno Petit"), w.contact("Old Friend")
    w.meeting(at("2025-11-20T10:00"), old)  # more than 12 months before
    w.meeting(at("2026-09-01T10:00"), anne)
    w.meeting(at("2026-11-01T10:00"), bruno)
    signed = at("2026-11-26T09:00")
    ms = w.milestone("Signed with Airbus", signed)

    news = [i for i in w.items(at("2026-11-26T10:00"), "news") if i.milestone_id == ms]
    assert sorted(i.contact_id for i in news) == sorted([anne, bruno])
    assert all(i.due == signed and i.state == "due" for i in news)


def test_milestone_replaces_pending_90_day_news_with_one_item_per_person() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-07-01T10:00"), anne)  # its 90-day news is already overdue
    w.meeting(at("2026-10-01T10:00"), anne)
    w.meeting(at("2026-11-01T10:00"), anne)
    ms = w.milestone("Signed with Airbus", at("2026-11-26T09:00"))

    news = w.items(at("2026-11-26T10:00"), "news", anne)
    assert [(i.milestone_id, i.state) for i in news] == [(ms, "due")]
    # Planning ahead: the replaced 90-day items do not come back either.
    assert [i.milestone_id for i in w.items(at("2027-02-15T10:00"), "news", anne)] == [ms]


def test_meeting_after_a_milestone_gets_its_own_news_later() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-10-01T10:00"), anne)
    ms = w.milestone("Signed with Airbus", at("2026-11-20T09:00"))
    after = w.meeting(at("2026-11-25T10:00"), anne)

    news = w.items(at("2026-11-26T10:00"), "news", anne)
    assert sorted((i.milestone_id or "", i.meeting_id or "") for i in news) == sorted(
        [(ms, ""), ("", after)]
    )


def test_second_milestone_owes_news_only_to_people_met_since_the_first() -> None:
    w = World()
    anne, bruno = w.contact("Anne Roux"), w.contact("Bruno Petit")
    w.meeting(at("2026-06-01T10:00"), anne)
    first = w.milestone("Training started", at("2026-07-01T10:00"))
    w.meeting(at("2026-09-01T10:00"), bruno)
    second = w.milestone("Signed with Airbus", at("2026-11-26T09:00"))

    news = w.items(at("2026-11-26T10:00"), "news")
    assert sorted((i.milestone_id or "", i.contact_id) for i in news) == sorted(
        [(first, anne), (second, bruno)]
    )


def test_milestone_news_is_owed_again_after_earlier_news_was_given() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-06-01T10:00"), anne)
    w.decide(w.one(at("2026-09-01T10:00"), "news", anne), "done", at("2026-09-01T10:00"))
    ms = w.milestone("Signed with Airbus", at("2026-11-26T09:00"))

    assert [i.milestone_id for i in w.items(at("2026-11-26T10:00"), "news", anne)] == [ms]


# --- promises ----------------------------------------------------------------


def test_dated_promise_is_due_on_its_date_and_overdue_the_day_after() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    promise = create_promise("send the article", due=date(2026, 12, 3))
    w.meeting(at("2026-11-25T15:00"), anne, promises=[promise])

    assert w.one(at("2026-12-02T23:59"), "promise", anne).state == "upcoming"
    item = w.one(at("2026-12-03T00:00"), "promise", anne)
    assert (item.due, item.state, item.promise_id) == (at("2026-12-03T00:00"), "due", promise.id)
    assert w.one(at("2026-12-04T00:00"), "promise", anne).state == "overdue"


def test_undated_promise_is_due_seven_days_after_the_meeting() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-25T15:00"), anne, promises=[create_promise("send the article")])

    assert w.one(at("2026-11-26T10:00"), "promise", anne).due == at("2026-12-02T00:00")


def test_promises_both_ways_are_followed_up_with_the_right_person() -> None:
    w = World()
    anne, bruno = w.contact("Anne Roux"), w.contact("Bruno Petit")
    mine = create_promise("send the article", contact_id=bruno)
    theirs = create_promise("introduce me to Yann", by_me=False)
    w.meeting(at("2026-11-25T15:00"), anne, bruno, promises=[mine, theirs])

    promises = w.items(at("2026-12-02T10:00"), "promise")
    assert sorted((i.promise_id, i.contact_id) for i in promises) == sorted(
        [(mine.id, bruno), (theirs.id, anne)]
    )


# --- archived contacts -------------------------------------------------------


def test_archived_contacts_never_appear_in_the_queue() -> None:
    w = World()
    camille = w.contact("Camille Martin", circle="client")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille, cadence_days=30)
    w.meeting(at("2026-06-01T15:00"), zoe, promises=[create_promise("send the article")])
    w.milestone("Signed with Airbus", at("2026-11-20T10:00"))
    assert {i.contact_id for i in w.items(at("2026-11-26T10:00"))} == {camille, zoe}

    w.archive(zoe)
    w.archive(camille)

    assert w.queue(at("2026-11-26T10:00")).items == []


def test_archiving_the_person_met_keeps_the_introducer_thank_you() -> None:
    w = World()
    camille = w.contact("Camille Martin")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille)
    w.meeting(at("2026-11-25T15:00"), zoe)
    w.archive(camille)

    assert kinds_by_person(w.items(at("2026-11-26T10:00"), "thank")) == [("thank", zoe)]
    assert w.items(at("2026-11-26T10:00"), "thank-introducer") == []


def test_a_meeting_planned_for_next_week_owes_no_thank_you_yet() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-30T15:00"), anne)

    assert w.items(at("2026-11-26T10:00"), "thank", anne) == []
    assert w.items(at("2026-11-26T10:00"), "news", anne) == []
    assert w.queue(at("2026-11-26T10:00")).needs_gratitude == {}
    assert w.one(at("2026-11-30T15:00"), "thank", anne).state == "due"


def test_queue_is_the_same_whatever_form_the_instants_come_in() -> None:
    """Stored instants carry a fixed offset; callers may pass pendulum or zoneinfo ones."""
    from zoneinfo import ZoneInfo

    def scenario(convert: Any) -> list[tuple[str, datetime, datetime, str]]:
        state = NetworkState()
        anne = create_contact("Anne Roux", created=convert(at("2025-01-01T09:00")))
        state.contacts[anne.id] = anne
        for text in ("2026-01-05T23:30", "2026-03-28T10:00", "2026-08-01T09:00"):
            m = create_meeting(convert(at(text)), [anne.id], promises=[create_promise("x")])
            state.meetings[m.id] = m
        queue = build_queue(state, convert(at("2026-04-05T00:00")), PARIS)
        return sorted(
            (i.kind, i.due.astimezone(PARIS), i.overdue_at.astimezone(PARIS), i.state)
            for i in queue.items
        )

    stored = scenario(lambda d: datetime.fromisoformat(d.isoformat()))
    assert scenario(lambda d: d) == stored
    assert scenario(lambda d: d.astimezone(ZoneInfo("Europe/Paris"))) == stored
    assert scenario(lambda d: d.astimezone(ZoneInfo("UTC"))) == stored
    assert (
        "news",
        at("2026-04-05T23:30"),
        at("2026-04-19T23:30"),
        "due",
    ) in stored
    assert ("thank", at("2026-03-28T10:00"), at("2026-03-30T11:00"), "overdue") in stored


# --- settings ------------------------------------------------------------------


def test_thank_you_grace_follows_the_settings() -> None:
    w = World(Settings(thank_overdue_hours=24))
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-25T15:00"), anne)

    assert w.one(at("2026-11-26T14:59"), "thank", anne).state == "due"
    assert w.one(at("2026-11-26T15:00"), "thank", anne).state == "overdue"


def test_undated_promise_delay_follows_the_settings() -> None:
    w = World(Settings(promise_default_days=3))
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-25T15:00"), anne, promises=[create_promise("send the article")])

    assert w.one(at("2026-11-26T10:00"), "promise", anne).due == at("2026-11-28T00:00")


def test_first_milestone_reach_follows_the_settings() -> None:
    w = World(Settings(milestone_lookback_days=30))
    anne, bruno = w.contact("Anne Roux"), w.contact("Bruno Petit")
    w.meeting(at("2026-10-01T10:00"), anne)
    w.meeting(at("2026-11-10T10:00"), bruno)
    ms = w.milestone("Signed with Airbus", at("2026-11-26T09:00"))

    news = w.items(at("2026-11-26T10:00"), "news")
    assert [i.contact_id for i in news if i.milestone_id == ms] == [bruno]


# --- lapse ---------------------------------------------------------------------


def test_a_thank_you_left_past_the_lapse_window_leaves_the_queue_and_counts_as_missed() -> None:
    w = World()
    camille = w.contact("Camille Martin")
    zoe = w.contact("Zoë N'Diaye", introduced_by=camille)
    w.meeting(at("2026-10-01T15:00"), zoe)

    late = w.queue(at("2026-10-31T14:59"))
    assert {i.kind for i in late.items if i.state == "overdue"} >= {"thank", "thank-introducer"}
    assert late.next_change == at("2026-10-31T15:00")  # when they lapse
    gone = w.queue(at("2026-10-31T15:00"))
    assert [i.kind for i in gone.items if i.kind in ("thank", "thank-introducer")] == []
    assert gone.lapsed == 2
    assert w.one(at("2026-10-31T15:00"), "news", zoe).state == "upcoming"  # news does not lapse


def test_the_lapse_window_is_a_setting() -> None:
    w = World(Settings(thank_lapse_days=7))
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-01T09:00"), anne)

    assert w.one(at("2026-11-08T08:59"), "thank", anne).state == "overdue"
    assert w.items(at("2026-11-08T09:00"), "thank", anne) == []


def test_a_thank_you_snoozed_lapses_counting_from_the_end_of_the_snooze() -> None:
    w = World(Settings(thank_lapse_days=7))
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-01T09:00"), anne)
    [thank] = w.items(at("2026-11-01T10:00"), "thank", anne)
    w.decide(thank, "snoozed", at("2026-11-01T10:00"), until=at("2026-11-06T09:00"))

    assert w.one(at("2026-11-12T09:00"), "thank", anne).state == "overdue"
    assert w.items(at("2026-11-13T09:00"), "thank", anne) == []


def test_a_milestone_still_to_come_makes_no_news_yet() -> None:
    w = World()
    anne = w.contact("Anne Roux")
    w.meeting(at("2026-11-01T09:00"), anne)
    w.milestone("Interview at Airbus", at("2026-12-01T09:00"))

    # Its news replaces the meeting's (one message per person), once it has happened.
    assert w.items(at("2026-11-30T09:00"), "news", anne) == []
    assert w.one(at("2026-12-01T09:00"), "news", anne).milestone_id is not None
