"""`reseau journal` and `reseau show`: looking things up from the shell.

The clock is Thursday 26 November 2026, 10:00 in Paris.
"""

from __future__ import annotations

import json

import pytest

from reseau_tui.domain.clock import FixedClock
from tests.cli.support import Shell, on_fixed_clock


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    shell = Shell(capsys)
    shell.ok("add", "Camille Martin", "--company", "Airbus", "--role", "Buyer")
    shell.ok("add", "Zoë N'Diaye", "--introduced-by", "camille", "--circle", "friend")
    shell.ok("add", "Léa Dubois", "--introduced-by", "zoe")
    return shell


def ids(reseau: Shell, *args: str) -> list[str]:
    return [m["id"] for m in json.loads(reseau.ok("journal", "--json", *args))]


def test_journal_finds_lefevre_in_a_note_that_says_lefevre_with_its_accent(reseau: Shell) -> None:
    found = reseau.ok("log", "zoe", "--when", "2026-11-20 10:00", "--note", "Dîner chez M. Lefèvre")
    reseau.ok("log", "camille", "--when", "2026-11-24 10:00", "--note", "Lefebvre, not him")

    assert ids(reseau, "lefevre") == [found.strip()]
    assert ids(reseau, "LEFÈVRE") == [found.strip()]
    listed = reseau.ok("journal", "lefevre")
    assert "Note: Dîner chez M. Lefèvre" in listed
    assert listed.startswith(found.strip()[:8] + "  20 November 2026 10:00 · coffee · Zoë N'Diaye")


def test_journal_searches_what_was_learned_advised_given_and_promised(reseau: Shell) -> None:
    learned = reseau.ok("log", "zoe", "--when", "-3d", "--learned", "Safran recrute").strip()
    advice = reseau.ok("log", "zoe", "--when", "-2d", "--advice", "Écrire à Thalès").strip()
    lead = reseau.ok("log", "camille", "--when", "-1d", "--lead", "Hélène at Dassault").strip()
    promise = reseau.ok("log", "camille", "--when", "-1h", "--promised-to-me", "un café").strip()

    assert ids(reseau, "safran") == [learned]
    assert ids(reseau, "ecrire thales") == [advice]  # every word, anywhere
    assert ids(reseau, "helene dassault") == [lead]
    assert ids(reseau, "cafe") == [promise]
    assert ids(reseau) == [promise, lead, advice, learned]  # newest first
    assert "They promised: un café" in reseau.ok("journal", "cafe")


def test_journal_with_someone_and_between_two_days_included(reseau: Shell) -> None:
    early = reseau.ok("log", "zoe", "--when", "2026-11-02 09:00").strip()
    mid = reseau.ok("log", "zoe,camille", "--when", "2026-11-10 23:30").strip()
    late = reseau.ok("log", "camille", "--when", "2026-11-20 08:00").strip()

    assert ids(reseau, "--with", "zoe") == [mid, early]
    assert ids(reseau, "--with", "camille", "--since", "2026-11-10") == [late, mid]
    assert ids(reseau, "--since", "2026-11-03", "--until", "2026-11-10") == [mid]
    assert ids(reseau, "--until", "2/11", "--lang", "fr") == [early]
    assert ids(reseau, "--since", "-7d") == [late]
    assert reseau("journal", "--with", "nobody") == 1
    assert "no contact matches 'nobody'" in reseau.err
    assert reseau("journal", "--since", "whenever") == 1
    reseau.ok("journal", "nothing like this")
    assert reseau.err.startswith("No meeting matches.")


def test_journal_json_is_the_meeting_as_stored_with_the_names(reseau: Shell) -> None:
    meeting = reseau.ok(
        "log", "zoe", "--when", "2026-11-25 18:00", "--channel", "call", "--place", "Toulouse",
        "--note", "n", "--learned", "l", "--advice", "a", "--lead", "Léa", "--promise", "p",
    ).strip()  # fmt: skip

    (entry,) = json.loads(reseau.ok("journal", "--json"))
    assert entry.pop("promises")[0]["text"] == "p"
    assert entry.pop("contact_ids") != []
    assert entry == {
        "id": meeting,
        "when": "2026-11-25T18:00:00+01:00",
        "channel": "call",
        "place": "Toulouse",
        "note": "n",
        "learned": "l",
        "advice": "a",
        "leads": ["Léa"],
        "people": ["Zoë N'Diaye"],
    }


def test_what_was_written_cannot_act_on_the_terminal(reseau: Shell) -> None:
    reseau.ok("log", "zoe", "--when", "-1d", "--note", "hello\x1b]0;pwned\x07\x1b[2J world\nnext")

    shown = reseau.ok("journal")
    assert "\x1b" not in shown and "\x07" not in shown
    assert "Note: hello�]0;pwned�[2J world next" in shown
    assert "\x1b" not in reseau.ok("show", "zoe")
    raw = json.loads(reseau.ok("journal", "--json"))[0]["note"]
    assert raw == "hello\x1b]0;pwned\x07\x1b[2J world\nnext"  # JSON: exactly as written


def test_journal_in_french(reseau: Shell) -> None:
    reseau.ok("log", "zoe", "--when", "2026-11-01 09:00", "--channel", "café", "--note", "x")

    shown = reseau.ok("--lang", "fr", "journal")
    assert "1er novembre 2026 09:00 · café · Zoë N'Diaye" in shown
    assert "Note\N{NO-BREAK SPACE}: x" in shown
    assert "1 rencontre." in reseau.err


def test_show_gives_the_brief_before_meeting_someone(reseau: Shell) -> None:
    reseau.ok(
        "log", "zoe", "--when", "2026-10-01 12:00", "--advice", "Talk to Safran",
        "--learned", "Airbus hires", "--promise", "send the article",
        "--promised-to-me", "an intro to Léa", "--promise-due", "2026-12-01",
    )  # fmt: skip
    reseau.ok(
        "log", "zoe", "--when", "2026-11-25 18:00", "--channel", "call", "--note", "short call"
    )
    reseau.ok("log", "zoe,camille", "--when", "2026-12-03 12:30", "--place", "Flore")  # planned
    reseau.ok("done", "zoe")  # the call's thank-you

    shown = reseau.ok("show", "zoe").splitlines()

    assert shown[0] == "Zoë N'Diaye"
    assert "    Circle: friend" in shown
    assert "Introduced by Camille Martin." in shown
    assert "Introduced you to Léa Dubois." in shown
    assert "Next meeting: 3 December 2026 12:30 (coffee)." in shown
    at = shown.index("2 meetings:")
    assert shown[at + 1].endswith("25 November 2026 18:00 · call")
    assert "        Note: short call" in shown
    assert "        Advice: Talk to Safran" in shown
    mine = shown.index("You promised:")
    assert shown[mine + 1] == "    send the article (upcoming, in 5 days)"
    theirs = shown.index("They promised you:")
    assert shown[theirs + 1] == "    an intro to Léa (upcoming, in 5 days)"
    follow = shown.index("Open follow-ups:")
    # The call's thank-you is done, the October coffee's has lapsed: their news is left.
    assert shown[follow + 1 :][:2] == [
        "    News (upcoming, in 4 weeks): coffee 1 October 2026",
        "    News (upcoming, in 2 months): call 25 November 2026",
    ]
    assert shown[-1] == (
        "Keep in touch every 90 days (overdue after 104): next due in 3 months (3 March 2027)."
    )


def test_show_json(reseau: Shell) -> None:
    meeting = reseau.ok("log", "camille", "--when", "-1d", "--promise", "a CV").strip()

    brief = json.loads(reseau.ok("show", "camille", "--json"))

    assert brief["contact"]["name"] == "Camille Martin"
    assert brief["introduced_by"] is None
    assert brief["introduced"] == [{"id": brief["introduced"][0]["id"], "name": "Zoë N'Diaye"}]
    assert [m["id"] for m in brief["meetings"]] == [meeting]
    assert brief["meetings"][0]["people"] == ["Camille Martin"]
    assert brief["meetings_count"] == 1 and brief["planned"] == []
    (promise,) = brief["promised_by_me"]
    assert (promise["text"], promise["meeting_id"], promise["state"]) == (
        "a CV",
        meeting,
        "upcoming",
    )
    assert promise["due"] == "2026-12-02T00:00:00+01:00"
    assert brief["promised_to_me"] == []
    assert sorted(i["kind"] for i in brief["followups"]) == ["news", "thank"]
    assert brief["keep_in_touch"] is None


def test_show_in_french_and_for_someone_unknown(reseau: Shell) -> None:
    reseau.ok("edit", "lea", "--birthday", "05-17")
    shown = reseau.ok("--lang", "fr", "show", "lea")
    assert "Contact obtenu grâce à Zoë N'Diaye." in shown
    assert "Anniversaire\N{NO-BREAK SPACE}: 17 mai" in shown
    assert reseau("show", "nobody") == 1
    assert "no contact matches 'nobody'" in reseau.err
