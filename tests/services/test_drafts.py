"""Message drafts and item descriptions: what the user reads before sending a follow-up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pendulum
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.models import FollowUpKind, create_promise
from reseau_tui.domain.state import MEETINGS
from reseau_tui.i18n import set_language
from reseau_tui.services.followups import describe, draft
from reseau_tui.services.network import Network
from reseau_tui.services.settings import change_setting
from reseau_tui.store import Operation

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
    assert "especially helpful: “[red]AI[/red] {first}”." in text
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


# --- what the user wrote, quoted; the channel said as it was; the signature -------------

NBSP = "\N{NO-BREAK SPACE}"
CLAUSE = "founders look for ops profiles."  # a clause: it cannot be spliced into "about …"


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("en")


def coffee_with_a_clause(network: Network, *, familiar: bool = False) -> Network:
    """Camille introduced Zoë; over coffee Zoë said founders look for ops profiles."""
    camille = network.add_contact("Camille Martin")
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=camille.id, familiar=familiar)
    network.log_meeting(
        [zoe.id],
        at("2026-11-25T15:00"),
        learned=CLAUSE,
        promises=[create_promise("an introduction to Yann", by_me=False)],
    )
    return network


def drafts_by_kind(network: Network, when: str) -> dict[str, str]:
    queue = network.queue(at(when))
    return {i.kind: draft(i, network.state, network.clock.tz) for i in queue.items}


ENGLISH_QUOTES = {
    "thank": "What you told me was especially helpful: “founders look for ops profiles”.",
    "thank-introducer": "One thing I took away: “founders look for ops profiles”.",
    "news": "During our coffee on 25 November 2026, you told me: “founders look for ops profiles”.",
    "promise": "you kindly offered this: “an introduction to Yann”. Would that still be possible?",
}


@pytest.mark.parametrize("kind", list(ENGLISH_QUOTES))
def test_english_drafts_quote_the_notes_instead_of_splicing_them_in(
    network: Network, kind: str
) -> None:
    coffee_with_a_clause(network)
    when = "2027-02-24T10:00" if kind == "news" else "2026-11-26T10:00"
    text = drafts_by_kind(network, when)[kind]

    assert ENGLISH_QUOTES[kind] in text
    assert "about founders" not in text and "profiles look" not in text
    assert "profiles.”" not in text  # the note's full stop is not doubled inside the quote


FRENCH_QUOTES = {
    "thank": (
        f"Ce que vous m'avez dit m'a été particulièrement utile{NBSP}: "
        f"«{NBSP}founders look for ops profiles{NBSP}».",
        f"Ce que tu m'as dit m'a été particulièrement utile{NBSP}: "
        f"«{NBSP}founders look for ops profiles{NBSP}».",
    ),
    "thank-introducer": (
        f"Ce que j'en retiens{NBSP}: «{NBSP}founders look for ops profiles{NBSP}».",
        f"Ce que j'en retiens{NBSP}: «{NBSP}founders look for ops profiles{NBSP}».",
    ),
    "news": (
        f"Lors de notre café du 25 novembre 2026, vous m'aviez dit{NBSP}: "
        f"«{NBSP}founders look for ops profiles{NBSP}».",
        f"Lors de notre café du 25 novembre 2026, tu m'avais dit{NBSP}: "
        f"«{NBSP}founders look for ops profiles{NBSP}».",
    ),
    "promise": (
        f"vous m'aviez gentiment proposé ceci{NBSP}: «{NBSP}an introduction to Yann{NBSP}».",
        f"tu m'avais gentiment proposé ceci{NBSP}: «{NBSP}an introduction to Yann{NBSP}».",
    ),
}


@pytest.mark.parametrize("familiar", [False, True], ids=["vous", "tu"])
@pytest.mark.parametrize("kind", list(FRENCH_QUOTES))
def test_french_drafts_quote_the_notes_in_guillemets(
    french: None, network: Network, kind: str, familiar: bool
) -> None:
    coffee_with_a_clause(network, familiar=familiar)
    when = "2027-02-24T10:00" if kind == "news" else "2026-11-26T10:00"
    text = drafts_by_kind(network, when)[kind]

    assert FRENCH_QUOTES[kind][familiar] in text
    assert "« " not in text and " »" not in text  # no-break spaces inside the guillemets


def test_a_calls_thank_you_thanks_for_the_call_not_for_meeting(network: Network) -> None:
    anne = network.add_contact("Anne Roux")
    network.log_meeting([anne.id], at("2026-11-25T15:00"), channel="call")

    text = text_of(network, "thank", "Anne")
    assert "Thank you for your time on the phone on 25 November 2026." in text
    assert "meet" not in text


def test_a_calls_thank_you_in_french_says_telephone(french: None, network: Network) -> None:
    anne = network.add_contact("Anne Roux")
    network.log_meeting([anne.id], at("2026-11-25T15:00"), channel="call")

    text = text_of(network, "thank", "Anne")
    assert "Merci pour le temps que vous m'avez accordé au téléphone le 25 novembre 2026." in text
    assert "rencontr" not in text


@pytest.mark.parametrize(
    ("channel", "words"),
    [
        ("coffee", "for a coffee on 25 November 2026"),
        ("video", "for a video call on 25 November 2026"),
        ("event", "meet you at the event on 25 November 2026"),
        ("visit", "for welcoming me on 25 November 2026"),
        ("email", "to write to me on 25 November 2026"),
        ("other", "Thank you for your time on 25 November 2026."),
    ],
)
def test_each_channel_is_thanked_for_what_it_was(
    network: Network, channel: str, words: str
) -> None:
    anne = network.add_contact("Anne Roux")
    network.log_meeting([anne.id], at("2026-11-25T15:00"), channel=channel)

    assert words in text_of(network, "thank", "Anne")


def test_a_channel_this_version_does_not_know_gets_plain_wording(network: Network) -> None:
    """A meeting written by a newer reseau (say over WhatsApp): thanked for the time given."""
    camille = network.add_contact("Camille Martin")
    anne = network.add_contact("Anne Roux", introduced_by=camille.id)
    meeting = network.log_meeting([anne.id], at("2026-11-25T15:00"))
    network.apply(Operation.update("channel", MEETINGS, meeting.id, {"channel": "whatsapp"}))

    thank = text_of(network, "thank", "Anne")
    introducer = text_of(network, "thank-introducer", "Camille")
    assert "Thank you for your time on 25 November 2026." in thank
    assert "I was in touch with Anne Roux on 25 November 2026, thanks to you." in introducer
    assert "whatsapp" not in thank + introducer and "meet" not in thank + introducer


def test_a_promise_to_introduce_speaks_to_the_person(network: Network) -> None:
    zoe = network.add_contact("Zoë N'Diaye")
    network.log_meeting(
        [zoe.id], at("2026-11-25T15:00"), promises=[create_promise("introduce her to Thomas.")]
    )

    text = text_of(network, "promise", "Zoë", "2026-12-03T10:00")
    assert "As promised during our coffee on 25 November 2026, I am introducing you to Thomas." in (
        text
    )
    assert "her" not in text


def test_a_promise_to_send_something_speaks_to_the_person(network: Network) -> None:
    zoe = network.add_contact("Zoë N'Diaye")
    network.log_meeting(
        [zoe.id],
        at("2026-11-25T15:00"),
        channel="call",
        promises=[create_promise("send her the deck")],
    )

    text = text_of(network, "promise", "Zoë", "2026-12-03T10:00")
    assert "As promised during our call on 25 November 2026, I am sending you the deck." in text


@pytest.mark.parametrize(
    ("familiar", "words"),
    [
        (
            False,
            "Comme promis lors de notre café du 25 novembre 2026, je vous mets en relation "
            "avec Thomas.",
        ),
        (
            True,
            "Comme promis lors de notre café du 25 novembre 2026, je te mets en relation "
            "avec Thomas.",
        ),
    ],
    ids=["vous", "tu"],
)
def test_a_french_promise_to_introduce_speaks_to_the_person(
    french: None, network: Network, familiar: bool, words: str
) -> None:
    zoe = network.add_contact("Zoë N'Diaye", familiar=familiar)
    network.log_meeting(
        [zoe.id], at("2026-11-25T15:00"), promises=[create_promise("la présenter à Thomas")]
    )

    text = text_of(network, "promise", "Zoë", "2026-12-03T10:00")
    assert words in text
    assert "présenter à Thomas" not in text


def test_a_promise_of_another_shape_is_quoted_as_written(network: Network) -> None:
    zoe = network.add_contact("Zoë N'Diaye")
    network.log_meeting(
        [zoe.id],
        at("2026-11-25T15:00"),
        promises=[create_promise("the article on lean manufacturing")],
    )

    text = text_of(network, "promise", "Zoë", "2026-12-03T10:00")
    assert "I am following up on this: “the article on lean manufacturing”." in text


SIGNED = "Marie Dupont\n06 12 34 56 78"


def every_kind(network: Network) -> dict[str, str]:
    """One draft of each kind, keep-in-touch included, all for the same network."""
    met = coffee_with_a_clause(network)
    zoe = met.find("Zoë")
    met.edit_contact(zoe.id, cadence_days=30)
    met.add_contact("Yann Le Gall", cadence_days=30)
    drafts = drafts_by_kind(met, "2026-11-26T10:00")
    drafts["news"] = drafts_by_kind(met, "2027-02-24T10:00")["news"]
    drafts["keep-in-touch"] = drafts_by_kind(met, "2027-01-05T10:00")["keep-in-touch"]
    met.add_milestone("I signed with Airbus", at("2026-11-26T09:00"))
    drafts["milestone news"] = next(
        draft(i, met.state, met.clock.tz) for i in met.queue().items if i.milestone_id
    )
    return drafts


def test_the_signature_ends_every_kind_of_draft(network: Network) -> None:
    change_setting(network, "signature_name", "Marie Dupont")
    change_setting(network, "signature_line", "06 12 34 56 78")

    drafts = every_kind(network)
    assert set(drafts) >= {"thank", "thank-introducer", "news", "promise", "keep-in-touch"}
    for kind, text in drafts.items():
        assert text.endswith("\n" + SIGNED), kind
        assert text.count("Marie Dupont") == 1, kind


def test_the_signature_is_in_french_drafts_too_after_the_closing(
    french: None, network: Network
) -> None:
    change_setting(network, "signature_name", "Marie Dupont")

    for kind, text in every_kind(network).items():
        assert text.endswith("Bien cordialement\nMarie Dupont"), kind


def test_without_a_signature_a_draft_ends_with_its_closing(network: Network) -> None:
    for kind, text in every_kind(network).items():
        assert text.endswith("Best regards"), kind
