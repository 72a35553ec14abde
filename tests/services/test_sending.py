"""The draft handed to the mail client as a `mailto:` link, and the profile link to the browser."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote, urlsplit

from reseau_tui.i18n import set_language
from reseau_tui.services.followups import draft
from reseau_tui.services.network import Network
from reseau_tui.services.sending import addresses, mail_link, mailto, profile_link


def decoded(link: str) -> tuple[str, dict[str, str]]:
    """What a mail client reads from a `mailto:` link (RFC 6068): the recipients, the fields."""
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    fields = {}
    for pair in parts.query.split("&"):
        name, _, value = pair.partition("=")
        fields[name] = unquote(value, errors="strict")
    return unquote(parts.path), fields


FRENCH_DRAFT = (
    "Bonjour Zoë,\n\n"
    "Merci d'avoir pris le temps de me rencontrer : « appliquer avant janvier ».\n"
    "Il m'a dit \"100 % d'accord\" & ça m'a aidé ; question ? #suite + égal = fin\n\n"
    "Bien à vous,\nMarie Dupont"
)


def test_a_french_draft_with_accents_quotes_and_new_lines_decodes_to_the_same_text() -> None:
    link = mailto(["zoe.ndiaye@exemple.fr"], "Merci pour la mise en relation", FRENCH_DRAFT)
    to, fields = decoded(link)
    assert to == "zoe.ndiaye@exemple.fr"
    assert fields["subject"] == "Merci pour la mise en relation"
    # Line breaks travel as CR LF (RFC 6068, section 5); the text is otherwise the same.
    assert fields["body"].replace("\r\n", "\n") == FRENCH_DRAFT
    assert "\n" not in fields["body"].replace("\r\n", "")


def test_the_link_is_encoded_as_the_rfc_says() -> None:
    link = mailto(["a@b.fr"], "Des nouvelles", "Zoë & co\n+ 1 = ?")
    assert link == (
        "mailto:a@b.fr?subject=Des%20nouvelles&body=Zo%C3%AB%20%26%20co%0D%0A%2B%201%20%3D%20%3F"
    )
    # Nothing outside the unreserved characters is left as it was: no space, no "+".
    query = link.split("?", 1)[1]
    assert " " not in query and "+" not in query and "\n" not in query


def test_an_address_with_odd_characters_cannot_start_a_field_of_its_own() -> None:
    link = mailto(['"zoe?body=spam"@exemple.fr'], "Merci", "Bonjour")
    to, fields = decoded(link)
    assert set(fields) == {"subject", "body"}
    assert fields["body"] == "Bonjour"
    assert to == '"zoe?body=spam"@exemple.fr'


def test_the_addresses_are_found_in_the_email_field_as_people_type_it() -> None:
    assert addresses("camille@airbus.fr") == ["camille@airbus.fr"]
    assert addresses("Camille <camille@airbus.fr>; perso: cm@gmail.com") == [
        "camille@airbus.fr",
        "cm@gmail.com",
    ]
    assert addresses("pas d'adresse") == []
    assert addresses("") == []


def test_a_profile_is_opened_only_when_it_is_a_web_address() -> None:
    assert profile_link("https://www.linkedin.com/in/camille") == (
        "https://www.linkedin.com/in/camille"
    )
    assert profile_link("linkedin.com/in/zoe-ndiaye") == "https://linkedin.com/in/zoe-ndiaye"
    assert profile_link("  www.exemple.fr ") == "https://www.exemple.fr"
    for not_a_page in (
        "",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "06 12 34 56 78",
        "voir avec Camille",
        "https://",
        "https://exemple.fr/\x1b[31m",
    ):
        assert profile_link(not_a_page) is None, not_a_page


def test_the_mail_of_a_french_thank_you_holds_its_draft_and_a_french_subject(
    network: Network,
) -> None:
    set_language("fr")
    zoe = network.add_contact("Zoë N'Diaye", email="zoe@exemple.fr")
    network.log_meeting(
        [zoe.id], network.now() - timedelta(hours=3), learned='"les achats" d\'abord'
    )
    item = next(i for i in network.queue().actionable() if i.kind == "thank")
    body = draft(item, network.state, network.clock.tz)
    link = mail_link(item, network.state, body)
    assert link is not None
    to, fields = decoded(link)
    assert to == "zoe@exemple.fr"
    assert fields["subject"] == "Merci"
    assert fields["body"].replace("\r\n", "\n") == body
    assert "Bonjour Zoë" in fields["body"]


def test_no_mail_link_for_someone_without_an_address(network: Network) -> None:
    camille = network.add_contact("Camille Martin")
    network.log_meeting([camille.id], network.now() - timedelta(hours=3))
    item = network.queue().actionable()[0]
    assert mail_link(item, network.state, "Bonjour") is None
