"""reseau's folder of cards, synced by vdirsyncer with a Radicale server and read by khard.

Each test starts its own server (tests/carddav/conftest.py) and drives the
real programs the way the README tells a user to.
"""

from __future__ import annotations

import re

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.models import Contact
from reseau_tui.services.network import Network
from tests.carddav.conftest import Server, Tools

APPLE_UID = "5A0C7B3E-2F4D-4E8A-9B1C-3D2E1F0A9B8C"  # a bare UUID in capitals, as Apple writes
PHOTO = (
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR8eHRwcIDAsICIs"
    "IxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQ"
    "AQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q=="
)
APPLE_CARD = "\r\n".join(
    [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.1//EN",
        "N:Moreau;Léa;;;",
        "FN:Léa Moreau",
        "NICKNAME:Lulu",
        "ORG:Airbus;",
        "TITLE:Ingénieure systèmes",
        "EMAIL;type=INTERNET;type=WORK;type=pref:lea.moreau@example.fr",
        "EMAIL;type=INTERNET;type=HOME:lea@home.example",
        "TEL;type=CELL;type=VOICE;type=pref:06 98 76 54 32",
        "TEL;type=HOME;type=VOICE:01 23 45 67 89",
        "item1.ADR;type=HOME;type=pref:;;12 rue de la Paix;Toulouse;;31000;France",
        "item1.X-ABADR:fr",
        "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/leamoreau",
        f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}",
        "item2.X-ABRELATEDNAMES:Paul Girard",
        "item2.X-ABLabel:_$!<Friend>!$_",
        f"UID:{APPLE_UID}",
        f"X-ABUID:{APPLE_UID}:ABPerson",
        "END:VCARD",
        "",
    ]
).encode()


def lines(card: bytes) -> set[str]:
    """The card's content lines, unfolded."""
    text = re.sub(r"\r\n[ \t]", "", card.decode())
    return {line for line in text.split("\r\n") if line}


def contacts(tools: Tools) -> dict[str, Contact]:
    network = Network(tools.db, FixedClock.at("2026-11-26T10:00:00", "Europe/Paris"))
    return {c.name: c for c in network.state.contacts.values()}


def test_an_apple_card_made_on_the_server_survives_two_round_trips(
    tools: Tools, radicale: Server
) -> None:
    radicale.put(f"{APPLE_UID}.vcf", APPLE_CARD)
    as_served = lines(radicale.get(f"{APPLE_UID}.vcf"))
    tools.vdirsyncer("sync")

    tools.sync()  # in: the card becomes a contact; nothing to send back
    assert tools.reseau("edit", "Léa", "--company", "Safran") == 0
    tools.sync()  # out: the changed contact goes back to the server
    first = lines(radicale.get(f"{APPLE_UID}.vcf"))
    assert tools.reseau("edit", "Léa", "--role", "Architecte") == 0
    tools.sync()
    second = lines(radicale.get(f"{APPLE_UID}.vcf"))

    assert f"UID:{APPLE_UID}" in first and f"UID:{APPLE_UID}" in second
    changed = {line for line in as_served if line.startswith(("ORG:", "TITLE:"))}
    assert as_served - changed <= first  # every other line as the server had it
    assert as_served - changed <= second
    assert "ORG:Safran" in first and "ORG:Safran" in second
    assert "TITLE:Architecte" in second
    lea = contacts(tools)["Léa Moreau"]
    assert lea.card_uid == APPLE_UID
    assert sorted(p.name for p in tools.cards.iterdir()) == [f"{APPLE_UID}.vcf"]


def test_a_phone_number_edited_in_khard_arrives_in_reseau(tools: Tools, radicale: Server) -> None:
    radicale.put(f"{APPLE_UID}.vcf", APPLE_CARD)
    tools.vdirsyncer("sync")
    tools.sync()
    shown = tools.khard("show", "--format", "yaml", "Moreau")
    assert "06 98 76 54 32" in shown

    edited = tools.cards.parent / "lea.yaml"
    edited.write_text(shown.replace("06 98 76 54 32", "07 11 22 33 44"))
    tools.khard("edit", "-i", str(edited), "Moreau", stdin="yes\n")
    tools.sync()

    assert contacts(tools)["Léa Moreau"].phone == "07 11 22 33 44"
    on_server = lines(radicale.get(f"{APPLE_UID}.vcf"))
    assert any(line.endswith(":07 11 22 33 44") for line in on_server)
    assert "NICKNAME:Lulu" in on_server  # khard's rewrite kept it; so did reseau


def test_a_contact_edited_in_reseau_arrives_on_the_server(tools: Tools, radicale: Server) -> None:
    assert tools.reseau("add", "Camille Martin", "--email", "camille@example.org") == 0
    tools.sync()
    assert "Camille Martin" in tools.khard("list")  # khard reads reseau's cards

    assert tools.reseau("edit", "Camille", "--phone", "+33 6 10 20 30 40") == 0
    tools.sync()

    on_server = lines(radicale.card_of("Camille Martin")[1])
    assert "EMAIL:camille@example.org" in on_server
    assert "TEL;VALUE=text:+33 6 10 20 30 40" in on_server
    assert "+33 6 10 20 30 40" in tools.khard("phone")


def test_a_card_deleted_on_the_server_and_untouched_in_reseau_is_removed(
    tools: Tools, radicale: Server
) -> None:
    for name in ("Camille Martin", "Hugo Lambert", "Nathalie Bernard"):
        assert tools.reseau("add", name) == 0
    tools.sync()
    hugo = next(c for c in contacts(tools).values() if c.name == "Hugo Lambert")
    assert tools.reseau("edit", "Hugo", "--company", "Capgemini") == 0  # changed here

    radicale.delete(radicale.card_of("Camille Martin")[0])
    radicale.delete(radicale.card_of("Hugo Lambert")[0])
    tools.vdirsyncer("sync")  # the deletions reach the folder
    assert tools.reseau("sync", "vdir", str(tools.cards)) == 0
    tools.vdirsyncer("sync")

    assert sorted(contacts(tools)) == ["Hugo Lambert", "Nathalie Bernard"]  # Hugo changed here
    assert f"{hugo.id}.vcf" in {p.name for p in tools.cards.iterdir()}
    assert len(list(tools.cards.iterdir())) == 2
    assert "ORG:Capgemini" in lines(radicale.card_of("Hugo Lambert")[1])
