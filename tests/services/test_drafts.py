"""Message drafts and item descriptions: what the user reads before sending a follow-up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pendulum
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.models import FollowUpKind, create_promise
from reseau_tui.services.followups import describe, draft
from reseau_tui.services.network import Network

PARIS = pendulum.timezone("Europe/Paris")


def at(text: str) -> pendulum.DateTime:
    value = pendulum.parse(text, tz="Europe/Paris")
    assert isinstance(value, pendulum.DateTime)
    return value


def item(network: Network, kind: FollowUpKind, name: str, when: str | None = None) -> FollowUp:
    """The one open item of this kind for the contact called `name`."""
    contact = network.find(name)
    queue = network.queue(at(when) if when else None)
    found = [i for i in queue.items if i.kind == kind and i.contact_id == contact.id]
    assert len(found) == 1, found
    return found[0]


def text_of(network: Network, kind: FollowUpKind, name: str, when: str | None = None) -> str:
    return draft(item(network, kind, name, when), network.state, network.clock.tz)


@pytest.fixture
def met(network: Network) -> Network:
    """Camille introduced Zoë; I met Zoë on 25 November and promised her an article."""
    camille = network.add_contact("Camille Martin", company="Airbus")
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=camille.id, cadence_days=60)
    network.log_meeting(
        [zoe.id],
        at("2026-11-25T15:00"),
        learned="aerospace supply chains",
        promises=[
            create_promise("the article on lean manufacturing", due=date(2026, 12, 1)),
            create_promise("an introduction to Yann", by_me=False),
        ],
    )
    return network


def test_thank_you_draft_greets_by_first_name_with_the_date_and_what_was_learned(
    met: Network,
) -> None:
    text = text_of(met, "thank", "Zoë")
    assert text.startswith("Hello Zoë,\n")
    assert "25 November 2026" in text
    assert "aerospace supply chains" in text
    assert "N'Diaye" not in text


def test_introducer_draft_names_who_was_met_when_and_what_it_brought(met: Network) -> None:
    text = text_of(met, "thank-introducer", "Camille")
    assert text.startswith("Hello Camille,\n")
    assert "Zoë N'Diaye" in text
    assert "25 November 2026" in text
    assert "aerospace supply chains" in text
    assert "introduction" in text


def test_introducer_of_two_people_met_together_names_both(network: Network) -> None:
    camille = network.add_contact("Camille Martin")
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=camille.id)
    yann = network.add_contact("Yann Le Gall", introduced_by=camille.id)
    network.log_meeting([zoe.id, yann.id], at("2026-11-25T15:00"))

    text = text_of(network, "thank-introducer", "Camille")
    assert "Zoë N'Diaye and Yann Le Gall" in text or "Yann Le Gall and Zoë N'Diaye" in text


def test_news_draft_recalls_the_meeting_and_what_was_learned(met: Network) -> None:
    text = text_of(met, "news", "Zoë", "2027-02-23T10:00")
    assert text.startswith("Hello Zoë,\n")
    assert "25 November 2026" in text
    assert "aerospace supply chains" in text


def test_milestone_news_draft_tells_the_news(met: Network) -> None:
    met.add_milestone("I signed with Airbus", at("2026-11-26T09:00"))

    text = text_of(met, "news", "Zoë")
    assert text.startswith("Hello Zoë,\n")
    assert "some news: I signed with Airbus." in text


def test_promise_drafts_quote_the_promise_both_ways(met: Network) -> None:
    promises = [i for i in met.queue(at("2026-12-02T10:00")).items if i.kind == "promise"]
    texts = sorted(draft(i, met.state, met.clock.tz) for i in promises)

    mine = next(t for t in texts if "lean manufacturing" in t)
    theirs = next(t for t in texts if "introduction to Yann" in t)
    assert mine.startswith("Hello Zoë,\n") and "25 November 2026" in mine
    assert "As promised" in mine
    assert theirs.startswith("Hello Zoë,\n") and "you kindly offered" in theirs


def test_keep_in_touch_draft_says_since_when(met: Network) -> None:
    for i in met.queue().items:
        met.decide(i, "dismissed")

    text = text_of(met, "keep-in-touch", "Zoë", "2027-02-01T10:00")
    assert text.startswith("Hello Zoë,\n")
    assert "since 25 November 2026" in text


def test_meeting_just_after_midnight_is_dated_on_its_local_day(network: Network) -> None:
    anne = network.add_contact("Anne Roux")
    network.log_meeting([anne.id], at("2026-11-26T00:30"))  # still the 25th in UTC

    assert "26 November 2026" in text_of(network, "thank", "Anne")


def test_first_name_skips_titles_and_initials_without_letters(network: Network) -> None:
    anne = network.add_contact("  Anne-Sophie   de La Tour ")
    network.log_meeting([anne.id], at("2026-11-25T15:00"))

    assert text_of(network, "thank", "Anne-Sophie").startswith("Hello Anne-Sophie,\n")


def test_names_and_notes_with_markup_are_kept_literally(network: Network) -> None:
    camille = network.add_contact("Camille [b]Martin")
    zoe = network.add_contact("[/b] Zoë", introduced_by=camille.id)
    network.log_meeting([zoe.id], at("2026-11-25T15:00"), learned="[red]AI[/red] {first}")

    thank = item(network, "thank", "Zoë")
    text = draft(thank, network.state, network.clock.tz)
    assert text.startswith("Hello Zoë,\n")
    assert "about [red]AI[/red] {first} was" in text
    introducer = draft(item(network, "thank-introducer", "Camille"), network.state, PARIS)
    assert introducer.startswith("Hello Camille,\n")
    assert "I met [/b] Zoë on 25 November 2026" in introducer
    assert "\\[" not in text + introducer
    assert describe(thank, network.state, network.now(), PARIS).person == "[/b] Zoë"


def test_familiar_contacts_get_the_same_english_draft(network: Network) -> None:
    anne = network.add_contact("Anne Roux", familiar=True)
    network.log_meeting([anne.id], at("2026-11-25T15:00"))

    assert text_of(network, "thank", "Anne").startswith("Hello Anne,\n")


# --- descriptions --------------------------------------------------------------


def test_description_says_when_it_fell_due_then_how_late(met: Network) -> None:
    thank = item(met, "thank", "Zoë")
    tz = met.clock.tz
    assert describe(thank, met.state, at("2026-11-26T10:00"), tz).when == "yesterday"
    assert describe(thank, met.state, at("2026-11-27T16:00"), tz).when == "overdue since 15:00"
    assert describe(thank, met.state, at("2026-11-30T10:00"), tz).when == "3 days late"


def test_description_is_overdue_in_the_repeated_autumn_hour(db_path: Path) -> None:
    # 02:30 in the second pass of the night the clocks go back is after 02:40 in the first.
    clock = FixedClock(pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC"), PARIS)
    network = Network(db_path, clock)
    anne = network.add_contact("Anne Roux")
    network.log_meeting([anne.id], pendulum.datetime(2026, 10, 23, 0, 40, tz="UTC"))

    thank = item(network, "thank", "Anne")
    assert thank.state == "overdue"
    view = describe(thank, network.state, clock.now(), clock.tz)
    assert view.when == "overdue since 02:40"


def test_description_of_a_snoozed_item_says_until_when(met: Network) -> None:
    thank = item(met, "thank", "Zoë")
    met.decide(thank, "snoozed", until=at("2026-11-28T09:00"))

    view = describe(item(met, "thank", "Zoë"), met.state, met.now(), met.clock.tz)
    assert view.when == "snoozed until 28 November 2026"
    assert describe(view.item, met.state, at("2026-11-27T10:00"), PARIS).when == (
        "snoozed until tomorrow"
    )
    assert view.kind == "Thank"
    assert view.about == "coffee 25 November 2026"
