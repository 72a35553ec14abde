"""Re-importing a card whose fields changed: taken for a contact unchanged here, else asked.

"Merged" used to hide that the file's new values were dropped: a matched
contact kept every value it had. Now what the contact and its card last
agreed on is kept (`store.card_state`), so the import can tell who changed what.
"""

from __future__ import annotations

from reseau_tui.services.import_summary import summary_lines
from reseau_tui.services.importing import ImportReport, import_file
from reseau_tui.services.network import Network
from tests.io.conftest import by_name, sample

CARD = sample("vcard/radicale-apple.vcf")


def reimport(network: Network, old: str, new: str) -> ImportReport:
    report = import_file(network, "vcard", CARD.replace(old.encode(), new.encode()))
    network.commit()
    return report


def warnings(report: ImportReport) -> list[str]:
    return [p.message() for p in report.problems]


def test_a_card_changed_since_for_a_contact_unchanged_here_is_taken(network: Network) -> None:
    import_file(network, "vcard", CARD)
    network.commit()

    report = reimport(network, "06 98 76 54 32", "07 11 22 33 44")

    assert by_name(network)["Léa Moreau"].phone == "07 11 22 33 44"
    assert (report.contacts.merged, report.conflicting) == (1, 0)
    assert warnings(report) == [
        "phone: changed in the file since the last import: '07 11 22 33 44' is taken "
        "(was '06 98 76 54 32')"
    ]


def test_a_field_changed_here_and_in_the_card_is_listed_not_merged(network: Network) -> None:
    import_file(network, "vcard", CARD)
    network.commit()
    lea = by_name(network)["Léa Moreau"]
    network.edit_contact(lea.id, phone="06 00 00 00 00")
    network.commit()

    report = reimport(network, "06 98 76 54 32", "07 11 22 33 44")

    assert by_name(network)["Léa Moreau"].phone == "06 00 00 00 00"
    assert (report.contacts.merged, report.conflicting) == (0, 1)
    assert warnings(report) == [
        "phone: changed both here and in the file since the last import: the file says "
        "'07 11 22 33 44'; yours is kept: '06 00 00 00 00'"
    ]
    assert any("not merged" in line for line in summary_lines(report))
    again = reimport(network, "06 98 76 54 32", "07 11 22 33 44")
    assert again.conflicting == 1  # still listed until the user settles it


def test_a_card_change_to_another_field_is_taken_beside_the_edit_here(network: Network) -> None:
    import_file(network, "vcard", CARD)
    network.commit()
    lea = by_name(network)["Léa Moreau"]
    network.edit_contact(lea.id, company="Safran")
    network.commit()

    report = reimport(network, "06 98 76 54 32", "07 11 22 33 44")

    lea = by_name(network)["Léa Moreau"]
    assert (lea.phone, lea.company) == ("07 11 22 33 44", "Safran")
    assert report.conflicting == 0


def test_the_same_card_again_changes_nothing(network: Network) -> None:
    import_file(network, "vcard", CARD)
    network.commit()

    report = reimport(network, "", "")

    assert (report.contacts.unchanged, report.problems, report.applied) == (1, [], False)


def test_reseau_s_own_export_imported_twice_changes_nothing(network: Network) -> None:
    from reseau_tui.services.exporting import export_vcard

    network.add_contact("Camille Martin", email="camille@example.org")
    import_file(network, "vcard", CARD)
    network.commit()
    exported = export_vcard(network)

    first = import_file(network, "vcard", exported)
    network.commit()
    second = import_file(network, "vcard", exported)

    assert (first.contacts.unchanged, second.contacts.unchanged) == (2, 2)
    assert not first.applied and not second.applied
