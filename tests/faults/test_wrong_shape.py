"""A record of the wrong shape, edited into a file reseau wrote: refused by name, never a crash.

Each file here starts as one the app wrote (contacts, a meeting with leads
and promises, decisions, a milestone, settings), then one value is changed
in its JSON as a hand edit or another program would: a date that does not
exist, a name that is a number, tags that are one string... Every command
that opens the file (`due`, `export json`, `export ics`, `forget`) and the
app say the file is damaged, naming the table, the record and the field;
the exit status is 1, no traceback, and the file keeps every byte.
"""

from __future__ import annotations

import copy
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.models import Settings, create_promise
from reseau_tui.services.network import Network
from reseau_tui.store import DamagedDatabase
from reseau_tui.store.files import fingerprint
from reseau_tui.store.layout import learn_layout
from reseau_tui.store.loader import LAZY_FROM
from reseau_tui.ui.app import ReseauApp
from tests.faults.support import large_database

Doc = dict[str, Any]


def write_network(path: Path, clock: FixedClock) -> dict[str, str]:
    """A file as the app writes it, with every kind of record; the ids of one of each."""
    n = Network(path, clock)
    ana = n.add_contact("Ana Lopes", company="Airbus", tags=("aero", "paris"), circle="friend")
    zoe = n.add_contact(
        "Zoë N'Diaye",
        introduced_by=ana.id,
        cadence_days=30,
        birthday="1990-05-17",
        connected=clock.now() - timedelta(days=400),
        familiar=True,
    )
    met = n.log_meeting(
        [zoe.id, ana.id],
        clock.now() - timedelta(days=3),
        note="Coffee: she knows everyone in aerospace",
        leads=("Léa at Thales",),
        promises=[
            create_promise("send her the article", due=(clock.now() + timedelta(days=2)).date()),
            create_promise("the job offer", by_me=False, contact_id=zoe.id),
        ],
    )
    queue = n.queue()
    thanks = [i for i in queue.items if i.kind == "thank"]
    done = n.decide(thanks[0], "done", channel="email", text="Thank you!")
    n.decide(thanks[1], "snoozed", until=clock.now() + timedelta(days=1))
    milestone = n.add_milestone("Signed with Airbus", clock.now())
    n.save_settings(Settings(snooze_days=5))
    n.commit()
    return {
        "contacts": zoe.id,
        "meetings": met.id,
        "actions": done.id,
        "milestones": milestone.id,
        "settings": "settings",
    }


@pytest.fixture
def base(db_path: Path, clock: FixedClock) -> tuple[Doc, dict[str, str]]:
    ids = write_network(db_path, clock)
    return orjson.loads(db_path.read_bytes()), ids


def edited(tables: Doc, table: str, record: str, field: str, value: Any) -> Doc:
    """The tables with one field of one record set to `value` (a path `a.0.b` goes inside)."""
    changed = copy.deepcopy(tables)
    target = changed[table][record]
    *inside, last = field.split(".")
    for step in inside:
        target = target[int(step)] if isinstance(target, list) else target[step]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return changed


NO_DATE = "2026-13-20T10:00:00+01:00"
NO_HOUR = "2026-11-20T24:00:00+01:00"
NO_OFFSET = "2026-11-20T10:00:00+99:00"

CASES = [
    # dates that do not exist, in every table that has one
    ("meetings", "when", NO_DATE),
    ("meetings", "when", NO_HOUR),
    ("meetings", "when", NO_OFFSET),
    ("meetings", "when", "2026-11-20T10:00:00"),
    ("contacts", "created", NO_DATE),
    ("contacts", "connected", NO_HOUR),
    ("actions", "at", NO_OFFSET),
    ("actions", "until", NO_DATE),
    ("milestones", "when", NO_HOUR),
    ("meetings", "promises.0.due", "2026-02-30"),
    # the wrong type
    ("contacts", "name", 42),
    ("contacts", "company", None),
    ("contacts", "notes", ["a", "list"]),
    ("contacts", "tags", "aero"),
    ("contacts", "tags", [1, 2]),
    ("contacts", "cadence_days", True),
    ("contacts", "cadence_days", 2.5),
    ("contacts", "archived", "yes"),
    ("contacts", "introduced_by", 7),
    ("contacts", "id", "someone else"),
    ("meetings", "leads", 1.5),
    ("meetings", "leads", "Léa at Thales"),
    ("meetings", "contact_ids", "Zoë"),
    ("meetings", "contact_ids", [1, 2]),
    ("meetings", "contact_ids", []),
    ("meetings", "note", 12),
    ("meetings", "promises", {"text": "send the article"}),
    ("meetings", "promises", ["send the article"]),
    ("meetings", "promises.0.by_me", "no"),
    ("meetings", "promises.0.text", None),
    ("meetings", "promises.1.contact_id", 3),
    ("meetings", "id", "another meeting"),
    ("actions", "item_id", 5),
    ("actions", "outcome", "forgotten"),
    ("actions", "text", 5),
    ("milestones", "text", 5),
    ("settings", "snooze_days", True),
    ("settings", "news_after_days", None),
    ("settings", "circle_cadences", {"friend": True}),
    ("settings", "circle_cadences", [90]),
    ("settings", "cadence:friend", 0),
    ("settings", "thank_introducers", "yes"),
    ("contacts", "birthday", "1990-13-40"),
    ("settings", "language", 5),
    ("settings", "signature_name", ["Zoë"]),
]
IDS = [f"{table}.{field}={value!r}"[:60] for table, field, value in CASES]


def shown_field(field: str, value: Any) -> str:
    """The field as the message names it: `promises[0].due`, `circle_cadences.friend`."""
    if field == "circle_cadences" and isinstance(value, dict):
        return f"{field}.{next(iter(value))}"
    first, *inside = field.split(".")
    return first + "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in inside)


def refused(err: str, table: str, record: str, field: str) -> None:
    """The message a user reads: damaged, which record of which table, which field."""
    assert "has a record of the wrong shape" in err, err
    assert f"{table}, record {record!r}, field '{field}" in err, err  # promises[0] or [0].due
    assert "It was not changed." in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("table", "field", "value"), CASES, ids=IDS)
def test_every_command_refuses_a_record_of_the_wrong_shape_by_name_and_keeps_the_file(
    base: tuple[Doc, dict[str, str]],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    table: str,
    field: str,
    value: Any,
) -> None:
    tables, ids = base
    data = orjson.dumps(edited(tables, table, ids[table], field, value))
    db_path.write_bytes(data)
    commands = [
        ["due"],
        ["due", "--all", "--json"],
        ["export", "json", "-o", str(tmp_path / "backup.json")],
        ["export", "ics", "-o", str(tmp_path / "follow-ups.ics")],
        ["forget", "Ana Lopes", "--yes"],
        ["contacts"],
    ]
    for argv in commands:
        capsys.readouterr()
        status = main(["--db", str(db_path), *argv])
        out, err = capsys.readouterr()
        assert status == 1, (argv, out, err)
        refused(err, table, ids[table], shown_field(field, value))
        assert db_path.read_bytes() == data, argv
    assert not (tmp_path / "backup.json").exists()
    assert not (tmp_path / "follow-ups.ics").exists()


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("meetings", "when", NO_DATE),
        ("contacts", "name", 42),
        ("meetings", "leads", 1.5),
        ("actions", "until", NO_OFFSET),
        ("settings", "circle_cadences", {"friend": True}),
    ],
)
def test_the_app_refuses_to_open_a_record_of_the_wrong_shape_and_keeps_the_file(
    base: tuple[Doc, dict[str, str]],
    db_path: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    table: str,
    field: str,
    value: Any,
) -> None:
    tables, ids = base
    data = orjson.dumps(edited(tables, table, ids[table], field, value))
    db_path.write_bytes(data)
    capsys.readouterr()

    assert ReseauApp.open(db_path, clock=clock) is None

    err = capsys.readouterr().err
    assert "has a record of the wrong shape" in err and f"record {ids[table]!r}" in err, err
    with pytest.raises(DamagedDatabase):
        Network(db_path, clock)
    assert db_path.read_bytes() == data


def test_the_refusal_says_how_to_keep_a_copy_of_everything_the_file_holds(
    base: tuple[Doc, dict[str, str]],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`export json` cannot make a backup of a damaged file: the message says what can."""
    tables, ids = base
    db_path.write_bytes(orjson.dumps(edited(tables, "meetings", ids["meetings"], "when", NO_DATE)))
    for backup in tmp_path.glob("reseau.json.bak-*"):
        backup.unlink()  # no readable backup either: the copy is the only way out
    capsys.readouterr()

    status = main(["--db", str(db_path), "export", "json", "-o", str(tmp_path / "out.json")])

    err = capsys.readouterr().err
    assert status == 1
    assert "no readable backup was found next to it." in err
    assert f"copy it (cp {db_path} {db_path}.copy)" in err
    assert "correct or remove that record in a text editor" in err


def test_every_record_the_app_writes_passes_the_checks(
    base: tuple[Doc, dict[str, str]], db_path: Path, clock: FixedClock
) -> None:
    """Not stricter than reseau itself: its own file, and the demo, open and work."""
    from reseau_tui.services.demo import write_demo_database

    network = Network(db_path, clock)
    assert network.queue().items
    demo = db_path.with_name("demo.json")
    write_demo_database(demo, clock)
    assert Network(demo, clock).queue().items


# --- the journal of a large file, parsed after the first frame ------------------------------


def _one_meeting_edited(path: Path, field: str, value: Any) -> None:
    """Another program's edit of one meeting, keeping the file's size (only its date moves)."""
    raw = path.read_bytes()
    tables = orjson.loads(raw)
    meeting = next(iter(tables["meetings"].values()))
    old = orjson.dumps({field: meeting[field]})[1:-1]
    new = orjson.dumps({field: value})[1:-1]
    assert len(old) == len(new) and raw.count(old) >= 1
    path.write_bytes(raw.replace(old, new, 1))


def test_a_large_file_whose_journal_is_left_for_later_is_still_checked_in_full(
    db_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its layout known, the journal could be parsed after the first frame: not unchecked."""
    large_database(db_path, clock, contacts=500, meetings=6_000)
    _one_meeting_edited(db_path, "when", NO_DATE)
    data = db_path.read_bytes()
    assert learn_layout(db_path, fingerprint(db_path), orjson.loads(data))  # as a run would
    assert os.path.getsize(db_path) > LAZY_FROM

    assert main(["--db", str(db_path), "due"]) == 1

    err = capsys.readouterr().err
    assert "has a record of the wrong shape" in err and "field 'when'" in err, err
    assert db_path.read_bytes() == data


def test_what_a_run_kept_of_a_file_does_not_vouch_for_it_once_another_program_edited_it(
    db_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file checked and scanned before is trusted as it was; edited since, it is checked again."""
    large_database(db_path, clock, contacts=500, meetings=6_000)
    assert main(["--db", str(db_path), "due"]) == 0  # checked, scanned, its findings kept
    assert main(["--db", str(db_path), "due"]) == 0  # trusted: its journal parsed later
    capsys.readouterr()
    _one_meeting_edited(db_path, "when", NO_HOUR)
    data = db_path.read_bytes()

    assert main(["--db", str(db_path), "due"]) == 1

    err = capsys.readouterr().err
    assert "has a record of the wrong shape" in err and "field 'when'" in err, err
    assert db_path.read_bytes() == data


# --- any value in any field ----------------------------------------------------------------

PLAUSIBLE = st.one_of(
    st.text(max_size=6),
    st.integers(0, 400),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=6), max_size=2),
    st.sampled_from(
        [NO_DATE, NO_HOUR, NO_OFFSET, "2026-11-26", "2026-11-26T10:00:00+01:00", "9999-12-31"]
    ),
)
VALUES = st.one_of(
    PLAUSIBLE,
    st.recursive(
        PLAUSIBLE | st.floats(allow_nan=False) | st.integers(-(2**40), 2**40),
        lambda inner: (
            st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2)
        ),
        max_leaves=4,
    ),
)
FIELDS = {
    "contacts": ["id", "name", "created", "company", "tags", "circle", "introduced_by",
                 "cadence_days", "archived", "familiar", "connected", "birthday", "notes"],
    "meetings": ["id", "when", "contact_ids", "channel", "note", "leads", "promises",
                 "promises.0", "promises.0.id", "promises.0.due", "promises.0.by_me",
                 "promises.1.contact_id", "promises.1.text"],
    "actions": ["id", "item_id", "outcome", "at", "until", "channel", "text"],
    "milestones": ["id", "text", "when"],
    "settings": ["snooze_days", "thank_overdue_hours", "news_after_days", "circle_cadences",
                 "cadence:friend", "latest:friend", "thank_introducers", "language",
                 "milestone_lookback_days"],
}  # fmt: skip
EDITS = st.sampled_from(sorted(FIELDS)).flatmap(
    lambda table: st.tuples(st.just(table), st.sampled_from(FIELDS[table]), VALUES)
)


@settings(
    max_examples=int(os.environ.get("RESEAU_FUZZ", "200")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(edit=EDITS)
def test_any_value_in_any_field_works_everywhere_or_is_refused_by_name(
    base: tuple[Doc, dict[str, str]],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: tuple[str, str, Any],
) -> None:
    tables, ids = base
    table, field, value = edit
    data = orjson.dumps(edited(tables, table, ids[table], field, value))
    db_path.write_bytes(data)
    capsys.readouterr()
    commands = [
        ["due", "--all", "--json"],
        ["contacts", "--json"],
        ["export", "json", "-o", str(tmp_path / "backup.json")],
        ["export", "ics", "-o", str(tmp_path / "follow-ups.ics")],
        ["export", "csv", "-o", str(tmp_path / "contacts.csv")],
        ["export", "vcard", "-o", str(tmp_path / "contacts.vcf")],
    ]
    statuses = []
    for argv in commands:
        statuses.append(main(["--db", str(db_path), *argv]))
        err = capsys.readouterr().err
        if statuses[-1] != 0:
            assert f"{table}, record {ids[table]!r}" in err, (argv, err)
        assert db_path.read_bytes() == data
    event("refused" if statuses[0] else "works")
    assert set(statuses) in ({0}, {1}), statuses  # all of them work, or all refuse
    if statuses[0] == 0:  # a file that works can be changed too
        assert main(["--db", str(db_path), "forget", "Ana Lopes", "--yes"]) == 0
        assert main(["--db", str(db_path), "due"]) == 0
