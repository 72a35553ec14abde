"""Two people who share a name stay two; a re-imported card that differs says how."""

from __future__ import annotations

from reseau_tui.services.exporting import export_json
from reseau_tui.services.import_summary import summary_lines
from reseau_tui.services.importing import ImportReport, import_file
from reseau_tui.services.network import Network
from tests.io.conftest import by_name
from tests.io.test_round_trip import Fresh


def card(*lines: str, version: str = "3.0") -> bytes:
    return (
        "BEGIN:VCARD\r\nVERSION:" + version + "\r\n" + "".join(f"{ln}\r\n" for ln in lines)
    ).encode() + b"END:VCARD\r\n"


def warnings(report: ImportReport) -> list[tuple[int | None, str]]:
    return [(p.number, p.message()) for p in report.problems if not p.blocking]


JOHN = card("FN:John Doe", "EMAIL:john.doe@acme.example")
OTHER_JOHN = card("FN:John Doe", "EMAIL:jdoe@other.example", "TEL:+33 6 00 00 00 00")


def test_same_name_with_another_email_is_imported_apart_and_reported(network: Network) -> None:
    import_file(network, "vcard", JOHN)

    report = import_file(network, "vcard", OTHER_JOHN)

    assert (report.contacts.new, report.contacts.merged) == (1, 0)
    people = sorted(network.state.contacts.values(), key=lambda c: c.email)
    assert [(c.name, c.email, c.phone) for c in people] == [
        ("John Doe", "jdoe@other.example", "+33 6 00 00 00 00"),
        ("John Doe", "john.doe@acme.example", ""),  # the first John's card has no phone
    ]
    assert warnings(report) == [
        (
            1,
            "possible duplicate of 'John Doe' (john.doe@acme.example): another email; "
            "imported as a separate contact (reseau duplicates lists them)",
        )
    ]
    assert report.possible_duplicates == 1
    assert summary_lines(report)[-1] == (
        "possible duplicates: 1 imported as a separate contact, not merged "
        "(reseau duplicates lists them; reseau merge joins two)"
    )


def test_same_name_in_one_file_with_other_phones_stays_two(network: Network) -> None:
    data = (
        b"name,phone,company\n"
        b"Camille Martin,06 11 22 33 44,Airbus\n"
        b"Camille Martin,07 99 88 77 66,Thales\n"
        b"Camille Martin,+33 6 11 22 33 44,\n"  # the first one, written another way
        b"Camille Martin,,\n"  # one of the two, or someone else: nothing says
    )

    report = import_file(network, "csv", data)

    assert (report.total, report.contacts.new, report.contacts.merged) == (4, 3, 0)
    assert report.contacts.unchanged == 1
    assert sorted(c.company for c in network.state.contacts.values()) == ["", "Airbus", "Thales"]
    assert warnings(report) == [
        (
            2,
            "possible duplicate of 'Camille Martin' (06 11 22 33 44): another phone number; "
            "imported as a separate contact (reseau duplicates lists them)",
        ),
        (
            4,
            "possible duplicate: 2 contacts are named 'Camille Martin'; imported as a "
            "separate contact (reseau duplicates lists them)",
        ),
    ]


def test_same_name_without_anything_that_disagrees_still_merges(network: Network) -> None:
    known = network.add_contact("John Doe", company="Acme")

    report = import_file(network, "vcard", OTHER_JOHN)

    assert (report.contacts.new, report.contacts.merged) == (0, 1)
    john = network.state.contacts[known.id]
    assert (john.email, john.phone) == ("jdoe@other.example", "+33 6 00 00 00 00")


def test_a_file_id_shared_by_another_name_is_not_enough(network: Network) -> None:
    """The RFC example UID, copied into many files, once merged John Doe into Dr. Public."""
    uid = "UID:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
    import_file(network, "vcard", card("FN:John Doe", uid))

    report = import_file(network, "vcard", card("FN:Dr. John Q. Public", uid))

    assert (report.contacts.new, report.contacts.merged) == (1, 0)
    assert sorted(by_name(network)) == ["Dr. John Q. Public", "John Doe"]
    assert warnings(report) == [
        (
            1,
            "possible duplicate of 'John Doe': the same id in the file, under another name; "
            "imported as a separate contact (reseau duplicates lists them)",
        )
    ]


def test_a_file_id_with_the_same_email_still_matches_a_renamed_contact(network: Network) -> None:
    uid = "UID:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
    import_file(network, "vcard", card("FN:Jean Dupont", uid, "EMAIL:jean@example.fr"))

    report = import_file(network, "vcard", card("FN:Jean-Pierre Dupont", uid, "TEL:0601020304"))
    assert report.contacts.new == 1  # nothing shared: two people, as far as reseau knows
    assert report.possible_duplicates == 1

    again = import_file(
        network, "vcard", card("FN:Jean-Pierre Dupont", uid, "EMAIL:JEAN@example.fr")
    )
    assert (again.contacts.new, again.contacts.unchanged) == (0, 1)


def test_a_changed_title_in_a_reimported_card_is_reported_and_yours_kept(
    network: Network,
) -> None:
    import_file(network, "vcard", card("FN:Léa Moreau", "EMAIL:lea@example.fr", "TITLE:Buyer"))

    report = import_file(
        network,
        "vcard",
        card("FN:Léa Moreau", "EMAIL:lea@example.fr", "TITLE:Head of purchasing", "ORG:Airbus"),
    )

    lea = by_name(network)["Léa Moreau"]
    assert (lea.role, lea.company) == ("Buyer", "Airbus")
    assert warnings(report) == [
        (1, "role: the file says 'Head of purchasing'; yours is kept: 'Buyer'")
    ]
    assert (report.contacts.merged, report.differing) == (1, 1)
    assert summary_lines(report)[-1] == (
        "1 contact has other values in the file: yours were kept (see the warnings)"
    )


def test_a_reimport_that_only_differs_is_not_silent(network: Network) -> None:
    known = network.add_contact("N. Bernard", email="nathalie@example.com", phone="06 12 34 56 78")

    report = import_file(
        network,
        "vcard",
        card("FN:Nathalie Bernard", "EMAIL:Nathalie@Example.com", "TEL:+33 6 12 34 56 79"),
    )

    assert warnings(report) == [
        (1, "name: the file says 'Nathalie Bernard'; yours is kept: 'N. Bernard'"),
        (1, "phone: the file says '+33 6 12 34 56 79'; yours is kept: '06 12 34 56 78'"),
    ]
    assert (report.contacts.unchanged, report.differing) == (1, 1)
    assert network.state.contacts[known.id].phone == "06 12 34 56 78"


def test_dry_run_says_what_it_would_keep_apart(network: Network) -> None:
    import_file(network, "vcard", JOHN)

    report = import_file(network, "vcard", OTHER_JOHN, dry_run=True)

    assert (report.contacts.new, report.contacts.merged, report.applied) == (1, 0, False)
    assert report.possible_duplicates == 1
    assert len(network.state.contacts) == 1


def test_a_shared_family_address_with_two_profiles_is_two_people_said_so(
    network: Network,
) -> None:
    network.add_contact(
        "Anne Petit", email="famille.petit@example.fr", url="https://www.linkedin.com/in/anne"
    )

    report = import_file(
        network,
        "vcard",
        card(
            "FN:Marc Petit",
            "EMAIL:famille.petit@example.fr",
            "URL:https://www.linkedin.com/in/marc",
        ),
    )

    assert warnings(report) == [
        (
            1,
            "possible duplicate of 'Anne Petit' (famille.petit@example.fr): another profile "
            "link; imported as a separate contact (reseau duplicates lists them)",
        )
    ]
    assert sorted(by_name(network)) == ["Anne Petit", "Marc Petit"]


def test_a_backup_restored_into_a_database_in_use_says_what_differs(
    network: Network, fresh: Fresh
) -> None:
    anne = network.add_contact("Anne Petit", company="La Poste", role="DRH")
    backup = export_json(network)
    other = fresh("other")
    import_file(other, "json", backup)
    other.edit_contact(anne.id, company="La Poste (typed by me)", role="")

    report = import_file(other, "json", backup)

    assert [p.message() for p in report.problems] == [
        "company: the file says 'La Poste'; yours is kept: 'La Poste (typed by me)'"
    ]
    assert (report.contacts.merged, report.differing) == (1, 1)  # the role came back
    assert other.state.contacts[anne.id].company == "La Poste (typed by me)"
