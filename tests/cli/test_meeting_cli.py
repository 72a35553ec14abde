"""`reseau meeting edit` and `reseau meeting delete`, as a user corrects the journal.

The clock is Thursday 26 November 2026, 10:00 in Paris. The queue follows each
correction: a moved date moves the open follow-ups, a follow-up done stays done,
a deleted meeting's open follow-ups go.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reseau_tui.domain import models
from reseau_tui.domain.clock import FixedClock
from tests.cli.support import Shell, on_fixed_clock


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    shell = Shell(capsys)
    shell.ok("add", "Camille Martin", "--company", "Airbus")
    shell.ok("add", "Zoë N'Diaye", "--introduced-by", "camille")
    return shell


def logged(reseau: Shell, *args: str) -> str:
    return reseau.ok("log", *args).strip()


def open_items(reseau: Shell) -> dict[tuple[str, str], dict[str, Any]]:
    """Every open follow-up (upcoming and snoozed too), by kind and person."""
    return {(i["kind"], i["contact"]): i for i in reseau.due("--all")}


class Terminal(io.StringIO):
    """What the user types at a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_new_date_moves_the_thank_you_and_keeps_its_id(reseau: Shell) -> None:
    meeting = logged(reseau, "zoe", "--when", "2026-11-24 15:00")
    before = open_items(reseau)[("thank", "Zoë N'Diaye")]
    assert (before["due"], before["state"]) == ("2026-11-24T15:00:00+01:00", "due")

    out = reseau.ok("meeting", "edit", meeting[:8], "--when", "2026-11-20 09:30")

    assert out.strip() == meeting
    assert "Edited the meeting of 20 November 2026 09:30 with Zoë N'Diaye." in reseau.err
    after = open_items(reseau)[("thank", "Zoë N'Diaye")]
    assert after["id"] == before["id"]
    assert after["due"] == "2026-11-20T09:30:00+01:00"
    assert after["overdue_at"] == "2026-11-22T09:30:00+01:00"
    assert after["state"] == "overdue"
    news = open_items(reseau)[("news", "Zoë N'Diaye")]
    assert news["due"].startswith("2027-02-18")  # 90 days after the new date


def test_a_thank_you_already_done_stays_done_when_the_date_moves(reseau: Shell) -> None:
    meeting = logged(reseau, "zoe,camille", "--when", "yesterday 15:00")
    reseau.ok("done", "zoe")  # Zoë is thanked; Camille, met too, is not yet
    assert ("thank", "Zoë N'Diaye") not in open_items(reseau)

    reseau.ok("meeting", "edit", meeting, "--when", "2026-11-23 11:00")

    items = open_items(reseau)
    assert ("thank", "Zoë N'Diaye") not in items
    assert items[("thank", "Camille Martin")]["due"] == "2026-11-23T11:00:00+01:00"


def test_deleting_a_meeting_takes_its_open_follow_ups_and_a_done_one_stays_done(
    reseau: Shell, tmp_path: Path
) -> None:
    with_camille = logged(reseau, "camille", "--when", "2026-11-20 10:00", "--promise", "a CV")
    reseau.ok("done", "camille")  # her thank-you: done
    with_zoe = logged(reseau, "zoe", "--when", "yesterday", "--promise", "send the article")
    assert {k for k in open_items(reseau) if k[1] == "Zoë N'Diaye"} == {
        ("thank", "Zoë N'Diaye"),
        ("news", "Zoë N'Diaye"),
        ("promise", "Zoë N'Diaye"),
    }

    reseau.ok("meeting", "delete", with_zoe, "--yes")

    assert "Deleted the meeting of 25 November 2026 10:00 with Zoë N'Diaye." in reseau.err
    items = open_items(reseau)
    assert not [k for k in items if k[1] == "Zoë N'Diaye"]
    assert ("thank-introducer", "Camille Martin") not in items  # nothing happened to thank for
    assert ("thank", "Camille Martin") not in items  # done, and still done
    assert ("promise", "Camille Martin") in items
    journal = json.loads(reseau.ok("journal", "--json"))
    assert [m["id"] for m in journal] == [with_camille]
    backup = tmp_path / "backup.json"
    reseau.ok("export", "json", "-o", str(backup))
    decisions = json.loads(backup.read_text(encoding="utf-8"))["actions"]
    assert [d["outcome"] for d in decisions] == ["done"]  # what was sent stays recorded


def test_deleting_asks_first_on_a_terminal(
    reseau: Shell, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    meeting = logged(reseau, "zoe", "--when", "yesterday", "--note", "Café")
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    before = db_path.read_bytes()

    assert reseau("meeting", "delete", meeting[:6]) == 1

    assert "Delete the meeting of 25 November 2026 10:00 with Zoë N'Diaye?" in reseau.err
    assert "Note: Café" in reseau.err  # what is about to go is shown first
    assert "Nothing was deleted." in reseau.err
    assert db_path.read_bytes() == before
    monkeypatch.setattr("sys.stdin", Terminal("oui\n"))
    reseau.ok("meeting", "delete", meeting[:6])
    assert json.loads(reseau.ok("journal", "--json")) == []


def test_deleting_without_a_terminal_needs_yes(reseau: Shell, db_path: Path) -> None:
    meeting = logged(reseau, "zoe", "--when", "yesterday")
    before = db_path.read_bytes()

    assert reseau("meeting", "delete", meeting) == 1

    assert "not deleted: asking first needs a terminal" in reseau.err
    assert "add --yes" in reseau.err
    assert db_path.read_bytes() == before


def test_who_was_met_can_be_corrected(reseau: Shell) -> None:
    meeting = logged(reseau, "camille", "--when", "yesterday", "--learned", "aero")
    assert ("thank", "Camille Martin") in open_items(reseau)

    reseau.ok("meeting", "edit", meeting, "--with", "zoe", "--channel", "visio")

    items = open_items(reseau)
    assert ("thank", "Camille Martin") not in items
    assert ("thank", "Zoë N'Diaye") in items
    assert ("thank-introducer", "Camille Martin") in items  # she introduced Zoë
    (entry,) = json.loads(reseau.ok("journal", "--json"))
    assert (entry["people"], entry["channel"], entry["learned"]) == (
        ["Zoë N'Diaye"],
        "video",
        "aero",
    )


def test_only_the_fields_given_change(reseau: Shell) -> None:
    meeting = logged(
        reseau, "zoe", "--when", "yesterday", "--note", "long chat", "--place", "Flore"
    )

    reseau.ok(
        "meeting", "edit", meeting, "--advice", "talk to Safran", "--place", "", "--learned", "ops"
    )

    (entry,) = json.loads(reseau.ok("journal", "--json"))
    assert entry["note"] == "long chat"
    assert entry["advice"] == "talk to Safran" and entry["learned"] == "ops"
    assert "place" not in entry  # emptied
    assert entry["when"] == "2026-11-25T10:00:00+01:00"


def test_a_refused_value_changes_nothing(reseau: Shell, db_path: Path) -> None:
    meeting = logged(reseau, "zoe", "--when", "yesterday")
    before = db_path.read_bytes()

    assert reseau("meeting", "edit", meeting, "--when", "someday", "--note", "x") == 1
    assert "when:" in reseau.err
    assert reseau("meeting", "edit", meeting, "--note", "bad\x00note") == 1
    assert "note: contains a NUL byte" in reseau.err
    assert reseau("meeting", "edit", meeting) == 1
    assert "nothing to change" in reseau.err
    assert reseau("meeting", "edit", meeting, "--with", "nobody") == 1
    assert "no contact matches 'nobody'" in reseau.err
    assert db_path.read_bytes() == before


@pytest.fixture
def close_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids that share their first 30 characters (they differ only at the end)."""
    counter: Iterator[int] = iter(range(1, 1000))
    base = uuid.UUID("abcdef01-2345-4678-9abc-def012345000").int
    monkeypatch.setattr(models, "_id_source", lambda: uuid.UUID(int=base + next(counter)))


def test_an_id_is_found_by_its_beginning_unless_several_share_it(
    close_ids: None, reseau: Shell
) -> None:
    first = logged(reseau, "zoe", "--when", "yesterday")
    second = logged(reseau, "camille", "--when", "yesterday")
    assert first[:30] == second[:30]

    assert reseau("meeting", "edit", first[:8], "--note", "x") == 1
    assert f"'{first[:8]}' begins several meeting ids" in reseau.err
    assert reseau("meeting", "delete", "zzzz", "--yes") == 1
    assert "no meeting has the id 'zzzz'" in reseau.err
    assert reseau("meeting", "delete", "abc", "--yes") == 1  # too short to be a beginning

    reseau.ok("meeting", "edit", first.upper(), "--note", "found")
    shown = reseau.ok("journal")
    assert f"{first}  " in shown and f"{second}  " in shown  # the whole id: no shorter one is
    assert json.loads(reseau.ok("journal", "--json", "found"))[0]["id"] == first


def test_french(reseau: Shell) -> None:
    meeting = logged(reseau, "zoe", "--when", "yesterday")
    assert reseau("--lang", "fr", "meeting", "delete", meeting) == 1
    assert "pas supprimée" in reseau.err and "--yes" in reseau.err
    reseau.ok("meeting", "edit", meeting, "--when", "hier 18h", "--lang", "fr")
    assert "Rencontre du 25 novembre 2026 18:00 avec Zoë N'Diaye modifiée." in reseau.err


def test_moving_a_meeting_before_the_first_does_not_thank_the_introducer_twice(
    reseau: Shell,
) -> None:
    reseau.ok("log", "zoe", "--when", "2026-11-24 10:00")
    (intro,) = [i for i in reseau.due() if i["kind"] == "thank-introducer"]
    reseau.ok("done", intro["id"])  # Camille thanked for introducing Zoë
    later = logged(reseau, "zoe", "--when", "2026-11-25 10:00")

    reseau.ok("meeting", "edit", later, "--when", "2026-11-20 10:00")  # now the first one

    assert ("thank-introducer", "Camille Martin") not in open_items(reseau)
    assert ("thank", "Zoë N'Diaye") in open_items(reseau)
