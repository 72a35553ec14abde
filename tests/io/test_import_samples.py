"""Every sample file imports with exactly the contacts, fields and problems a user would expect."""

from __future__ import annotations

from datetime import datetime

from reseau_tui.domain.codec import contact_to_doc
from reseau_tui.services.importing import ImportReport, import_file
from reseau_tui.services.network import Network
from tests.io.conftest import by_name, sample


def imported(network: Network, fmt: str, name: str, **options: bool) -> ImportReport:
    report = import_file(network, fmt, sample(name), **options)  # type: ignore[arg-type]
    network.commit()
    return report


def docs(network: Network) -> dict[str, dict[str, object]]:
    """Contacts as stored, without the id and creation time the import chose, nor the
    card's own lines (tests/io/test_card_lines.py checks those)."""
    out = {}
    for c in network.state.contacts.values():
        doc = contact_to_doc(c)
        del doc["id"], doc["created"]
        for key in ("card_uid", "card_version", "card_extra"):
            doc.pop(key, None)
        out[c.name] = doc
    return out


def where(report: ImportReport) -> list[tuple[int | None, int | None, str, str, bool]]:
    return [(p.line, p.number, p.name, p.message(), p.blocking) for p in report.problems]


def test_google_contacts(network: Network) -> None:
    report = imported(network, "vcard", "vcard/google-contacts.vcf")

    assert (report.total, report.contacts.new, report.problems) == (2, 2, [])
    assert docs(network) == {
        "Nathalie Bernard": {
            "name": "Nathalie Bernard",
            "company": "Orange Business, Direction Innovation",
            "role": "Head of Partnerships",
            "email": "nathalie.bernard@example.com",
            "phone": "+33 6 12 34 56 78",
            # item1.URL labelled LinkedIn, with Google's escaped colon undone
            "url": "https://www.linkedin.com/in/nathaliebernard",
            "notes": "Rencontrée au salon VivaTech.\nConnaît bien l'écosystème startups.",
            # "myContacts" is Google's group of every contact, not a tag
            "tags": ["Réseau pro"],
        },
        "Karim Benali": {
            "name": "Karim Benali",
            "email": "karim@example.org",
            "tags": ["starred"],
        },
    }


def test_apple_contacts_with_year_less_birthday(network: Network) -> None:
    report = imported(network, "vcard", "vcard/apple-contacts.vcf")

    assert docs(network) == {
        "Léa Moreau": {
            "name": "Léa Moreau",
            "company": "Airbus",
            "role": "Ingénieure systèmes",
            "email": "lea.moreau@example.fr",
            "phone": "06 98 76 54 32",
            "url": "https://www.linkedin.com/in/leamoreau",
            "birthday": "--05-17",  # written as 1604-05-17: Apple's "no year"
        }
    }
    # The related name is nobody in the network: said, not guessed.
    assert where(report) == [
        (
            1,
            1,
            "Léa Moreau",
            "introduced by: 'Paul Girard' is not one of your contacts; not recorded as introducer",
            False,
        )
    ]
    assert not report.blocked


def test_apple_related_name_of_a_known_contact_is_the_introducer(network: Network) -> None:
    paul = network.add_contact("Paul Girard")

    report = imported(network, "vcard", "vcard/apple-contacts.vcf")

    assert by_name(network)["Léa Moreau"].introduced_by == paul.id
    assert report.problems == []


def test_vcard4_related_met_names_the_introducer(network: Network) -> None:
    imported(network, "vcard", "vcard/google-contacts.vcf")

    report = imported(network, "vcard", "vcard/vcard4-related.vcf")

    people = by_name(network)
    assert people["Hugo Lambert"].introduced_by == people["Nathalie Bernard"].id
    assert docs(network)["Hugo Lambert"] == {
        "name": "Hugo Lambert",
        "company": "Capgemini",
        "role": "Directeur de mission",
        "email": "hugo.lambert@example.com",
        "notes": "Présenté par Nathalie lors d'un petit-déjeuner réseau.",
        "introduced_by": people["Nathalie Bernard"].id,
    }
    assert report.problems == []


def test_introducer_later_in_the_same_file_is_known(network: Network) -> None:
    both = sample("vcard/vcard4-related.vcf") + sample("vcard/google-contacts.vcf")

    report = import_file(network, "vcard", both)

    people = by_name(network)
    assert people["Hugo Lambert"].introduced_by == people["Nathalie Bernard"].id
    assert report.contacts.new == 3


def test_outlook_21_quoted_printable(network: Network) -> None:
    imported(network, "vcard", "vcard/outlook-2.1-quoted-printable.vcf")

    assert docs(network) == {
        "François Étienne": {"name": "François Étienne", "phone": "+33611223344"}
    }


def test_malformed_vcard_imports_nothing_and_says_where(network: Network) -> None:
    report = imported(network, "vcard", "vcard/malformed.vcf")

    assert report.blocked and not report.applied
    assert where(report) == [
        # One line that cannot be read: left out, the card kept.
        (11, 2, "Broken Card", "skipped a line that cannot be read: EMAIL", False),
        # A card cut off: nothing says what is missing, so it is an error.
        (13, 3, "Never Closed", "the card is never closed (no END:VCARD)", True),
    ]
    assert network.state.contacts == {}
    assert not network.path.exists()


def test_malformed_vcard_with_skip_invalid_imports_the_valid_cards(network: Network) -> None:
    report = imported(network, "vcard", "vcard/malformed.vcf", skip_invalid=True)

    assert (report.total, report.contacts.new, report.invalid) == (3, 2, 1)
    assert (len(report.errors), report.skipped_lines) == (1, 1)
    assert docs(network) == {
        "Valid Person": {"name": "Valid Person", "email": "valid@example.com"},
        "Broken Card": {"name": "Broken Card", "phone": "+33-1-"},
    }
    reopened = Network(network.path)
    assert sorted(c.name for c in reopened.state.contacts.values()) == [
        "Broken Card",
        "Valid Person",
    ]


def test_linkedin_connections(network: Network) -> None:
    report = imported(network, "linkedin", "linkedin/Connections.csv")

    assert (report.total, report.contacts.new, report.nameless) == (6, 5, 1)
    assert report.problems == []
    people = docs(network)
    assert sorted(people) == [
        "Camille Lefèvre",
        "Jean-Baptiste Dupont",
        "Sofia García",
        "Thomas N'Diaye",
        "Élodie Martin-Roux",
    ]
    assert people["Jean-Baptiste Dupont"] == {
        "name": "Jean-Baptiste Dupont",
        "company": "Indépendant",
        "role": 'Consultant "transition" & coach',
        "email": "jb.dupont@example.com",
        "url": "https://www.linkedin.com/in/jbdupont",
        "connected": "2025-11-30T00:00:00+01:00",
    }
    assert people["Élodie Martin-Roux"]["role"] == "Responsable RSE, Europe"
    assert people["Camille Lefèvre"]["connected"] == "2025-10-14T00:00:00+02:00"
    assert people["Sofia García"]["connected"] == "2021-03-01T00:00:00+01:00"
    # The circle is for the user to choose.
    assert all(c.circle is None for c in network.state.contacts.values())


def test_linkedin_2019_export_without_url(network: Network) -> None:
    report = imported(network, "linkedin", "linkedin/Connections-2019.csv")

    assert (report.total, report.contacts.new) == (1, 1)
    assert docs(network) == {
        "Marc Olivier": {
            "name": "Marc Olivier",
            "company": "SNCF",
            "role": "Chef de projet",
            "email": "marc.olivier@example.net",
            "connected": "2019-06-12T00:00:00+02:00",
        }
    }
    connected = by_name(network)["Marc Olivier"].connected
    assert connected == datetime.fromisoformat("2019-06-12T00:00:00+02:00")


def test_spreadsheet_csv_with_introducer_in_the_same_file(network: Network) -> None:
    report = imported(network, "csv", "csv/contacts.csv")

    assert (report.total, report.contacts.new, report.problems) == (2, 2, [])
    people = by_name(network)
    anne = people["Anne Petit"]
    assert docs(network) == {
        "Anne Petit": {
            "name": "Anne Petit",
            "company": "La Poste",
            "role": "DRH",
            "email": "anne.petit@example.fr",
            "circle": "former-colleague",
            "tags": ["rh", "mentor"],
            "notes": "Ancienne manager, très bon conseil sur le CV",
        },
        "Bruno Caron": {
            "name": "Bruno Caron",
            "company": "Freelance",
            "role": "Designer",
            "circle": "friend",
            "introduced_by": anne.id,
        },
    }


def test_dry_run_reports_without_writing(network: Network) -> None:
    report = imported(network, "linkedin", "linkedin/Connections.csv", dry_run=True)

    assert (report.contacts.new, report.nameless, report.applied) == (5, 1, False)
    assert network.state.contacts == {}
    assert not network.path.exists()
