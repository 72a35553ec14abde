"""`reseau remind`, as a timer runs it: each follow-up told once, exit 3 when something was.

The desktop is a fake (`FakeSystem`): the tests see the notification and the
commands reseau would run, and never run `notify-send`, `systemctl` or
`launchctl`. HOME and the XDG folders are the test's own (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import plistlib
import stat
from collections.abc import Sequence
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.locations import reminded_file
from reseau_tui.store.derived import database_prefix
from tests.cli.support import Shell, on_fixed_clock


class FakeSystem:
    """A platform with the programs it is told of; records what it was asked to run."""

    def __init__(self, platform: str = "linux", programs: Sequence[str] = (), status: int = 0):
        self.platform = platform
        self.programs = set(programs)
        self.status = status
        self.ran: list[list[str]] = []

    def __call__(self) -> FakeSystem:  # stands for the `System` factory
        return self

    def which(self, program: str) -> str | None:
        return f"/usr/bin/{program}" if program in self.programs else None

    def has(self, program: str) -> bool:
        return program in self.programs

    def run(self, command: Sequence[str]) -> tuple[int, str]:
        self.ran.append(list(command))
        return self.status, "" if self.status == 0 else "Failed to connect to bus"

    def notifications(self) -> list[list[str]]:
        return [c for c in self.ran if c[0] in ("notify-send", "osascript")]


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> FakeSystem:
    fake = FakeSystem(programs=["notify-send", "systemctl"])
    monkeypatch.setattr("reseau_tui.cli.remind.system", fake)
    return fake


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    return Shell(capsys)


def test_a_thank_you_is_told_once_then_not_again(
    reseau: Shell, desktop: FakeSystem, clock: FixedClock
) -> None:
    reseau.ok("log", "Zoë N'Diaye", "--new", "--when", "-1h")
    assert reseau("remind") == 3
    assert "Zoë N'Diaye" in reseau.out and "thank" in reseau.out.lower()
    [sent] = desktop.notifications()
    assert sent[:3] == ["notify-send", "--app-name=reseau", "--"]
    assert sent[3] == "reseau: 1 follow-up became due"
    assert "Zoë N'Diaye" in sent[4]
    clock.advance(hours=1)
    assert reseau("remind") == 0
    assert reseau.out == ""
    assert len(desktop.notifications()) == 1
    clock.advance(days=3)  # now overdue: still the same follow-up, already told
    assert reseau("remind") == 0
    assert len(desktop.notifications()) == 1


def test_only_what_became_due_since_the_last_run_is_told(
    reseau: Shell, desktop: FakeSystem, clock: FixedClock
) -> None:
    reseau.ok("log", "Zoë N'Diaye", "--new", "--when", "-1h")
    assert reseau("remind") == 3
    reseau.ok("log", "Yann Le Goff", "--new", "--when", "-1h")
    assert reseau("remind") == 3
    assert "Yann Le Goff" in reseau.out
    assert "Zoë" not in reseau.out
    assert "Yann Le Goff" in desktop.notifications()[-1][4]


def test_a_follow_up_back_from_a_snooze_is_told_again(
    reseau: Shell, desktop: FakeSystem, clock: FixedClock
) -> None:
    reseau.ok("log", "Zoë N'Diaye", "--new", "--when", "-1h")
    assert reseau("remind") == 3
    reseau.ok("snooze", "zoe", "--until", "+2d")
    clock.advance(days=1)
    assert reseau("remind") == 0
    clock.advance(days=2)
    assert reseau("remind") == 3
    assert "Zoë N'Diaye" in reseau.out


def test_json_lists_what_became_due_and_shows_no_notification(
    reseau: Shell, desktop: FakeSystem
) -> None:
    reseau.ok("log", "Zoë N'Diaye", "--new", "--when", "-1h", "--learned", "les achats")
    assert reseau("remind", "--json") == 3
    [item] = json.loads(reseau.out)
    assert (item["kind"], item["contact"], item["state"]) == ("thank", "Zoë N'Diaye", "due")
    assert "les achats" in item["draft"]
    assert desktop.notifications() == []
    assert reseau("remind", "--json") == 0
    assert json.loads(reseau.out) == []


def test_with_no_desktop_it_is_told_on_standard_output(
    reseau: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = FakeSystem(programs=[])  # a server reached over SSH: no notify-send
    monkeypatch.setattr("reseau_tui.cli.remind.system", bare)
    reseau.ok("log", "Zoë N'Diaye", "--new", "--when", "-1h")
    assert reseau("remind") == 3
    assert "Zoë N'Diaye" in reseau.out
    assert bare.ran == []


def test_names_reach_the_notification_as_text_not_markup(
    reseau: Shell, desktop: FakeSystem
) -> None:
    reseau.ok("log", "Zoë <b>&amp;</b>", "--new", "--when", "-1h")
    assert reseau("remind") == 3
    body = desktop.notifications()[0][4]
    assert "Zoë &lt;b&gt;&amp;amp;&lt;/b&gt;" in body


def test_on_macos_the_notification_takes_the_names_as_arguments(
    reseau: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    mac = FakeSystem(platform="darwin", programs=["osascript"])
    monkeypatch.setattr("reseau_tui.cli.remind.system", mac)
    reseau.ok("log", 'Zoë "N\'Diaye"', "--new", "--when", "-1h")
    assert reseau("remind") == 3
    [sent] = mac.notifications()
    script = " ".join(sent[1:-2])
    assert "Zoë" not in script  # the names are not in the script, only after it
    assert 'Zoë "N\'Diaye"' in sent[-1]


def test_what_was_told_is_kept_private_beside_the_findings(
    reseau: Shell, desktop: FakeSystem, db_path: Path
) -> None:
    reseau.ok("log", "Zoë N'Diaye", "--new", "--when", "-1h")
    assert reseau("remind") == 3
    kept = reminded_file(database_prefix(db_path.resolve()))
    assert kept.exists()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert "Zoë" not in kept.read_text()  # ids and instants, no names


def test_help_documents_the_exit_statuses(reseau: Shell) -> None:
    assert reseau("remind", "--help") == 0
    assert "0 when nothing became due, 3 when something did" in " ".join(reseau.out.split())


# --- --install and --uninstall ------------------------------------------------------------


def test_install_writes_a_systemd_user_timer_in_the_home_and_turns_it_on(
    reseau: Shell, desktop: FakeSystem, tmp_path: Path, db_path: Path
) -> None:
    assert reseau("remind", "--install") == 0, reseau.err
    units = tmp_path / "home" / "config" / "systemd" / "user"
    service = (units / "reseau-remind.service").read_text()
    timer = (units / "reseau-remind.timer").read_text()
    assert "SuccessExitStatus=3" in service
    assert f'"--db" "{db_path.resolve()}" "remind"' in service
    assert "OnCalendar=hourly" in timer and "WantedBy=timers.target" in timer
    assert "[Timer]" in reseau.out and "ExecStart=" in reseau.out  # shown as written
    assert desktop.ran == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "reseau-remind.timer"],
    ]
    assert not (Path(os.environ["HOME"]).parent / ".config").exists()  # only the test's home


def test_install_says_how_to_turn_it_on_when_systemctl_cannot(
    reseau: Shell, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    no_bus = FakeSystem(programs=["systemctl"], status=1)
    monkeypatch.setattr("reseau_tui.cli.remind.system", no_bus)
    assert reseau("remind", "--install") == 1
    assert (tmp_path / "home" / "config" / "systemd" / "user" / "reseau-remind.timer").exists()
    assert "Failed to connect to bus" in reseau.err
    assert "systemctl --user enable --now reseau-remind.timer" in reseau.err


def test_uninstall_removes_only_what_install_wrote(
    reseau: Shell, desktop: FakeSystem, tmp_path: Path
) -> None:
    units = tmp_path / "home" / "config" / "systemd" / "user"
    assert reseau("remind", "--install") == 0
    mine = units / "reseau-remind.timer"
    mine.write_text("[Timer]\nOnCalendar=daily\n")  # rewritten by hand: no longer ours
    other = units / "backup.service"
    other.write_text("[Service]\n")
    desktop.ran.clear()
    assert reseau("remind", "--uninstall") == 0
    assert not (units / "reseau-remind.service").exists()
    assert mine.exists() and other.exists()
    assert "reseau did not write it" in reseau.err
    assert ["systemctl", "--user", "disable", "--now", "reseau-remind.timer"] in desktop.ran
    assert reseau("remind", "--uninstall") == 0


def test_install_on_macos_writes_a_launchd_agent(
    reseau: Shell, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    mac = FakeSystem(platform="darwin", programs=["launchctl"])
    monkeypatch.setattr("reseau_tui.cli.remind.system", mac)
    assert reseau("remind", "--install") == 0, reseau.err
    agent = tmp_path / "home" / "Library" / "LaunchAgents" / "reseau.remind.plist"
    data = plistlib.loads(agent.read_bytes())
    assert data["Label"] == "reseau.remind"
    assert data["ProgramArguments"][-1] == "remind"
    assert data["StartInterval"] == 3600
    assert mac.ran[-1][:2] == ["launchctl", "bootstrap"]
    assert reseau("remind", "--uninstall") == 0
    assert not agent.exists()


def test_install_without_systemd_or_launchd_prints_the_crontab_line(
    reseau: Shell, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bare = FakeSystem(platform="linux", programs=[])
    monkeypatch.setattr("reseau_tui.cli.remind.system", bare)
    assert reseau("remind", "--install") == 0
    line = reseau.out.strip()
    assert line.startswith("7 * * * * ") and line.endswith(" remind")
    assert "-m reseau_tui --db" in line
    assert bare.ran == []
    assert not (tmp_path / "home" / "config" / "systemd").exists()
