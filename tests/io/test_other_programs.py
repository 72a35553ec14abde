"""Files as other programs really write them: encodings, stray lines, odd columns.

Each file here is small and synthetic, made to have the shape of a real export
(Outlook, SAP, iPhone, Kontact, Google, Thunderbird): the quirk, not the people.
"""

from __future__ import annotations

from reseau_tui.services.exporting import export_vcard
from reseau_tui.services.import_summary import describe_problem
from reseau_tui.services.importing import ImportReport, import_file
from reseau_tui.services.network import Network
from tests.io.conftest import by_name

CRLF = "\r\n"


def vcf(*cards: list[str], end: str = CRLF) -> str:
    return "".join(end.join(["BEGIN:VCARD", *lines, "END:VCARD"]) + end for lines in cards)


def problems(report: ImportReport) -> list[tuple[int | None, int | None, str, str, bool]]:
    return [(p.line, p.number, p.name, p.message(), p.blocking) for p in report.problems]


# --- 3. files that are not UTF-8 ------------------------------------------------------


def test_outlook_vcards_in_windows_1251_and_1253_are_read_by_their_charset(
    network: Network,
) -> None:
    russian = vcf(
        [
            "VERSION:2.1",
            "N;CHARSET=Windows-1251:Иванов;Пётр",
            "FN;CHARSET=Windows-1251:Пётр Иванов",
            "ORG;CHARSET=Windows-1251:Рога и копыта",
        ]
    ).encode("cp1251")
    greek = vcf(
        [
            "VERSION:2.1",
            "FN;CHARSET=WINDOWS-1253:Νίκος Παππάς",
            "TITLE;CHARSET=WINDOWS-1253:Μηχανικός",
        ]
    ).encode("cp1253")

    first = import_file(network, "vcard", russian)
    second = import_file(network, "vcard", greek)

    assert (first.contacts.new, second.contacts.new) == (1, 1)
    people = by_name(network)
    assert people["Пётр Иванов"].company == "Рога и копыта"
    assert people["Νίκος Παππάς"].role == "Μηχανικός"
    assert [p.message() for p in first.problems] == [
        "the file is not UTF-8 (byte 0xC8 on this line); it was read as Windows-1251: "
        "check the accented letters"
    ]


def test_a_vcard_in_windows_1252_declaring_nothing_is_read_as_windows_1252(
    network: Network,
) -> None:
    data = vcf(["VERSION:2.1", "FN:Françoise Lefèvre", "ORG:Société Générale"]).encode("cp1252")

    report = import_file(network, "vcard", data)

    assert report.applied and not report.blocked
    assert by_name(network)["Françoise Lefèvre"].company == "Société Générale"
    assert [p.blocking for p in report.problems] == [False]


def test_a_utf16_vcard_with_a_byte_order_mark_is_read(network: Network) -> None:
    data = vcf(["VERSION:3.0", "FN:Zoë Nguyễn", "EMAIL:zoe@example.org"]).encode("utf-16")

    report = import_file(network, "vcard", data)

    assert (report.contacts.new, report.problems) == (1, [])
    assert by_name(network)["Zoë Nguyễn"].email == "zoe@example.org"


def test_a_utf8_file_with_one_stray_byte_keeps_its_other_accents(network: Network) -> None:
    data = "name,company\nJosé Núñez,Télécom\n".encode() + b"Ren\xe9 Caf\xe9,Le Bistrot\n"

    report = import_file(network, "csv", data)

    assert sorted(by_name(network)) == ["José Núñez", "René Café"]
    assert by_name(network)["José Núñez"].company == "Télécom"
    assert [(p.line, p.blocking) for p in report.problems] == [(3, False)]


# --- 4. one unreadable line does not lose the card -------------------------------------


def sap_card(i: int) -> list[str]:
    """A card as an SAP export writes it: an address label in undeclared 8-bit
    quoted-printable (Windows-1252), on a card that is otherwise plain."""
    return [
        "VERSION:2.1",
        f"N:Schmidt {i};Jürgen",
        f"FN:Jürgen Schmidt {i}",
        "ORG:Beispiel AG",
        f"EMAIL;INTERNET:j.schmidt{i}@example.de",
        "LABEL;WORK;ENCODING=QUOTED-PRINTABLE:Hauptstra=DFe 1=0D=0AM=FCnchen",
    ]


def test_thirty_cards_with_an_undeclared_8bit_label_all_import(network: Network) -> None:
    data = vcf(*(sap_card(i) for i in range(30))).encode()

    report = import_file(network, "vcard", data)

    assert (report.total, report.contacts.new, report.problems) == (30, 30, [])
    assert by_name(network)["Jürgen Schmidt 7"].email == "j.schmidt7@example.de"


def test_lines_reseau_cannot_read_are_skipped_reported_and_the_card_kept(
    network: Network,
) -> None:
    data = vcf(
        [
            "VERSION:3.0",
            "PROFILE:VCard",
            "FN:Anna Kowalski",
            "X-messaging/aim-All:anna.k",
            "EMAIL:anna@example.pl",
            "PHOTO;ENCODING=b;TYPE=JPEG:!!not-base64!",
            "TEL;TYPE=CELL:+48 600 100 200",
        ]
    ).encode()

    report = import_file(network, "vcard", data)

    assert report.applied and not report.blocked
    anna = by_name(network)["Anna Kowalski"]
    assert (anna.email, anna.phone) == ("anna@example.pl", "+48 600 100 200")
    assert problems(report) == [
        (
            5,
            1,
            "Anna Kowalski",
            "skipped a line that cannot be read: X-messaging/aim-All:anna.k",
            False,
        ),
    ]  # a broken photo is no trouble: reseau keeps no photos
    assert report.skipped_lines == 1


def test_iphone_line_ends_with_two_carriage_returns_read_as_one(network: Network) -> None:
    data = vcf(
        [
            "VERSION:3.0",
            "N:Dubois;Marie;;;",
            "FN:Marie Dubois",
            "NOTE:Met at the Lyon job fair; wants to hear",
            "  about the training",
            "TEL;type=CELL:06 12 34 56 78",
        ],
        end="\r\r\n",
    ).encode()

    report = import_file(network, "vcard", data)

    assert (report.contacts.new, report.problems) == (1, [])
    marie = by_name(network)["Marie Dubois"]
    assert marie.notes == "Met at the Lyon job fair; wants to hear about the training"
    assert marie.phone == "06 12 34 56 78"


# --- 5. an email and no name -------------------------------------------------------------


def test_an_email_without_a_name_names_the_contact_in_every_format(network: Network) -> None:
    card = vcf(["VERSION:3.0", "EMAIL;TYPE=INTERNET:noname@example.com"]).encode()
    google = (
        b"First Name,Last Name,E-mail 1 - Value,Organization Name\n"
        b",,g.only@example.com,Orange\n"
        b"Anne,Petit,anne@example.fr,La Poste\n"
    )
    linkedin = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b",,https://www.linkedin.com/in/x,li.only@example.com,SNCF,,1 Jan 2024\r\n"
        b",,,,,,\r\n"
    )

    reports = [
        import_file(network, "vcard", card),
        import_file(network, "csv", google),
        import_file(network, "linkedin", linkedin),
    ]

    assert [r.blocked for r in reports] == [False, False, False]
    people = by_name(network)
    assert people["noname@example.com"].email == "noname@example.com"
    assert people["g.only@example.com"].company == "Orange"
    assert people["li.only@example.com"].company == "SNCF"
    assert "Anne Petit" in people
    assert reports[2].nameless == 0  # the empty row is not a record


# --- 6. the columns of the big exporters -----------------------------------------------


def test_outlook_title_is_mr_or_ms_and_job_title_the_role(network: Network) -> None:
    data = (
        b"Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
        b"Business Phone,Mobile Phone,E-mail Address,E-mail 2 Address\r\n"
        b"Ms.,Claire,,Fontaine,,Thales,Achats,Acheteuse senior,01 40 00 00 00,"
        b"06 22 33 44 55,claire@thales.example,claire.f@home.example\r\n"
        b"Mr.,Paul,,Roux,,Safran,,,01 41 00 00 00,,,paul@home.example\r\n"
    )

    report = import_file(network, "csv", data)

    assert not report.blocked
    claire, paul = by_name(network)["Claire Fontaine"], by_name(network)["Paul Roux"]
    assert (claire.role, claire.phone, claire.email) == (
        "Acheteuse senior",
        "06 22 33 44 55",  # the mobile number first
        "claire@thales.example",
    )
    assert (paul.role, paul.phone, paul.email) == ("", "01 41 00 00 00", "paul@home.example")


def test_google_multi_values_website_and_legacy_groups(network: Network) -> None:
    data = (
        "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
        "Phone 1 - Type,Phone 1 - Value,Website 1 - Type,Website 1 - Value,"
        "Organization 1 - Name\n"
        "Karim Benali,Karim,Benali,* My Contacts ::: Réseau pro ::: Lyon,* Work ::: Home,"
        "karim@work.example ::: karim@home.example,Mobile ::: Work,"
        "06 01 02 03 04 ::: 04 72 00 00 00,Blog ::: Profile,"
        "https://karim.example ::: https://www.linkedin.com/in/karimbenali,Thales\n"
    ).encode()

    report = import_file(network, "csv", data)

    assert report.contacts.new == 1 and not report.blocked
    karim = by_name(network)["Karim Benali"]
    assert (karim.email, karim.phone) == ("karim@work.example", "06 01 02 03 04")
    assert karim.url == "https://www.linkedin.com/in/karimbenali"
    assert karim.tags == ("Réseau pro", "Lyon")
    assert karim.company == "Thales"


def test_a_linkedin_link_in_google_website_matches_the_linkedin_export(
    network: Network,
) -> None:
    import_file(
        network,
        "csv",
        b"Name,Website 1 - Value\nSofia G.,https://www.linkedin.com/in/sofiagarcia\n",
    )

    report = import_file(
        network,
        "linkedin",
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Sofia,Garc\xc3\xada,https://www.linkedin.com/in/sofiagarcia/,,Airbus,CTO,1 Mar 2021\r\n",
    )

    assert (report.contacts.new, report.contacts.merged) == (0, 1)  # by the link alone
    assert by_name(network)["Sofia G."].company == "Airbus"


def test_thunderbird_columns(network: Network) -> None:
    data = (
        b"First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,"
        b"Work Phone,Home Phone,Mobile Number,Job Title,Organization,Web Page 1,Notes\n"
        b"Hugo,Lambert,Hugo Lambert,,hugo@capgemini.example,hugo@home.example,"
        b"01 49 00 00 00,,06 77 88 99 00,Directeur de mission,Capgemini,"
        b"https://www.linkedin.com/in/hugolambert,Met at a breakfast\n"
    )

    report = import_file(network, "csv", data)

    assert report.contacts.new == 1
    hugo = by_name(network)["Hugo Lambert"]
    assert (hugo.email, hugo.phone, hugo.role, hugo.company) == (
        "hugo@capgemini.example",
        "06 77 88 99 00",
        "Directeur de mission",
        "Capgemini",
    )
    assert hugo.url == "https://www.linkedin.com/in/hugolambert"
    assert [p.message() for p in report.problems] == [
        "column 'Nickname' is not one reseau knows; it is ignored"
    ]


# --- 7. vCard 2.1 ORG and the given/family split ------------------------------------------


def test_vcard21_org_with_a_comma_keeps_the_comma(network: Network) -> None:
    data = vcf(["VERSION:2.1", "N:Smith;Jane", "FN:Jane Smith", "ORG:Company, The;Sales"])

    import_file(network, "vcard", data.encode())

    assert by_name(network)["Jane Smith"].company == "Company, The, Sales"


def test_the_surname_a_card_gives_is_kept_for_the_export(network: Network) -> None:
    data = vcf(
        ["VERSION:3.0", "N:De Unánue;Adolfo;;;PhD", "FN:Adolfo De Unánue, PhD"],
        ["VERSION:3.0", "N:Wang;Xiaoming;;;", "FN:Wang Xiaoming"],
        ["VERSION:3.0", "N:García Márquez;Gabriel;;;", "FN:Gabriel García Márquez"],
        ["VERSION:3.0", "N:Bernard;Nathalie;;;", "FN:Nathalie Bernard"],
    )

    import_file(network, "vcard", data.encode())

    lines = export_vcard(network).decode().splitlines()
    assert sorted(line for line in lines if line.startswith("N:")) == [
        "N:Bernard;Nathalie;;;",
        "N:De Unánue;Adolfo;;;PhD",
        "N:García Márquez;Gabriel;;;",
        "N:Wang;Xiaoming;;;",
    ]
    # Only a surname a guess from the name would miss is stored.
    people = by_name(network)
    assert people["Nathalie Bernard"].surname == ""
    assert people["Wang Xiaoming"].surname == "Wang"


def test_a_name_typed_in_reseau_is_split_where_a_surname_starts() -> None:
    from reseau_tui.io.common import split_name

    assert split_name("Charles de Gaulle").family == "de Gaulle"
    assert split_name("Dr. Jean Martin").prefix == "Dr."
    assert split_name("Jean Martin Jr.") == split_name("Jean Martin Jr.", "")
    parts = split_name("Adolfo De Unánue, PhD")
    assert (parts.family, parts.given, parts.suffix) == ("De Unánue", "Adolfo", "PhD")
    renamed = split_name("Adolfo Smith", "De Unánue")  # the stored surname no longer fits
    assert (renamed.family, renamed.given) == ("Smith", "Adolfo")


# --- 9. names in messages are readable --------------------------------------------------


def test_a_quoted_printable_name_is_decoded_in_the_messages(network: Network) -> None:
    data = vcf(
        [
            "VERSION:2.1",
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91o=C3=ABl=20Dupr=C3=A9",
            "EMAIL",
        ]
    ) + CRLF.join(["BEGIN:VCARD", "VERSION:2.1", "N;ENCODING=QUOTED-PRINTABLE:Mu=F1oz;In=E9s", ""])

    report = import_file(network, "vcard", data.encode())

    assert [describe_problem("f.vcf", p) for p in report.problems] == [
        "f.vcf:4: card 1 (Ñoël Dupré): skipped a line that cannot be read: EMAIL (warning)",
        "f.vcf:6: card 2 (Inés Muñoz): the card is never closed (no END:VCARD)",
    ]


def test_text_with_commas_left_unescaped_is_kept_whole(network: Network) -> None:
    """vCard 2.1 never escapes commas, and many 3.0 writers forget to."""
    data = vcf(
        [
            "VERSION:2.1",
            "FN:Adolfo De Unánue, PhD",
            "TITLE:Head of data, Europe",
            "NOTE:Met at the fair, wants news in March",
        ]
    )

    import_file(network, "vcard", data.encode())

    adolfo = by_name(network)["Adolfo De Unánue, PhD"]
    assert (adolfo.role, adolfo.notes) == (
        "Head of data, Europe",
        "Met at the fair, wants news in March",
    )
