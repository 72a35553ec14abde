"""A reseau stopped while saving (ctrl+z) makes others wait a little, then say who holds the file.

The holder here is another process that took the commit lock and keeps it;
the wait is shortened to a fraction of a second (`files.LOCK_WAIT`).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import SaveError, files
from tests.store.support import snapshot

HOLDER = Path(__file__).with_name("lock_holder.py")
GIVE_UP = "20"  # seconds after which the holder lets go by itself, if a test never says so


class Holder:
    """Another reseau holding the commit lock of a database until `release()`."""

    def __init__(self, db: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HOLDER), str(db), GIVE_UP],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "held\n"
        self.pid = self.process.pid

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("go\n")
            self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "LOCK_WAIT", 0.2, raising=False)


@pytest.fixture
def holder(db_path: Path, clock: FixedClock) -> Iterator[Holder]:
    network = Network(db_path, clock)
    network.add_contact("Camille Martin")
    network.commit()
    held = Holder(db_path)
    try:
        yield held
    finally:
        held.release()


@pytest.mark.usefixtures("short_wait")
def test_a_commit_gives_up_naming_the_holder_and_keeps_the_change(
    db_path: Path, clock: FixedClock, holder: Holder
) -> None:
    network = Network(db_path, clock)
    network.add_contact("Zoë N'Diaye")
    before = snapshot(db_path)

    with pytest.raises(SaveError) as caught:
        network.commit()

    assert f"another reseau (pid {holder.pid}) is saving this file" in str(caught.value)
    assert snapshot(db_path) == before
    assert network.store.pending == 1
    holder.release()
    assert network.commit().saved == 1  # the next try, once the other one is done
    assert {c.name for c in Network(db_path, clock).state.contacts.values()} == {
        "Camille Martin",
        "Zoë N'Diaye",
    }


@pytest.mark.usefixtures("short_wait")
def test_a_shell_command_exits_1_saying_who_holds_the_file(
    db_path: Path, holder: Holder, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(db_path)

    code = main(["--db", str(db_path), "add", "Zoë N'Diaye"])

    err = capsys.readouterr().err
    assert code == 1
    assert f"another reseau (pid {holder.pid}) is saving this file" in err
    assert "Nothing was written." in err
    assert snapshot(db_path) == before


@pytest.mark.usefixtures("short_wait")
def test_the_holder_is_named_in_french_too(
    db_path: Path, holder: Holder, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", str(db_path), "--lang", "fr", "add", "Zoë N'Diaye"])

    err = capsys.readouterr().err
    assert code == 1
    assert f"un autre reseau (pid {holder.pid}) enregistre ce fichier" in err
