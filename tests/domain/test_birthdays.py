"""Birthdays: one wish a year, due on the day, overdue the day after, gone a week later.

The clock is Paris time; the contact was added on 1 January 2025 (`World`).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from reseau_tui.domain.codec import contact_to_doc
from reseau_tui.domain.engine import item_id
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import Settings, create_contact
from reseau_tui.domain.state import CONTACTS
from tests.domain.test_engine import World, at


def test_the_wish_is_due_on_the_day_and_overdue_the_day_after() -> None:
    w = World()
    lea = w.contact("Léa Dubois", birthday="--12-03")

    wish = w.one(at("2026-12-03T08:00"), "birthday", lea)
    assert wish.state == "due"
    assert wish.due == at("2026-12-03T00:00")
    assert wish.overdue_at == at("2026-12-04T00:00")
    assert wish.id == item_id("birthday", "2026", lea)  # the person and the year
    assert w.one(at("2026-12-04T09:00"), "birthday", lea).state == "overdue"
    assert not w.queue(at("2026-12-04T09:00")).needs_gratitude  # a wish is not a thank-you


def test_it_is_listed_a_week_before_and_gone_a_week_after_without_counting_as_missed() -> None:
    w = World()
    lea = w.contact("Léa Dubois", birthday="1985-12-03")

    assert w.items(at("2026-11-25T23:00"), "birthday") == []
    assert w.one(at("2026-11-26T00:00"), "birthday", lea).state == "upcoming"
    assert w.one(at("2026-12-09T23:59"), "birthday", lea).state == "overdue"
    later = w.queue(at("2026-12-10T00:00"))
    assert [i for i in later.items if i.kind == "birthday"] == []
    assert later.lapsed == 0
    assert later.next_change == at("2027-11-26T00:00")  # next year's, listed a week before
    nxt = w.one(at("2027-11-26T00:00"), "birthday", lea)
    assert nxt.id == item_id("birthday", "2027", lea)
    assert nxt.due == at("2027-12-03T00:00")


def test_a_wish_sent_is_not_asked_again_that_year_but_is_the_next() -> None:
    w = World()
    lea = w.contact("Léa Dubois", birthday="--12-03")
    w.decide(w.one(at("2026-12-03T09:00"), "birthday", lea), "done", at("2026-12-03T09:05"))

    assert w.items(at("2026-12-03T10:00"), "birthday") == []
    assert w.items(at("2026-12-05T10:00"), "birthday") == []
    assert w.one(at("2027-12-03T10:00"), "birthday", lea).id == item_id("birthday", "2027", lea)


def test_a_wish_snoozed_past_its_week_goes_with_the_week() -> None:
    w = World()
    lea = w.contact("Léa Dubois", birthday="--12-03")
    wish = w.one(at("2026-12-03T09:00"), "birthday", lea)
    w.decide(wish, "snoozed", at("2026-12-03T09:00"), until=at("2026-12-20T09:00"))

    assert w.one(at("2026-12-05T09:00"), "birthday", lea).state == "snoozed"
    assert w.items(at("2026-12-10T00:00"), "birthday") == []
    assert w.items(at("2026-12-21T09:00"), "birthday") == []


def test_the_first_wish_is_the_first_birthday_after_the_contact_was_added() -> None:
    w = World()
    lea = w.contact("Léa Dubois", birthday="--11-20", created=at("2026-11-22T10:00"))

    assert w.items(at("2026-11-22T12:00"), "birthday") == []  # missed before she was a contact
    assert w.one(at("2027-11-20T10:00"), "birthday", lea).state == "due"


def test_29_february_is_wished_on_the_28th_in_other_years() -> None:
    w = World()
    leap = w.contact("Léa Dubois", birthday="--02-29")

    assert w.one(at("2027-02-28T10:00"), "birthday", leap).state == "due"
    assert w.one(at("2028-02-29T10:00"), "birthday", leap).due == at("2028-02-29T00:00")


def test_no_wish_for_an_archived_contact_or_when_birthdays_are_turned_off() -> None:
    w = World()
    lea = w.contact("Léa Dubois", birthday="--12-03")
    w.archive(lea)
    assert w.items(at("2026-12-03T10:00"), "birthday") == []

    off = World(Settings(birthdays=False))
    off.contact("Léa Dubois", birthday="--12-03")
    assert off.items(at("2026-12-03T10:00"), "birthday") == []


def test_the_notice_and_the_window_are_settings() -> None:
    w = World(Settings(birthday_notice_days=1, birthday_lapse_days=2))
    lea = w.contact("Léa Dubois", birthday="--12-03")

    assert w.items(at("2026-12-01T23:00"), "birthday") == []
    assert w.one(at("2026-12-02T00:00"), "birthday", lea).state == "upcoming"
    assert w.one(at("2026-12-04T23:00"), "birthday", lea).state == "overdue"
    assert w.items(at("2026-12-05T00:00"), "birthday") == []


def test_editing_the_birthday_moves_the_wish() -> None:
    w = World()
    lea = w.contact("Léa Dubois", birthday="--12-03")
    moved = replace(w.state.contacts[lea], birthday="--12-24")
    w.state.refresh(CONTACTS, lea, contact_to_doc(moved))

    assert w.one(at("2026-12-24T10:00"), "birthday", lea).due == at("2026-12-24T00:00")
    assert w.items(at("2026-12-03T10:00"), "birthday") == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1985-05-17", "1985-05-17"),
        ("05-17", "--05-17"),
        ("--05-17", "--05-17"),
        ("--0517", "--05-17"),
        (" 02-29 ", "--02-29"),
        ("", ""),
    ],
)
def test_a_birthday_is_stored_with_or_without_its_year(typed: str, stored: str) -> None:
    contact = create_contact("Léa Dubois", created=at("2026-11-26T10:00"), birthday=typed)
    assert contact.birthday == stored


@pytest.mark.parametrize("typed", ["17/05", "2026-02-29", "13-01", "05-32", "1850-05-17", "soon"])
def test_a_birthday_that_is_not_a_date_is_refused_clearly(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        create_contact("Léa Dubois", created=at("2026-11-26T10:00"), birthday=typed)
    assert refused.value.field == "birthday"
