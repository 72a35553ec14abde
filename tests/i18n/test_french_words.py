"""Dates, durations, drafts, WHEN words and CSV headers, in English and in French."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pendulum
import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.when import parse_when
from reseau_tui.i18n import _, n_, set_language
from reseau_tui.services.followups import describe, draft
from reseau_tui.services.humanize import lateness, long_date, relative_day
from reseau_tui.services.importing import import_file
from reseau_tui.services.network import Network

PARIS = pendulum.timezone("Europe/Paris")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS)
NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("en")


def days(n: float) -> datetime:
    return NOW + timedelta(days=n)


# --- dates and durations --------------------------------------------------------------

CASES = [
    # days from now, English, French
    (0, "today", "aujourd'hui"),
    (-1, "yesterday", "hier"),
    (1, "tomorrow", "demain"),
    (-3, "3 days ago", "il y a 3 jours"),
    (3, "in 3 days", "dans 3 jours"),
    (-13, "13 days ago", "il y a 13 jours"),
    (14, "in 2 weeks", "dans 2 semaines"),
    (-15, "2 weeks ago", "il y a 2 semaines"),
    (-7 * 7, "7 weeks ago", "il y a 7 semaines"),
    (-90, "3 months ago", "il y a 3 mois"),
    (31 * 3, "in 3 months", "dans 3 mois"),
    (-365 * 2, "2 years ago", "il y a 2 ans"),
]


@pytest.mark.parametrize(("offset", "english", "_french"), CASES)
def test_relative_days_in_english(offset: int, english: str, _french: str) -> None:
    assert relative_day(days(offset), NOW, PARIS) == english


@pytest.mark.parametrize(("offset", "_english", "french_text"), CASES)
def test_relative_days_in_french(
    french: None, offset: int, _english: str, french_text: str
) -> None:
    assert relative_day(days(offset), NOW, PARIS) == french_text


def test_the_day_not_the_hour_decides(french: None) -> None:
    late_last_night = datetime(2026, 11, 25, 23, 50, tzinfo=PARIS)
    assert relative_day(late_last_night, NOW, PARIS) == "hier"
    assert relative_day(datetime(2026, 11, 26, 0, 5, tzinfo=PARIS), NOW, PARIS) == "aujourd'hui"


def test_compact_wording_fits_the_queue_column(french: None) -> None:
    assert relative_day(days(-3), NOW, PARIS, short=True) == "il y a 3 j"
    assert relative_day(days(15), NOW, PARIS, short=True) == "dans 2 sem."
    assert lateness(days(-40), days(-36), NOW, PARIS, short=True) == "retard 36 j"
    overdue_this_morning = datetime(2026, 11, 26, 8, 0, tzinfo=PARIS)
    assert lateness(days(-2), overdue_this_morning, NOW, PARIS, short=True) == "depuis 08:00"
    longest = [
        relative_day(days(n), NOW, PARIS, short=True) for n in (*range(-729, 0), *range(1, 730))
    ]
    assert max(len(t) for t in longest) <= 14  # "il y a 24 mois", and everything else shorter
    late = [lateness(days(-5000), days(-n), NOW, PARIS, short=True) for n in range(1, 4500)]
    assert max(len(t) for t in late) <= 14  # "retard 11 mois", and everything else shorter
    set_language("en")
    late = [lateness(days(-5000), days(-n), NOW, PARIS, short=True) for n in range(1, 4500)]
    assert max(len(t) for t in late) <= 14  # "11 months late"


def test_lateness_in_both_languages(french: None) -> None:
    assert lateness(days(-5), days(-3), NOW, PARIS) == "3 jours de retard"
    assert lateness(days(-5), days(-1), NOW, PARIS) == "1 jour de retard"
    assert lateness(days(-1), days(1), NOW, PARIS) == "hier"
    assert lateness(days(-200), days(-100), NOW, PARIS) == "3 mois de retard"
    assert lateness(days(-4200), days(-4134), NOW, PARIS, short=True) == "retard 11 ans"
    set_language("en")
    assert lateness(days(-5), days(-3), NOW, PARIS) == "3 days late"
    assert lateness(days(-5), days(-1), NOW, PARIS) == "1 day late"
    assert lateness(days(-90), days(-59), NOW, PARIS) == "59 days late"
    assert lateness(days(-4200), days(-4134), NOW, PARIS, short=True) == "11 years late"


def test_long_dates_as_each_language_writes_them(french: None) -> None:
    assert long_date(NOW, PARIS) == "26 novembre 2026"
    assert long_date(datetime(2026, 12, 1, 9, 0, tzinfo=PARIS), PARIS) == "1er décembre 2026"
    assert long_date(datetime(2026, 8, 15, tzinfo=PARIS), PARIS) == "15 août 2026"
    assert long_date(datetime(2027, 2, 1, tzinfo=PARIS), PARIS, short=True) == "1er févr."
    set_language("en")
    assert long_date(NOW, PARIS) == "26 November 2026"
    assert long_date(datetime(2026, 12, 1, 9, 0, tzinfo=PARIS), PARIS) == "1 December 2026"


def test_french_plurals_count_zero_and_one_as_singular(french: None) -> None:
    assert n_("{count} contact", "{count} contacts", 0) == "0 contact"
    assert n_("{count} contact", "{count} contacts", 1) == "1 contact"
    assert n_("{count} contact", "{count} contacts", 2) == "2 contacts"
    set_language("en")
    assert n_("{count} contact", "{count} contacts", 0) == "0 contacts"


# --- drafts -----------------------------------------------------------------------------


@pytest.fixture
def met(network: Network, clock: FixedClock) -> Network:
    """Camille Martin (vouvoiement) introduced Zoë (tutoiement); both met on 24 November."""
    camille = network.add_contact("Camille Martin", company="Airbus")
    zoe = network.add_contact("Zoë N'Diaye", introduced_by=camille.id, familiar=True)
    network.log_meeting(
        [camille.id], datetime(2026, 11, 24, 9, 0, tzinfo=PARIS), learned="la supply chain"
    )
    network.log_meeting([zoe.id], datetime(2026, 12, 1, 9, 0, tzinfo=PARIS))
    return network


def drafts_of(network: Network, name: str, at: datetime) -> dict[str, str]:
    contact = network.find(name)
    items = [i for i in network.queue(at).items if i.contact_id == contact.id]
    return {i.kind: draft(i, network.state, PARIS) for i in items}


def test_french_thank_you_says_vous_by_default(french: None, met: Network) -> None:
    text = drafts_of(met, "Camille", datetime(2026, 11, 24, 18, 0, tzinfo=PARIS))["thank"]
    assert text == (
        "Bonjour Camille,\n\n"
        "Merci d'avoir pris le temps de me retrouver autour d'un café le 24 novembre 2026. "
        "J'ai beaucoup apprécié notre échange et vos conseils.\n\n"
        f"Ce que vous m'avez dit m'a été particulièrement utile{NBSP}: "
        f"«{NBSP}la supply chain{NBSP}».\n\n"
        "Je ne manquerai pas de vous tenir au courant.\n\n"
        "Bien cordialement"
    )


def test_french_drafts_say_tu_to_a_familiar_contact(french: None, met: Network) -> None:
    at = datetime(2026, 12, 1, 18, 0, tzinfo=PARIS)
    thank = drafts_of(met, "Zoë", at)["thank"]
    assert thank.startswith(
        "Bonjour Zoë,\n\nMerci d'avoir pris le temps de me retrouver autour d'un café le "
        "1er décembre 2026."
    )
    assert "tes conseils" in thank and "vous" not in thank
    assert thank.endswith("Je te tiens au courant.\n\nÀ bientôt")
    introducer = drafts_of(met, "Camille", at)["thank-introducer"]
    assert introducer.startswith(
        "Bonjour Camille,\n\nJe voulais vous dire que j'ai rencontré Zoë N'Diaye le "
        "1er décembre 2026, grâce à vous."
    )


def test_every_french_draft_kind_reads_french(french: None, met: Network) -> None:
    met.add_milestone("un poste chez Airbus", datetime(2026, 12, 2, tzinfo=PARIS))
    texts = [
        text
        for name in ("Camille", "Zoë")
        # the thank-yous, then the news
        for day in (datetime(2026, 12, 1, 18, tzinfo=PARIS), datetime(2027, 6, 1, tzinfo=PARIS))
        for text in drafts_of(met, name, day).values()
    ]
    assert len(texts) >= 4
    for text in texts:
        assert text.startswith("Bonjour ")
        assert text.endswith(("Bien cordialement", "À bientôt"))
        for english in ("Hello", "Thank you", "Best regards", " the ", " and "):
            assert english not in text


def test_describe_in_french(french: None, met: Network) -> None:
    at = datetime(2026, 11, 28, 12, 0, tzinfo=PARIS)
    item = next(i for i in met.queue(at).items if i.kind == "thank")
    view = describe(item, met.state, at, PARIS)
    assert (view.kind, view.person, view.when) == (
        "Remercier",
        "Camille Martin",
        "2 jours de retard",
    )
    assert view.about == "café 24 novembre 2026"
    assert describe(item, met.state, at, PARIS, short=True).when == "retard 2 j"


# --- WHEN words and CSV headers --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("maintenant", NOW),
        ("today", NOW),
        ("aujourd'hui", NOW),
        ("aujourd’hui", NOW),
        ("yesterday", days(-1)),
        ("hier", days(-1)),
        ("avant-hier", days(-2)),
        ("demain", days(1)),
        ("après-demain", days(2)),
        ("+3d", days(3)),
        ("+3j", days(3)),
        ("-2j", days(-2)),
        ("+1w", days(7)),
        ("+1s", days(7)),
    ],
)
def test_when_words_in_both_languages(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, PARIS) == expected


def test_every_french_example_of_a_when_is_understood(french: None) -> None:
    from reseau_tui.services.labels import when_examples

    past = [e.strip() for e in when_examples().split(",")]
    ahead = [e.strip() for e in when_examples(future=True).split(",")]
    assert "hier 18h" in past and "jeudi prochain" in ahead and "+3j" in ahead
    for examples, future in ((past, False), (ahead, True)):
        for example in examples:
            parse_when(example, NOW, PARIS, language="fr", future=future)


def test_csv_headers_in_french_and_in_english(network: Network) -> None:
    french = (
        "Prénom;Nom;Entreprise;Poste;Courriel;Téléphone\n"
        "Zoé;N'Diaye;Airbus;Acheteuse;zoe@example.fr;06 11 22 33 44\n"
    ).encode()
    english = b"Name,Company,Role,Email\nYann Le Goff,Thales,Engineer,yann@example.com\n"
    assert import_file(network, "csv", french).contacts.new == 1
    assert import_file(network, "csv", english).contacts.new == 1
    zoe, yann = network.find("Zoé"), network.find("Yann")
    assert (zoe.name, zoe.company, zoe.role, zoe.email) == (
        "Zoé N'Diaye",
        "Airbus",
        "Acheteuse",
        "zoe@example.fr",
    )
    assert (yann.company, yann.role) == ("Thales", "Engineer")


def test_an_import_problem_reads_french(french: None, network: Network) -> None:
    from reseau_tui.services.import_summary import describe_problem

    report = import_file(network, "csv", "nom;anniversaire\nZoé;pas une date\n".encode())
    [problem] = report.problems
    assert describe_problem("contacts.csv", problem) == (
        f"contacts.csv:2: ligne 1 (Zoé): anniversaire{NBSP}: "
        f"«{NBSP}pas une date{NBSP}» n'est pas une date"
    )


def test_numbers_are_grouped_as_each_language_writes_them(french: None) -> None:
    from reseau_tui.domain.errors import InvalidInput
    from reseau_tui.domain.validation import clean_text
    from reseau_tui.i18n import number

    assert number(30_000) == f"30{NBSP}000"
    with pytest.raises(InvalidInput) as caught:
        clean_text("notes", "n" * 100_001, limit=100_000)
    assert _(caught.value.template, **caught.value.values) == (
        f"est trop long (100{NBSP}001 caractères{NBSP}; 100{NBSP}000 au plus)"
    )
    set_language("en")
    assert number(30_000) == "30,000"
    assert _(caught.value.template, **caught.value.values) == (
        "is too long (100,001 characters; at most 100,000)"
    )


def test_import_summary_counts_in_french(french: None, network: Network) -> None:
    from reseau_tui.services.import_summary import summary_lines

    report = import_file(network, "csv", "nom\nZoé\n\nYann\n".encode())
    assert summary_lines(report) == [f"contacts{NBSP}: 2 nouveaux, 0 fusionné, 0 déjà à jour"]
