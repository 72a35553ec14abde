"""`reseau forget NAME`: a person erased from the network, and from the backups if asked."""

from __future__ import annotations

import io
import stat
from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.models import create_promise
from reseau_tui.services.network import Network
from reseau_tui.services.privacy import plan_forget
from reseau_tui.store.derived import derived_files
from reseau_tui.store.store import Store
from tests.store.support import backups_of


class People:
    """Zoë, introduced by Ana, met alone and with Camille; Hugo was introduced by Zoë."""

    def __init__(self, network: Network, clock: FixedClock) -> None:
        n = network
        self.ana = n.add_contact("Ana Lopes").id
        self.zoe = n.add_contact("Zoë N'Diaye", introduced_by=self.ana, cadence_days=30).id
        self.camille = n.add_contact("Camille Martin", company="Airbus").id
        self.hugo = n.add_contact("Hugo Bernard", introduced_by=self.zoe).id
        n.commit()
        clock.advance(days=40)
        self.alone = n.log_meeting(
            [self.zoe],
            n.now() - timedelta(days=2),
            note="Coffee: she knows everyone in aerospace",
            promises=[create_promise("send her the article")],
        ).id
        self.shared = n.log_meeting(
            [self.zoe, self.camille],
            n.now() - timedelta(days=1),
            note="Zoë brought Camille along",
            promises=[
                create_promise("share the deck"),
                create_promise("introduce her to Léa", contact_id=self.zoe),
                create_promise("send the job offer", by_me=False, contact_id=self.camille),
            ],
        ).id
        n.add_milestone("Signed with Airbus", n.now())
        queue = n.queue()

        def item(kind: str, person: str, meeting: str | None = None, text: str = "") -> str:
            return next(
                i.id
                for i in queue.items
                if i.kind == kind
                and i.contact_id == person
                and (meeting is None or i.meeting_id == meeting)
                and (not text or text in str(i.promise_id and self._promise(n, i.promise_id)))
            )

        n.decide(item("thank", self.zoe, self.alone), "done", text="Merci Zoë !")
        n.decide(item("thank-introducer", self.ana, self.alone), "done", text="Thanks for Zoë")
        n.decide(item("news", self.zoe), "dismissed")
        n.decide(item("keep-in-touch", self.zoe), "done")
        n.decide(item("promise", self.zoe, self.shared, "deck"), "done")
        n.decide(item("thank", self.camille, self.shared), "done", text="Thanks Camille")
        self.camille_thanks = next(
            a.id for a in n.state.actions.values() if a.text == "Thanks Camille"
        )
        clock.advance(days=31)
        round_two = next(
            i for i in n.queue().items if i.kind == "keep-in-touch" and i.contact_id == self.zoe
        )
        n.decide(round_two, "snoozed", until=n.now() + timedelta(days=3))
        n.commit()

    @staticmethod
    def _promise(network: Network, promise_id: str) -> str:
        for m in network.state.meetings.values():
            for p in m.promises:
                if p.id == promise_id:
                    return p.text
        return ""


@pytest.fixture
def people(network: Network, clock: FixedClock) -> People:
    return People(network, clock)


def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
    import contextlib
    import sys

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(list(args))
    finally:
        sys.stdin = old_stdin
    return status, out.getvalue(), err.getvalue()


def test_forget_erases_the_person_everywhere_and_says_what_it_removed(
    people: People, db_path: Path, clock: FixedClock
) -> None:
    zoe_actions = {
        a.id
        for a in Network(db_path, clock).state.actions.values()
        if a.id != people.camille_thanks
    }
    assert len(zoe_actions) == 6  # thank, introducer's thanks, news, 2 keep-in-touch, promise
    Network(db_path, clock).queue()  # a run that keeps what it found (her follow-ups' ids)
    assert derived_files(db_path)

    status, out, err = run("forget", "zoe", "--yes")
    assert not derived_files(db_path)

    assert status == 0, err
    raw = db_path.read_bytes()
    assert people.zoe.encode() not in raw
    state = Network(db_path, clock).state
    assert people.zoe not in state.contacts
    assert people.alone not in state.meetings  # she was the only one met
    shared = state.meetings[people.shared]
    assert shared.contact_ids == (people.camille,)
    assert [p.text for p in shared.promises] == ["share the deck", "send the job offer"]
    assert state.contacts[people.hugo].introduced_by is None
    assert set(state.actions) & zoe_actions == set()
    assert people.camille_thanks in state.actions
    # The deck was shared: that promise does not come back as owed by Camille now.
    owed = [i for i in Network(db_path, clock).queue().items if i.kind == "promise"]
    assert [i.promise_id for i in owed] == [shared.promises[1].id]
    assert out.splitlines()[0] == (
        "Forgot Zoë N'Diaye: the contact, 1 meeting with nobody else, their place in "
        "1 meeting with others, 1 promise, 6 follow-up decisions, 1 'introduced by' link."
    )
    assert "still appears in the text of 1 other record" in out  # "Zoë brought Camille"
    assert "older backups next to the database still hold them" in out
    assert f"reseau forget {people.zoe} --purge-backups" in out
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_forget_is_one_save_of_one_operation(people: People, network: Network) -> None:
    plan = plan_forget(network.state, people.zoe, network.clock.tz)
    assert plan.operation is not None
    network.apply(plan.operation)

    report = network.commit()

    assert report.saved == 1 and report.operations == [plan.operation]


def test_forget_asks_first_and_a_no_writes_nothing(people: People, db_path: Path) -> None:
    before = db_path.read_bytes()

    status, _out, err = run("forget", "Zoë", stdin="n\n")

    assert status == 1
    assert "Forget Zoë N'Diaye? This removes the contact, 1 meeting" in err
    assert "It cannot be undone. [y/N]" in err
    assert "Nothing was forgotten." in err
    assert db_path.read_bytes() == before

    status, _out, err = run("forget", "Zoë", stdin="")  # no answer at all (a script)
    assert status == 1 and db_path.read_bytes() == before

    status, _out, err = run("forget", "Zoë", stdin="y\n")
    assert status == 0
    assert people.zoe.encode() not in db_path.read_bytes()


def test_purge_backups_rewrites_them_without_the_person_and_keeps_them_private(
    people: People, db_path: Path, clock: FixedClock
) -> None:
    assert run("forget", "Zoë", "--yes")[0] == 0
    backups = backups_of(db_path)
    assert backups and any(people.zoe.encode() in b.read_bytes() for b in backups)
    folder = db_path.parent
    (folder / f".{db_path.name}.tmp-123-abcd").write_bytes(
        b"half a save naming " + people.zoe.encode()
    )

    status, out, err = run("forget", people.zoe, "--purge-backups", "--yes")

    assert status == 0, err
    assert "Zoë N'Diaye is no longer in the database." in out
    assert f"Rewrote {len(backups)} backups without them." in out
    assert backups_of(db_path) == backups  # same names, same dates
    for backup in backups:
        assert people.zoe.encode() not in backup.read_bytes()
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        tables = orjson.loads(backup.read_bytes())
        assert people.camille in tables["contacts"]  # everyone else is still there
    assert list(folder.glob(f".{db_path.name}.tmp-*")) == []


def test_purge_in_one_go_by_name(people: People, db_path: Path) -> None:
    status, out, err = run("forget", "Zoë N'Diaye", "--purge-backups", "--yes")

    assert status == 0, err
    for path in [db_path, *backups_of(db_path)]:
        assert people.zoe.encode() not in path.read_bytes()
    assert "older backup" not in out


def test_an_unreadable_backup_is_removed_and_said(people: People, db_path: Path) -> None:
    run("forget", "Zoë", "--yes")
    broken = backups_of(db_path)[0]
    broken.write_bytes(broken.read_bytes()[:50])

    status, out, _err = run("forget", people.zoe, "--purge-backups", "--yes")

    assert status == 0
    assert not broken.exists()
    assert "Removed 1 backup that could not be read (so not rewritten)." in out


def test_a_meeting_logged_with_them_while_forgetting_is_forgotten_too(
    people: People, db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another terminal saves between the moment forget reads the file and its save."""
    real_commit = Store.commit
    raced: list[str] = []

    def commit_after_another_writer(self: Store, now: object = None) -> object:
        if not raced:
            other = Network(db_path, clock)
            raced.append(other.log_meeting([people.zoe], note="Lunch, logged elsewhere").id)
            other.commit()
        return real_commit(self, now)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "commit", commit_after_another_writer)

    assert run("forget", "Zoë", "--yes")[0] == 0

    monkeypatch.undo()
    state = Network(db_path, clock).state
    assert raced and raced[0] not in state.meetings
    assert people.zoe.encode() not in db_path.read_bytes()


def test_an_unknown_name_is_refused(people: People, db_path: Path) -> None:
    before = db_path.read_bytes()
    status, _out, err = run("forget", "Nobody Atall", "--yes")
    assert status == 1
    assert "no contact matches 'Nobody Atall'" in err
    assert db_path.read_bytes() == before


def test_purge_backups_also_rewrites_merged_sync_copies(people: People, db_path: Path) -> None:
    copy = db_path.with_name("reseau.sync-conflict-20261126-101500-ABCDEFG.json")
    copy.write_bytes(db_path.read_bytes())
    assert run("sync")[0] == 0
    merged = copy.with_name(copy.name + ".merged")
    assert people.zoe.encode() in merged.read_bytes()

    status, _out, err = run("forget", "Zoë", "--purge-backups", "--yes")

    assert status == 0, err
    assert people.zoe.encode() not in merged.read_bytes()
    assert people.camille.encode() in merged.read_bytes()
    assert stat.S_IMODE(merged.stat().st_mode) == 0o600
