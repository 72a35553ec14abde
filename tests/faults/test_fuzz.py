"""Fuzzing the boundaries: WHEN words, the command line, and the database file itself.

- WHEN: any text gives an instant (aware, years 1900-2200) or `InvalidInput`.
- The command line: random argument lists, built from the parser's own
  commands and options and random values, go through `main` in this process:
  exit status 0, 1 or 2 (argparse's usage errors), never an uncaught exception.
- The loader: random bytes, and random JSON shaped like a reseau file, as the
  database: `DamagedDatabase`, or a network whose contacts, journal and queue
  can all be shown; either way the file's bytes are left exactly as they were.

The importers are fuzzed in tests/io/test_fuzz.py.
"""

from __future__ import annotations

import argparse
import io
import os
import string
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from reseau_tui.cli import main as cli_main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.when import parse_when
from reseau_tui.services.desktop import System
from reseau_tui.services.network import Network
from reseau_tui.services.overview import contact_rows, journal
from reseau_tui.store import DamagedDatabase
from tests.faults.support import hostile_strings

FUZZ = settings(
    max_examples=int(os.environ.get("RESEAU_FUZZ", "300")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# --- WHEN -------------------------------------------------------------------------------

WHEN_WORDS = st.sampled_from(
    ["now", "today", "yesterday", "tomorrow", "hier", "demain", "avant-hier", "après-demain",
     "aujourd'hui", "maintenant", "+", "-", "d", "w", "j", "s", "h", "T", ":", " ", "Z",
     "+01:00", "2026", "-11", "-26", "99999", "0", "00", ".", "\u00a0", "\x00"]
)  # fmt: skip
WHEN_TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(WHEN_WORDS, max_size=8).map("".join),
    st.builds(
        lambda sign, n, unit, pad: f"{pad}{sign}{n}{unit}{pad}",
        st.sampled_from(["+", "-", ""]),
        st.integers(min_value=0, max_value=10**7),
        st.sampled_from("dwjshDWJSHmy"),
        st.sampled_from(["", " ", "  "]),
    ),
    st.datetimes(
        min_value=datetime(1, 1, 1),
        max_value=datetime(9999, 12, 31),
    ).map(lambda d: d.isoformat(sep=st_sep(d))),
)
ZONES = st.sampled_from(["Europe/Paris", "UTC", "America/St_Johns", "Pacific/Kiritimati",
                         "Australia/Lord_Howe", "America/Sao_Paulo"])  # fmt: skip


def st_sep(d: datetime) -> str:
    return "T" if d.microsecond % 2 else " "


@FUZZ
@given(
    text=WHEN_TEXT,
    zone=ZONES,
    offset=st.integers(min_value=-(10**6), max_value=10**6),
)
def test_when_gives_an_instant_or_a_clear_refusal(text: str, zone: str, offset: int) -> None:
    tz = pendulum.timezone(zone)
    now = pendulum.instance(datetime(2026, 3, 29, 1, 30, tzinfo=UTC) + timedelta(minutes=offset))
    try:
        when = parse_when(text, now.in_timezone(tz), tz)
    except InvalidInput as exc:
        assert exc.field == "when"
        return
    assert when.tzinfo is not None and when.utcoffset() is not None
    assert 1900 <= when.year <= 2200


# --- the command line ---------------------------------------------------------------------


def _vocabulary() -> list[str]:
    """Every command and option the parser knows, read from the parser itself."""
    parser = cli_main.build_parser()
    words = {"--", "-", "-h"}
    for action in parser._actions:
        words.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words.add(name)
                for sub_action in sub._actions:
                    words.update(sub_action.option_strings)
                    if sub_action.choices:
                        words.update(str(c) for c in sub_action.choices)
    return sorted(words)


SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="/\\~\x00"),
    max_size=12,
)
VALUES = st.one_of(
    SAFE_TEXT,
    st.sampled_from(
        [
            "Camille",
            "zoe",
            "now",
            "+3d",
            "-2d",
            "2026-11-26",
            "json",
            "csv",
            "vcard",
            "linkedin",
            "ics",
            "mine",
            "theirs",
            "th-0000",
            "0",
            "-1",
            "99999",
            "db.json",
            "out.csv",
            "en",
            "fr",
        ]
    ),
    st.sampled_from([s for s in hostile_strings() if len(s) < 100]),
)


@pytest.fixture
def shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Any:
    """main() in this process, with an empty stdin, no TUI, and a working folder of its own."""
    import reseau_tui.ui.launch

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(reseau_tui.ui.launch, "run_app", lambda *a, **k: 0)
    # Nothing reaches the desktop or the network: `remind` finds no program to run
    # (no notify-send, no systemctl), `serve` cannot listen.
    nowhere = System(which=lambda _: None, run=_never_run)
    monkeypatch.setattr("reseau_tui.cli.remind.system", lambda: nowhere)
    monkeypatch.setattr("reseau_tui.ui.web.start", _cannot_listen)
    for argv in (["add", "Camille Martin"], ["log", "Camille", "--note", "Coffee"]):
        assert cli_main.main(argv) == 0

    def run(argv: list[str]) -> int:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
        try:
            status = cli_main.main(argv)
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
        capsys.readouterr()
        return status

    return run


@FUZZ
@given(argv=st.lists(st.one_of(st.sampled_from(_vocabulary()), VALUES), max_size=8))
def test_any_command_line_ends_with_0_1_or_2(shell: Any, argv: list[str]) -> None:
    assert _expected(argv, shell(argv)), argv


def _never_run(command: object) -> tuple[int, str]:
    raise AssertionError(f"a fuzzed command ran {command}")


async def _cannot_listen(server: object) -> object:
    raise OSError(98, "Address already in use")


def _expected(argv: list[str], status: int) -> bool:
    """0, 1 or 2; and 3 for `reseau remind`, which says so when something became due."""
    return status in (0, 1, 2) or (status == 3 and "remind" in argv)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli_main.build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command with some of its own options, each with a fitting or a random value."""
    name = draw(st.sampled_from(sorted(_subcommands())))
    argv = [name]
    for action in _subcommands()[name]._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if action.option_strings and not draw(st.integers(0, 2)):
            continue  # an option left out, two times in three
        if action.option_strings:
            argv.append(draw(st.sampled_from(action.option_strings)))
        if action.nargs != 0:
            choices = [str(c) for c in action.choices or ()]
            argv.append(draw(st.sampled_from(choices) if choices else VALUES))
    noise = draw(st.lists(st.one_of(st.sampled_from(_vocabulary()), VALUES), max_size=2))
    at = draw(st.integers(0, len(argv)))
    return argv[:at] + noise + argv[at:]


@FUZZ
@given(argv=command_lines())
def test_every_command_with_any_arguments_ends_with_0_1_or_2(shell: Any, argv: list[str]) -> None:
    status = shell(argv)
    event(f"{argv[0]}: exit {status}")
    assert _expected(argv, status), argv


# --- the loader ---------------------------------------------------------------------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
INSTANT = st.one_of(
    st.sampled_from(
        [
            "2026-11-26T10:00:00+01:00",
            "2026-11-26",
            "2026-11-26T10:00:00",
            "0001-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59-12:00",
            "",
            "now",
        ]
    ),
    JSON,
)
IDS = st.sampled_from(["c1", "c2", "zz"])


def _records(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, dict[str, Any]]]:
    record = st.fixed_dictionaries({"id": st.sampled_from(["c1", "c2", "m1"])}, optional=fields)
    return st.lists(record, max_size=3).map(lambda rs: {r["id"]: r for r in rs})


PROMISE = st.fixed_dictionaries(
    {"id": st.just("p1"), "text": JSON},
    optional={"due": INSTANT, "by_me": JSON, "contact_id": st.one_of(IDS, JSON)},
)
SHAPED = st.fixed_dictionaries(
    {},
    optional={
        "contacts": _records(
            {
                "name": st.one_of(st.text(max_size=8), JSON),
                "created": INSTANT,
                "introduced_by": st.one_of(IDS, JSON),
                "cadence_days": JSON,
                "tags": JSON,
                "circle": JSON,
                "archived": JSON,
                "connected": INSTANT,
                "birthday": JSON,
            }
        ),
        "meetings": _records(
            {
                "when": INSTANT,
                "contact_ids": st.one_of(st.lists(IDS, max_size=3), JSON),
                "channel": JSON,
                "note": JSON,
                "leads": JSON,
                "promises": st.one_of(st.lists(PROMISE, max_size=2), JSON),
            }
        ),
        "actions": _records(
            {
                "item_id": JSON,
                "outcome": st.one_of(st.sampled_from(["done", "snoozed", "dismissed"]), JSON),
                "at": INSTANT,
                "until": INSTANT,
                "text": JSON,
            }
        ),
        "milestones": _records({"text": JSON, "when": INSTANT}),
        "settings": st.dictionaries(
            st.just("settings"),
            st.dictionaries(
                st.sampled_from(
                    ["thank_overdue_hours", "news_after_days", "snooze_days", "circle_cadences"]
                ),
                JSON,
            ),
        ),
        "meta": st.one_of(JSON, st.just({"schema": {"schema_version": 1}})),
    },
)
DATABASE = st.one_of(
    st.binary(max_size=300),
    SHAPED.map(orjson.dumps),
    st.builds(lambda d, cut: orjson.dumps(d)[:cut], SHAPED, st.integers(0, 400)),
    JSON.map(orjson.dumps),
)


@FUZZ
@given(data=DATABASE)
@example(  # found by this test: loaded, then the queue overflowed shifting year 9999
    data=b'{"milestones":{"s":{"id":"s","text":"","when":"9999-12-31T23:49:00-12:00"}}}'
)
@example(  # found by this test: a circle that is a list broke the keep-in-touch cadence
    data=b'{"contacts":{"c":{"id":"c","name":"","created":"2024-11-20T00:14:00+01:00",'
    b'"circle":[],"cadence_days":null}}}'
)
@example(data=b'{"meetings":{"m":{"id":"m","when":"2026-11-26T10:00:00","contact_ids":["c"]}}}')
def test_any_file_loads_as_a_network_or_is_refused_and_is_never_changed(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "fuzzed.json"
    path.write_bytes(data)
    clock = FixedClock.at("2026-11-26T10:00:00")
    try:
        network = Network(path, clock)
    except DamagedDatabase as exc:
        event("refused")
        assert str(path) in str(exc)
    else:
        event("loaded")
        # Loaded: everything the app shows first can be built from it.
        state = network.state
        queue = network.queue()
        contact_rows(state, queue, "urgency")
        journal(state)
        network.search("a")
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fuzzed.json"]


def test_the_vocabulary_knows_every_command() -> None:
    words = set(_vocabulary())
    assert {"add", "log", "due", "forget", "sync", "--db", "--take", "--purge-backups"} <= words
    assert not any(c in w for w in words for c in string.whitespace)
