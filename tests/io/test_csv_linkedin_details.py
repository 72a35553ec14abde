"""Spreadsheet and LinkedIn files as people really have them: French headers, `;`, encodings."""

from __future__ import annotations

import locale

import pytest

from reseau_tui.i18n import set_language
from reseau_tui.io.common import Problem
from reseau_tui.services.importing import ImportReport, import_file
from reseau_tui.services.network import Network
from tests.io.conftest import by_name


def problems(report: ImportReport) -> list[tuple[int | None, int | None, str, bool]]:
    return [(p.line, p.number, p.message(), p.blocking) for p in report.problems]


def test_french_spreadsheet_with_semicolons_and_bom(network: Network) -> None:
    data = (
        "\ufeffPrénom;Nom;Entreprise;Courriel;Fonction;Téléphone;Lien;Étiquettes;Cercle;Notes\r\n"
        "Zoé;N'Diaye;Airbus;zoe@example.fr;Acheteuse;06 11 22 33 44;"
        "https://www.linkedin.com/in/zoe;aéro, achats;Ancienne collègue;"
        '"Rencontrée chez Safran;\r\nà relancer en mars"\r\n'
    ).encode()

    report = import_file(network, "csv", data)

    assert (report.contacts.new, report.problems) == (1, [])
    zoe = by_name(network)["Zoé N'Diaye"]
    assert (zoe.company, zoe.email, zoe.role, zoe.phone) == (
        "Airbus",
        "zoe@example.fr",
        "Acheteuse",
        "06 11 22 33 44",
    )
    assert zoe.url == "https://www.linkedin.com/in/zoe"
    assert zoe.tags == ("aéro", "achats")
    assert zoe.circle == "former-colleague"
    assert zoe.notes == "Rencontrée chez Safran;\r\nà relancer en mars"


def test_google_and_outlook_csv_exports(network: Network) -> None:
    google = (
        "First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,"
        "Phone 1 - Label,Phone 1 - Value,Organization Name,Organization Title\n"
        "Nathalie,,Bernard,* myContacts ::: Réseau pro ::: * starred,Work,"
        "nathalie@example.com,Mobile,+33 6 12 34 56 78,Orange Business,Head of Partnerships\n"
    ).encode()
    outlook = (
        b"First Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone\r\n"
        b"Karim,Benali,Thales,Buyer,karim@example.org,06 01 02 03 04\r\n"
    )

    assert import_file(network, "csv", google).problems == [
        Problem(
            "column {column!r} is not one reseau knows; it is ignored",
            {"column": column},
            line=1,
            blocking=False,
        )
        for column in ("Middle Name", "E-mail 1 - Label", "Phone 1 - Label")
    ]
    assert import_file(network, "csv", outlook).problems == []

    people = by_name(network)
    nathalie, karim = people["Nathalie Bernard"], people["Karim Benali"]
    assert (nathalie.email, nathalie.phone) == ("nathalie@example.com", "+33 6 12 34 56 78")
    assert (nathalie.company, nathalie.role) == ("Orange Business", "Head of Partnerships")
    assert nathalie.tags == ("Réseau pro", "starred")
    assert (karim.company, karim.role, karim.email, karim.phone) == (
        "Thales",
        "Buyer",
        "karim@example.org",
        "06 01 02 03 04",
    )


def test_windows_1252_file_is_read_as_such_with_a_warning(network: Network) -> None:
    """Excel's "CSV" (not "CSV UTF-8") in Western Europe, even with --skip-invalid refused."""
    data = "name,company\nCamille Lefèvre,Société Générale\n".encode("cp1252")

    report = import_file(network, "csv", data)

    assert report.applied and not report.blocked
    assert by_name(network)["Camille Lefèvre"].company == "Société Générale"
    assert problems(report) == [
        (
            2,
            None,
            "the file is not UTF-8 (byte 0xE8 on this line); it was read as Windows-1252: "
            "check the accented letters",
            False,
        )
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_are_read_with_or_without_a_byte_order_mark(
    network: Network, codec: str
) -> None:
    data = "Prénom;Nom\r\nAnne;Müller\r\n".encode(codec)

    report = import_file(network, "csv", data)

    assert (report.contacts.new, report.problems) == (1, [])  # Unicode: nothing to check
    assert "Anne Müller" in by_name(network)


def test_bad_rows_block_the_file_unless_skipped(network: Network) -> None:
    data = (
        "name,circle,cadence,archived\n"
        "Anne,friend,30,no\n"
        "Bruno,best friend,,\n"
        ",friend,,\n"
        "Chloé,,every week,maybe\n"
    ).encode()

    refused = import_file(network, "csv", data)
    assert refused.blocked and network.state.contacts == {}
    assert problems(refused) == [
        (
            3,
            2,
            "circle: unknown circle 'best-friend'; use one of: family, friend, colleague, "
            "former-colleague, client, supplier, alumni, recruiter, acquaintance",
            True,
        ),
        (4, 3, "name: must not be empty", True),
        (5, 4, "cadence: 'every week' is not a number of days", True),
        (5, 4, "archived: 'maybe' is neither yes nor no", True),
    ]

    skipped = import_file(network, "csv", data, skip_invalid=True)
    assert (skipped.contacts.new, skipped.invalid) == (1, 3)
    anne = by_name(network)["Anne"]
    assert (anne.circle, anne.cadence_days, anne.archived) == ("friend", 30, False)


def test_a_file_without_a_name_column_is_refused(network: Network) -> None:
    report = import_file(network, "csv", b"company,email\nAirbus,a@example.fr\n")

    assert report.fatal
    assert report.problems[0].message().startswith("no name column")


def test_unknown_columns_are_reported_and_ignored(network: Network) -> None:
    report = import_file(network, "csv", b"name,shoe size\nAnne,38\n")

    assert report.contacts.new == 1 and not report.blocked
    assert problems(report) == [
        (1, None, "column 'shoe size' is not one reseau knows; it is ignored", False)
    ]


def test_unclosed_quote_is_reported_with_its_line(network: Network) -> None:
    report = import_file(network, "csv", b'name,notes\nAnne,"fine"\nBruno,"never closed\n')

    assert report.fatal and network.state.contacts == {}
    assert problems(report) == [
        (3, None, "the file cannot be read as CSV (unexpected end of data)", True)
    ]


def test_linkedin_header_is_found_whatever_the_preamble_says(network: Network) -> None:
    data = (
        "\ufeffNotes :\r\n"
        '"Some email addresses may be missing.\r\nThis wording changes, '
        'and so does its length: First Name, Last Name."\r\n'
        "\r\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Inès,Roy,https://www.linkedin.com/in/inesroy,,Thales,Ingénieure,7 Sep 2020\r\n"
    ).encode()

    report = import_file(network, "linkedin", data)

    assert (report.total, report.contacts.new) == (1, 1)
    assert by_name(network)["Inès Roy"].company == "Thales"


def test_linkedin_dates_use_english_months_in_a_french_session(
    network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    set_language("fr")
    try:
        locale.setlocale(locale.LC_TIME, "fr_FR.UTF-8")
        restore = True
    except locale.Error:
        restore = False  # the French locale is not installed here; the language still is
    try:
        data = (
            b"First Name,Last Name,Connected On\r\nA,Un,14 Oct 2025\r\nB,Deux,2 May 2024\r\n"
            b"C,Trois,yesterday\r\n"
        )
        report = import_file(network, "linkedin", data)
    finally:
        if restore:
            locale.setlocale(locale.LC_TIME, "C")
    people = by_name(network)
    assert people["A Un"].connected is not None
    assert people["A Un"].connected.isoformat() == "2025-10-14T00:00:00+02:00"
    assert people["B Deux"].connected is not None
    assert people["B Deux"].connected.date().isoformat() == "2024-05-02"
    assert people["C Trois"].connected is None
    assert problems(report) == [(4, 3, "connected: 'yesterday' is not a date; left empty", False)]


def test_a_file_that_is_not_linkedin_says_so(network: Network) -> None:
    report = import_file(network, "linkedin", b"name,company\nAnne,La Poste\n")

    assert report.fatal
    assert "First Name and Last Name" in report.problems[0].message()


def test_linkedin_export_given_to_the_csv_importer_points_to_the_right_command(
    network: Network,
) -> None:
    data = b"Notes:\r\n\r\nFirst Name,Last Name,URL\r\nA,B,https://x\r\n"

    report = import_file(network, "csv", data)

    assert report.fatal
    assert "reseau import linkedin" in report.problems[0].message()
