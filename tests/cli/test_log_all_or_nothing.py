"""`reseau log --new` with a bad field: the new person is not created, in memory or on disk.

Run in this process, the way `reseau` runs it, so what the command left in
memory can be seen too: nothing applied, nothing waiting to be saved.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from reseau_tui.cli.context import Context
from reseau_tui.cli.main import build_parser, main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.services.network import Network
from reseau_tui.store import CommitReport


@pytest.fixture
def camille(db_path: Path, clock: FixedClock) -> str:
    network = Network(db_path, clock)
    contact_id = network.add_contact("Camille Martin").id
    network.commit()
    return contact_id


def run(db_path: Path, *args: str) -> Context:
    """`reseau --db DB ARGS` on a context the test keeps."""
    parsed = build_parser().parse_args(["--db", str(db_path), *args])
    ctx = Context(db_path)
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        parsed.handler(ctx, parsed)
    return ctx


@pytest.mark.parametrize(
    "bad", [["--lead", "x" * 2_001], ["--promise", " "], ["--place", "x" * 2_001]]
)
def test_log_new_with_a_bad_field_creates_nobody(
    db_path: Path, clock: FixedClock, camille: str, bad: list[str]
) -> None:
    before = db_path.read_bytes()
    ctx = Context(db_path)
    parsed = build_parser().parse_args(
        ["--db", str(db_path), "log", "Inès Garnier", "--new", "--introduced-by", "camille", *bad]
    )
    with pytest.raises(InvalidInput):
        parsed.handler(ctx, parsed)
    assert [c.name for c in ctx.network.state.contacts.values()] == ["Camille Martin"]
    assert ctx.network.store.pending == 0
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        assert main(["--db", str(db_path), "log", "Inès Garnier", "--new", *bad]) == 1
    assert err.getvalue()
    assert db_path.read_bytes() == before


def test_log_new_is_one_operation(
    db_path: Path, clock: FixedClock, camille: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports: list[CommitReport] = []
    real = Context.commit

    def commit(ctx: Context) -> CommitReport:
        reports.append(real(ctx))
        return reports[-1]

    monkeypatch.setattr(Context, "commit", commit)
    run(
        db_path,
        "log",
        "Inès Garnier,camille",
        "--new",
        "--introduced-by",
        "camille",
        "--promise",
        "send my CV",
    )
    ((operation,),) = [r.operations for r in reports]
    assert sorted(ch.table for ch in operation.changes) == ["contacts", "meetings"]
    state = Network(db_path, clock).state
    (ines,) = [c for c in state.contacts.values() if c.name == "Inès Garnier"]
    assert ines.introduced_by == camille
    (meeting,) = state.meetings.values()
    assert set(meeting.contact_ids) == {ines.id, camille}
    assert [p.text for p in meeting.promises] == ["send my CV"]
