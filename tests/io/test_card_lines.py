"""What a card says beyond reseau's fields is kept, and written back as it was.

The issue this answers: a round trip through reseau used to turn an Apple UID
into `urn:uuid:...` in lower case and strip the nickname, the second email
and phone, the address and the photo.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reseau_tui.domain.codec import contact_to_doc
from reseau_tui.domain.integrity import check_tables
from reseau_tui.services.exporting import export_json, export_vcard
from reseau_tui.services.importing import import_file
from reseau_tui.services.network import Network
from tests.io.conftest import by_name, sample

Fresh = Callable[[str], Network]


def crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


@pytest.mark.parametrize(
    "name", ["vcard/radicale-apple.vcf", "vcard/apple-contacts.vcf", "vcard/vcard4-related.vcf"]
)
def test_an_unchanged_contact_exports_the_card_it_came_from_byte_for_byte(
    network: Network, name: str
) -> None:
    import_file(network, "vcard", sample(name))

    assert export_vcard(network) == crlf(sample(name))  # line ends as RFC 6350 asks


def test_the_uid_and_every_line_reseau_does_not_model_are_kept(network: Network) -> None:
    import_file(network, "vcard", sample("vcard/radicale-apple.vcf"))

    lea = by_name(network)["Léa Moreau"]
    assert lea.card_uid == "5A0C7B3E-2F4D-4E8A-9B1C-3D2E1F0A9B8C"
    assert lea.card_version == "3.0"
    for line in (
        "NICKNAME:Lulu",
        "EMAIL;TYPE=INTERNET,HOME:lea@home.example",
        "TEL;TYPE=HOME,VOICE:01 23 45 67 89",
        "item1.ADR;TYPE=HOME,pref:;;12 rue de la Paix;Toulouse;;31000;France",
        "X-ABUID:5A0C7B3E-2F4D-4E8A-9B1C-3D2E1F0A9B8C:ABPerson",
    ):
        assert line in lea.card_extra
    assert any(e.startswith("PHOTO;ENCODING=b;TYPE=JPEG:/9j/") for e in lea.card_extra)


def test_a_value_changed_in_reseau_is_written_in_its_line_and_the_old_one_not_kept(
    network: Network,
) -> None:
    import_file(network, "vcard", sample("vcard/radicale-apple.vcf"))
    lea = by_name(network)["Léa Moreau"]

    network.edit_contact(lea.id, phone="07 11 22 33 44", company="")

    card = export_vcard(network).decode()
    assert "\r\nTEL;TYPE=CELL,VOICE,pref:07 11 22 33 44\r\n" in card  # its parameters kept
    assert card.index("TEL;TYPE=CELL") < card.index("TEL;TYPE=HOME")  # and its place
    assert "ORG:" not in card
    assert "NICKNAME:Lulu" in card
    stored = str(contact_to_doc(network.state.contacts[lea.id]))
    assert "06 98 76 54 32" not in stored and "Airbus" not in stored


def test_a_field_set_only_in_reseau_is_added_to_the_card(network: Network) -> None:
    import_file(network, "vcard", sample("vcard/vcard4-related.vcf"))
    hugo = by_name(network)["Hugo Lambert"]

    network.edit_contact(hugo.id, phone="+33 6 00 00 00 01", circle="client")

    lines = export_vcard(network).decode().split("\r\n")
    assert lines[-4:] == [
        "TEL;VALUE=text:+33 6 00 00 00 01",
        "X-RESEAU-CIRCLE:client",
        "END:VCARD",
        "",
    ]
    assert "RELATED;TYPE=met;VALUE=text:Nathalie Bernard" in lines


def test_the_json_backup_keeps_the_card(network: Network, fresh: Fresh) -> None:
    import_file(network, "vcard", sample("vcard/radicale-apple.vcf"))
    restored = fresh("restored")

    import_file(restored, "json", export_json(network))

    assert (
        export_vcard(restored) == export_vcard(network) == crlf(sample("vcard/radicale-apple.vcf"))
    )


def test_a_vcard_21_is_kept_as_30_with_its_plain_lines(network: Network) -> None:
    card = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Fran=C3=A7ois =C3=89tienne\r\n"
        b"TEL;CELL:+33611223344\r\nTEL;HOME:+33144556677\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9\r\nEND:VCARD\r\n"
    )
    import_file(network, "vcard", card)

    text = export_vcard(network).decode()
    assert "VERSION:3.0" in text
    assert "FN:François Étienne" in text and "TEL:+33611223344" in text
    assert "TEL;HOME:+33144556677" in text  # the second phone, as written
    assert "QUOTED-PRINTABLE" not in text


def test_a_damaged_card_field_in_the_file_is_named() -> None:
    doc = {"id": "c1", "name": "Léa", "created": "2026-11-26T10:00:00+01:00", "card_extra": "X"}

    with pytest.raises(ValueError, match="card_extra"):
        check_tables({"contacts": {"c1": doc}})
