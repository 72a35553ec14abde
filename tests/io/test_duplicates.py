"""People already in the network are recognised, completed, and never overwritten."""

from __future__ import annotations

from reseau_tui.services.importing import import_file
from reseau_tui.services.network import Network
from tests.io.conftest import by_name, sample

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def linkedin(*rows: str) -> bytes:
    return ("\ufeff" + LINKEDIN_HEADER + "".join(r + "\r\n" for r in rows)).encode()


def test_linkedin_then_google_merges_on_the_profile_link(network: Network) -> None:
    import_file(
        network,
        "linkedin",
        linkedin(
            "Nathalie,Bernard,https://fr.linkedin.com/in/nathaliebernard/,,Orange,CPO,2 Jan 2024"
        ),
    )

    report = import_file(network, "vcard", sample("vcard/google-contacts.vcf"))

    assert (report.contacts.new, report.contacts.merged) == (1, 1)
    nathalie = by_name(network)["Nathalie Bernard"]
    # What LinkedIn gave stays; what only Google knew fills the gaps.
    assert (nathalie.company, nathalie.role) == ("Orange", "CPO")
    assert nathalie.url == "https://fr.linkedin.com/in/nathaliebernard/"
    assert nathalie.email == "nathalie.bernard@example.com"
    assert nathalie.phone == "+33 6 12 34 56 78"
    assert nathalie.tags == ("Réseau pro",)
    assert len(network.state.contacts) == 2


def test_match_on_email_whatever_its_case(network: Network) -> None:
    known = network.add_contact("N. Bernard", email="Nathalie.Bernard@EXAMPLE.com")

    report = import_file(network, "vcard", sample("vcard/google-contacts.vcf"))

    assert (report.contacts.new, report.contacts.merged) == (1, 1)
    merged = network.state.contacts[known.id]
    assert merged.name == "N. Bernard"  # the name the user typed
    assert merged.email == "Nathalie.Bernard@EXAMPLE.com"
    assert merged.role == "Head of Partnerships"


def test_match_on_name_ignoring_accents_case_and_spacing(network: Network) -> None:
    known = network.add_contact(
        "LEA   moreau", company="Safran", notes="vue au forum", tags=("aéro",)
    )

    report = import_file(network, "vcard", sample("vcard/apple-contacts.vcf"))

    assert (report.contacts.new, report.contacts.merged) == (0, 1)
    lea = network.state.contacts[known.id]
    assert (lea.name, lea.company, lea.notes) == ("LEA   moreau", "Safran", "vue au forum")
    assert lea.phone == "06 98 76 54 32"
    assert lea.birthday == "--05-17"
    assert lea.tags == ("aéro",)


def test_same_name_with_another_profile_link_is_another_person(network: Network) -> None:
    other = network.add_contact("Léa Moreau", url="https://www.linkedin.com/in/lea-moreau-lyon")

    report = import_file(network, "vcard", sample("vcard/apple-contacts.vcf"))

    assert (report.contacts.new, report.contacts.merged) == (1, 0)
    assert network.state.contacts[other.id].phone == ""
    assert len(network.state.contacts) == 2


def test_an_introducer_the_user_chose_is_kept(network: Network) -> None:
    paul = network.add_contact("Paul Girard")
    anne = network.add_contact("Anne Durand")
    network.add_contact("Léa Moreau", introduced_by=anne.id)

    import_file(network, "vcard", sample("vcard/apple-contacts.vcf"))

    assert by_name(network)["Léa Moreau"].introduced_by == anne.id != paul.id


def test_reimport_once_the_introducer_is_known_records_the_introduction(
    network: Network,
) -> None:
    import_file(network, "vcard", sample("vcard/apple-contacts.vcf"))
    paul = network.add_contact("Paul Girard")

    report = import_file(network, "vcard", sample("vcard/apple-contacts.vcf"))

    assert (report.contacts.new, report.contacts.merged, report.contacts.unchanged) == (0, 1, 0)
    assert by_name(network)["Léa Moreau"].introduced_by == paul.id


def test_importing_the_same_file_twice_changes_nothing(network: Network) -> None:
    import_file(network, "linkedin", sample("linkedin/Connections.csv"))
    network.commit()
    before = network.path.read_bytes()

    report = import_file(network, "linkedin", sample("linkedin/Connections.csv"))
    network.commit()

    assert (report.contacts.new, report.contacts.merged, report.contacts.unchanged) == (0, 0, 5)
    assert report.nameless == 1
    assert network.path.read_bytes() == before


def test_duplicates_inside_one_file_become_one_contact(network: Network) -> None:
    data = (
        "nom;courriel;entreprise;téléphone\n"
        "Anne Petit;anne@example.fr;La Poste;\n"
        "Anne P.;ANNE@example.fr;;01 02 03 04 05\n"
    ).encode()

    report = import_file(network, "csv", data)

    assert (report.total, report.contacts.new, report.contacts.merged) == (2, 1, 1)
    (anne,) = network.state.contacts.values()
    assert (anne.name, anne.company, anne.phone) == ("Anne Petit", "La Poste", "01 02 03 04 05")
