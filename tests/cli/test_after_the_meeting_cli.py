"""The after, from the shell: the introducer thanked once, old thank-yous lapsing."""

from __future__ import annotations

import pytest

from reseau_tui.domain.clock import FixedClock
from tests.cli.support import Shell, on_fixed_clock


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    return Shell(capsys)


def _kinds(items: list[dict[str, object]]) -> list[tuple[object, object]]:
    return sorted((i["kind"], i["contact"]) for i in items)


def test_the_introducer_is_thanked_once_not_after_every_later_meeting(
    reseau: Shell, clock: FixedClock
) -> None:
    reseau.ok("add", "Thomas Bernard")
    reseau.ok("log", "Zoë Martin", "--new", "--introduced-by", "thomas", "--when", "-2h")
    first = reseau.due()
    assert _kinds(first) == [("thank", "Zoë Martin"), ("thank-introducer", "Thomas Bernard")]
    for item in first:
        reseau.ok("done", str(item["id"]))
    clock.advance(days=7)
    reseau.ok("log", "zoe", "--note", "second coffee", "--when", "-1h")
    assert _kinds(reseau.due()) == [("thank", "Zoë Martin")]


def test_a_meeting_logged_long_after_owes_no_thank_you_that_has_lapsed(reseau: Shell) -> None:
    reseau.ok("add", "Thomas Bernard")
    reseau.ok("log", "Zoë Martin", "--new", "--introduced-by", "thomas", "--when", "-45d")
    assert reseau.due() == []  # not "43 days late" twice over
    kinds = {i["kind"] for i in reseau.due("--all")}
    assert "news" in kinds and not kinds & {"thank", "thank-introducer"}
