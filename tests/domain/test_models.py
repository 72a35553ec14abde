"""What the user types is checked once, at the boundary, with a message that says what to fix."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from reseau_tui.domain.codec import (
    action_from_doc,
    action_to_doc,
    contact_from_doc,
    contact_to_doc,
    meeting_from_doc,
    meeting_to_doc,
    milestone_from_doc,
    milestone_to_doc,
)
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import (
    Contact,
    create_action,
    create_contact,
    create_meeting,
    create_milestone,
    create_promise,
)

PARIS_WINTER = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS_WINTER)
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _refused(make: Any, *args: Any, **kwargs: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        make(*args, **kwargs)
    return caught.value


# --- contacts -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_contact_needs_a_name(name: str) -> None:
    error = _refused(create_contact, name, created=NOW)
    assert str(error) == "name: must not be empty"
    assert error.field == "name"


def test_unknown_circle_is_refused_with_the_known_ones() -> None:
    error = _refused(create_contact, "Camille Martin", created=NOW, circle="besties")
    assert error.field == "circle"
    assert "unknown circle 'besties'" in str(error)
    assert "former-colleague" in str(error)


def test_a_date_and_time_without_a_timezone_is_refused() -> None:
    error = _refused(create_contact, "Camille Martin", created=datetime(2026, 11, 26, 10, 0))
    assert str(error) == "created: needs a timezone (naive date and time)"


@pytest.mark.parametrize("year", [1, 1066, 1899, 2201, 9999])
def test_years_outside_1900_to_2200_are_refused(year: int) -> None:
    when = datetime(year, 6, 1, tzinfo=UTC)
    error = _refused(create_contact, "Camille Martin", created=when)
    assert str(error) == f"created: year {year} is outside 1900–2200"


@pytest.mark.parametrize("year", [1900, 2200])
def test_years_1900_and_2200_are_accepted(year: int) -> None:
    when = datetime(year, 6, 1, tzinfo=UTC)
    assert create_contact("Camille Martin", created=when).created == when


@pytest.mark.parametrize(
    "field", ["name", "company", "role", "email", "phone", "url", "notes", "birthday"]
)
def test_a_nul_byte_is_refused_in_every_text_field(field: str) -> None:
    fields: dict[str, Any] = {"name": "Camille Martin", field: "Cam\x00ille"}
    name = fields.pop("name")
    error = _refused(create_contact, name, created=NOW, **fields)
    assert str(error) == f"{field}: contains a NUL byte"


def test_a_nul_byte_in_a_tag_is_refused() -> None:
    error = _refused(create_contact, "Camille Martin", created=NOW, tags=("ok", "b\x00d"))
    assert str(error) == "tag: contains a NUL byte"


@pytest.mark.parametrize("text", ["\udcff", "Zo\ud800é", "\udfff end"])
def test_a_lone_surrogate_is_refused(text: str) -> None:
    error = _refused(create_contact, text, created=NOW)
    assert str(error) == "name: contains an invalid character (lone surrogate)"
    error = _refused(create_contact, "Camille Martin", created=NOW, notes=text)
    assert error.field == "notes"


@pytest.mark.parametrize(
    ("field", "length", "limit"),
    [("name", 301, "300"), ("company", 2_001, "2,000"), ("notes", 100_001, "100,000")],
)
def test_an_absurd_length_is_refused_with_the_limit(field: str, length: int, limit: str) -> None:
    fields = {"name": "Camille Martin", field: "x" * length}
    name = fields.pop("name")
    error = _refused(create_contact, name, created=NOW, **fields)
    assert str(error) == f"{field}: is too long ({length:,} characters; at most {limit})"


def test_the_longest_allowed_values_are_accepted() -> None:
    contact = create_contact("x" * 300, created=NOW, notes="y" * 100_000)
    assert len(contact.name) == 300
    assert len(contact.notes) == 100_000


@pytest.mark.parametrize("days", [0, -5, 3651])
def test_a_cadence_outside_one_day_to_ten_years_is_refused(days: int) -> None:
    error = _refused(create_contact, "Camille Martin", created=NOW, cadence_days=days)
    assert str(error) == "cadence: must be between 1 and 3650 days"


def test_a_name_is_kept_exactly_as_typed_apart_from_surrounding_spaces() -> None:
    contact = create_contact("  [/b] Zoë N'Diaye\u200d ", created=NOW)
    assert contact.name == "[/b] Zoë N'Diaye\u200d"


def test_tags_are_trimmed_deduplicated_and_empty_ones_dropped() -> None:
    contact = create_contact("Camille", created=NOW, tags=(" aero ", "aero", "", "  ", "paris"))
    assert contact.tags == ("aero", "paris")


def test_every_contact_gets_its_own_stable_string_id() -> None:
    ids = {create_contact("Camille Martin", created=NOW).id for _ in range(100)}
    assert len(ids) == 100
    assert all(UUID.match(i) for i in ids)


# --- meetings, promises, milestones, actions ------------------------------------


def test_a_meeting_needs_at_least_one_person() -> None:
    error = _refused(create_meeting, NOW, [])
    assert str(error) == "contacts: a meeting needs at least one person"


def test_a_meeting_on_an_unknown_channel_is_refused() -> None:
    error = _refused(create_meeting, NOW, ["c1"], channel="pigeon")
    assert "unknown channel 'pigeon'" in str(error)


def test_a_meeting_without_timezone_or_out_of_range_is_refused() -> None:
    assert _refused(create_meeting, datetime(2026, 11, 26, 9), ["c1"]).field == "when"
    error = _refused(create_meeting, datetime(2226, 11, 26, 9, tzinfo=UTC), ["c1"])
    assert str(error) == "when: year 2226 is outside 1900–2200"


def test_meeting_notes_with_a_nul_byte_or_a_lone_surrogate_are_refused() -> None:
    assert str(_refused(create_meeting, NOW, ["c1"], note="a\x00b")) == "note: contains a NUL byte"
    assert _refused(create_meeting, NOW, ["c1"], learned="\ud83d").field == "learned"
    assert _refused(create_meeting, NOW, ["c1"], leads=["ok", "b\x00d"]).field == "lead"


def test_a_promise_needs_text_and_a_due_date_in_range() -> None:
    assert str(_refused(create_promise, " ")) == "promise: must not be empty"
    error = _refused(create_promise, "Send the article", due=date(1850, 1, 1))
    assert str(error) == "promise due: year 1850 is outside 1900–2200"


def test_a_milestone_needs_text_and_a_timezone() -> None:
    assert str(_refused(create_milestone, "", NOW)) == "milestone: must not be empty"
    assert _refused(create_milestone, "New job", datetime(2026, 11, 26)).field == "when"


def test_a_snooze_needs_a_date_with_a_timezone() -> None:
    assert str(_refused(create_action, "thank:m1:c1", "snoozed", NOW)) == (
        "until: a snooze needs a date"
    )
    naive = datetime(2026, 12, 1, 9)
    assert _refused(create_action, "thank:m1:c1", "snoozed", NOW, until=naive).field == "until"
    assert _refused(create_action, "thank:m1:c1", "forgotten", NOW).field == "outcome"


# --- storage form -------------------------------------------------------------------


def test_a_contact_is_stored_with_iso_instants_and_only_the_fields_that_are_set() -> None:
    contact = create_contact("[/b] Zoë N'Diaye", created=NOW, company="Thales", tags=("aero",))

    doc = contact_to_doc(contact)

    assert doc == {
        "id": contact.id,
        "name": "[/b] Zoë N'Diaye",
        "created": "2026-11-26T10:00:00+01:00",
        "company": "Thales",
        "tags": ["aero"],
    }
    assert contact_from_doc(doc) == contact


def test_every_record_reads_back_as_it_was_written() -> None:
    contact = create_contact(
        "Camille Martin",
        created=NOW,
        company="Airbus",
        role="Engineer",
        email="camille@example.org",
        phone="+33 6 12 34 56 78",
        url="https://www.linkedin.com/in/camille",
        circle="former-colleague",
        tags=("aero", "toulouse"),
        notes="Met at the alumni evening",
        introduced_by="someone",
        cadence_days=45,
        archived=True,
        familiar=True,
        connected=NOW - timedelta(days=400),
        birthday="--03-14",
    )
    promise = create_promise("Send the article", due=date(2026, 12, 3), contact_id=contact.id)
    meeting = create_meeting(
        NOW,
        [contact.id],
        channel="video",
        place="Café de Flore",
        note="Long chat",
        learned="Airbus hires",
        advice="Talk to Safran",
        leads=["Léa at Safran"],
        promises=[promise],
    )
    milestone = create_milestone("Started a training", NOW)
    action = create_action(
        "thank:m1:c1", "snoozed", NOW, until=NOW + timedelta(days=3), channel="email", text="Hi"
    )

    assert contact_from_doc(contact_to_doc(contact)) == contact
    assert meeting_from_doc(meeting_to_doc(meeting)) == meeting
    assert milestone_from_doc(milestone_to_doc(milestone)) == milestone
    assert action_from_doc(action_to_doc(action)) == action
    assert meeting_to_doc(meeting)["when"] == "2026-11-26T10:00:00+01:00"


def test_every_field_of_a_contact_comes_back_from_its_document() -> None:
    """The decoder sets the fields in their declared order: a field added, moved or left
    out would land in another's place, and this comparison would see it."""
    from dataclasses import fields

    paris = timezone(timedelta(hours=1))
    values: dict[str, Any] = {
        "id": "c1",
        "name": "Zoé N'Diaye",
        "created": datetime(2024, 3, 1, 9, 30, tzinfo=paris),
        "circle": "friend",
        "tags": ("hiking", "rust"),
        "introduced_by": "c0",
        "cadence_days": 45,
        "archived": True,
        "familiar": True,
        "connected": datetime(2020, 1, 2, 8, 0, tzinfo=paris),
        "birthday": "--05-17",
        "card_extra": ("X-FOO:bar",),
    }
    for f in fields(Contact):
        values.setdefault(f.name, f"{f.name} value")
    contact = Contact(**values)
    assert contact_from_doc(contact_to_doc(contact)) == contact
