"""Names in the CLI as in the app: channels and circles in either language, a person's name
for their one due follow-up, and `--db` on either side of the command.

The clock is Thursday 26 November 2026, 10:00 in Paris.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from tests.cli.support import Shell, on_fixed_clock

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    return Shell(capsys)


def channels(db_path: Path, clock: FixedClock) -> list[str]:
    state = Network(db_path, clock).state
    return [m.channel for m in sorted(state.meetings.values(), key=lambda m: m.when)]


# --- channels and circles, as the app shows them ---------------------------------------


@pytest.mark.parametrize(
    ("language", "typed", "channel"),
    [
        ("fr", "café", "coffee"),
        ("fr", "Cafe", "coffee"),
        ("en", "café", "coffee"),  # the French name is understood in English too
        ("fr", "coffee", "coffee"),  # and the ids in French
        ("fr", "visio", "video"),
        ("fr", "Appel", "call"),
        ("fr", "événement", "event"),
        ("fr", "evenement", "event"),
        ("en", "Video", "video"),
        ("fr", "e-mail", "email"),
        ("en", "linkedin", "linkedin"),
        ("fr", "LinkedIn", "linkedin"),
        ("en", "sms", "sms"),
        ("fr", "SMS", "sms"),
        ("en", "WhatsApp", "whatsapp"),
    ],
)
def test_log_takes_a_channel_by_its_name_in_either_language(
    reseau: Shell, db_path: Path, clock: FixedClock, language: str, typed: str, channel: str
) -> None:
    reseau.ok("add", "Camille Martin")

    reseau.ok("--lang", language, "log", "camille", "--when", "-1h", "--channel", typed)

    assert channels(db_path, clock) == [channel]
    # The file keeps the id, whatever the language it was typed in.
    doc = json.loads(db_path.read_text(encoding="utf-8"))
    assert [m["channel"] for m in doc["meetings"].values()] == [channel]


def test_an_unknown_channel_is_a_usage_error_listing_the_names_in_the_users_language(
    reseau: Shell, db_path: Path
) -> None:
    reseau.ok("add", "Camille Martin")
    before = db_path.read_bytes()

    assert reseau("--lang", "fr", "log", "camille", "--channel", "pigeon") == 2
    assert (
        f"type «{NBSP}pigeon{NBSP}» inconnu{NBSP}; au choix{NBSP}: café, appel, visio, "
        "événement, visite, e-mail, LinkedIn, SMS, WhatsApp, autre"
    ) in reseau.err
    assert reseau("log", "camille", "--channel", "pigeon") == 2
    assert (
        "unknown channel 'pigeon'; use one of: coffee, call, video, event, visit, email, "
        "LinkedIn, SMS, WhatsApp, other"
    ) in reseau.err
    assert db_path.read_bytes() == before


def test_help_lists_the_channels_in_the_users_language(reseau: Shell) -> None:
    reseau.ok("--lang", "fr", "log", "--help")
    assert "café, appel, visio" in " ".join(reseau.out.split())


@pytest.mark.parametrize(
    ("language", "typed", "circle"),
    [
        ("fr", "ami", "friend"),
        ("fr", "Amis", "friend"),
        ("fr", "amie", "friend"),
        ("en", "ami", "friend"),
        ("en", "friends", "friend"),
        ("fr", "friend", "friend"),
        ("fr", "ex-collègues", "former-colleague"),
        ("fr", "ex-collegue", "former-colleague"),
        ("en", "former colleague", "former-colleague"),
        ("en", "former-colleague", "former-colleague"),
        ("fr", "Famille", "family"),
        ("fr", "collègue", "colleague"),
        ("fr", "recruteur", "recruiter"),
        ("fr", "anciens élèves", "alumni"),
        ("fr", "connaissance", "acquaintance"),
        ("fr", "fournisseur", "supplier"),
    ],
)
def test_add_takes_a_circle_by_its_name_in_either_language(
    reseau: Shell, language: str, typed: str, circle: str
) -> None:
    reseau.ok("--lang", language, "add", "Camille Martin", "--circle", typed)

    [contact] = json.loads(reseau.ok("contacts", "--json"))
    assert contact["circle"] == circle


def test_contacts_show_the_circle_as_the_app_names_it(reseau: Shell) -> None:
    reseau.ok("add", "Camille Martin", "--circle", "ami")

    assert "amis" in reseau.ok("--lang", "fr", "contacts")
    assert "friend" in reseau.ok("contacts")


def test_an_unknown_circle_is_a_usage_error_listing_the_names(reseau: Shell) -> None:
    assert reseau("--lang", "fr", "add", "Camille", "--circle", "besties") == 2
    assert f"cercle «{NBSP}besties{NBSP}» inconnu{NBSP}; au choix{NBSP}: famille, amis" in (
        reseau.err
    )


# --- a person's name for their one due follow-up ------------------------------------


def test_done_by_name_acts_on_that_persons_single_due_item(
    reseau: Shell, db_path: Path, clock: FixedClock
) -> None:
    reseau.ok("add", "Camille Martin")
    reseau.ok("log", "camille", "--when", "hier 18h")

    reseau.ok("done", "camille", "--channel", "sms")

    assert reseau.err == "Done: Thank, Camille Martin.\n"
    assert reseau.due() == []
    [action] = Network(db_path, clock).state.actions.values()
    assert action.channel == "sms"


def test_snooze_by_name_says_until_when(reseau: Shell) -> None:
    reseau.ok("add", "Camille Martin")
    reseau.ok("log", "camille", "--when", "hier 18h")

    reseau.ok("--lang", "fr", "snooze", "Camille", "--until", "lundi")

    assert reseau.err == (
        f"Reporté au lundi 30 novembre 2026 à 10:00{NBSP}: Remercier, Camille Martin.\n"
    )
    [snoozed] = [i for i in reseau.due("--all") if i["kind"] == "thank"]
    assert (snoozed["state"], snoozed["snoozed_until"]) == ("snoozed", "2026-11-30T10:00:00+01:00")


def test_a_person_with_several_due_items_gets_the_list_of_their_ids(
    reseau: Shell, db_path: Path
) -> None:
    reseau.ok("add", "Camille Martin")
    reseau.ok("add", "Zoë N'Diaye", "--introduced-by", "camille")
    reseau.ok("log", "camille", "--when", "hier 12h")
    reseau.ok("log", "zoe", "--when", "hier 18h")  # Camille is owed a thank-you for Zoë too
    ids = sorted(i["id"] for i in reseau.due() if i["contact"] == "Camille Martin")
    assert len(ids) == 2
    before = db_path.read_bytes()

    for command in (["done", "camille"], ["snooze", "camille", "--until", "lundi"]):
        assert reseau(*command) == 1
        lines = reseau.err.splitlines()
        assert lines[0] == "reseau: Camille Martin has 2 follow-ups due; give one of their ids:"
        assert sorted(line.split()[0] for line in lines[1:]) == ids
        assert reseau.out == ""
    assert db_path.read_bytes() == before


def test_a_person_with_nothing_due_or_nobody_of_that_name_is_said_so(
    reseau: Shell, db_path: Path
) -> None:
    reseau.ok("add", "Camille Martin")
    reseau.ok("add", "Anne Roux")
    reseau.ok("log", "anne", "--when", "hier 18h")
    reseau.ok("done", "anne")
    before = db_path.read_bytes()

    assert reseau("done", "camille") == 1
    assert reseau.err == "reseau: Camille Martin has nothing due.\n"
    assert reseau("snooze", "anne", "--until", "lundi") == 1
    assert reseau.err == (
        "reseau: Anne Roux has nothing due; 1 follow-up is upcoming or snoozed (reseau due --all)\n"
    )
    assert reseau("done", "yann") == 1
    assert "no open follow-up has the id 'yann', and no contact has that name" in reseau.err
    assert db_path.read_bytes() == before


def test_an_ambiguous_name_lists_the_people(reseau: Shell) -> None:
    reseau.ok("add", "Anne Roux", "--company", "Airbus")
    reseau.ok("add", "Anne Petit")

    assert reseau("done", "anne") == 1
    assert "Anne Petit" in reseau.err and "Anne Roux (Airbus)" in reseau.err


def test_an_item_id_still_wins(reseau: Shell) -> None:
    reseau.ok("add", "Camille Martin")
    reseau.ok("add", "Zoë N'Diaye", "--introduced-by", "camille")
    reseau.ok("log", "camille", "--when", "hier 12h")
    reseau.ok("log", "zoe", "--when", "hier 18h")
    [thank] = [i for i in reseau.due() if i["contact"] == "Camille Martin" and i["kind"] == "thank"]

    reseau.ok("done", thank["id"][:8])

    assert thank["id"] not in {i["id"] for i in reseau.due()}


# --- --db before or after the command ------------------------------------------------


def test_db_is_taken_after_the_command_as_well_as_before(
    reseau: Shell, tmp_path: Path, db_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.json"

    camille = reseau.ok("add", "Camille Martin", "--db", str(elsewhere)).strip()
    reseau.ok("log", "camille", "--db", str(elsewhere), "--when", "hier 18h")

    assert not db_path.exists()  # RESEAU_DB was not touched
    after = json.loads(reseau.ok("due", "--json", "--db", str(elsewhere)))
    before = json.loads(reseau.ok("--db", str(elsewhere), "due", "--json"))
    assert [i["contact_id"] for i in after] == [i["contact_id"] for i in before] == [camille]
    assert json.loads(reseau.ok("contacts", "--json")) == []


def test_db_after_the_command_wins_over_the_one_before(reseau: Shell, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"

    reseau.ok("--db", str(first), "add", "Camille Martin", "--db", str(second))

    assert second.exists() and not first.exists()


def test_lang_is_taken_after_the_command_too(reseau: Shell) -> None:
    assert reseau("due", "--lang", "fr") == 0
    assert reseau.err == "Rien à faire. Vous êtes à jour.\n"


def test_every_channel_and_circle_has_names_that_lead_back_to_it_alone() -> None:
    from reseau_tui.domain.models import CHANNELS, CIRCLES
    from reseau_tui.i18n import LANGUAGES, set_language
    from reseau_tui.services.labels import (
        CHANNEL_WORDS,
        CIRCLE_WORDS,
        channel_from_text,
        channel_label,
        circle_from_text,
        circle_label,
    )

    assert set(CHANNEL_WORDS) == set(CHANNELS) and set(CIRCLE_WORDS) == set(CIRCLES)
    try:
        for language in LANGUAGES:
            set_language(language)
            for channel in CHANNELS:
                assert channel_from_text(channel_label(channel)) == channel
                assert channel_from_text(channel_label(channel).upper()) == channel
            for circle in CIRCLES:
                assert circle_from_text(circle_label(circle)) == circle
    finally:
        set_language("en")
