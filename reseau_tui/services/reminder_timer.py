"""`reseau remind --install` and `--uninstall`: run the reminder every hour, the system's way.

Linux with systemd: a user timer (`~/.config/systemd/user/reseau-remind.service`
and `.timer`), enabled with `systemctl --user`. macOS: a launchd agent
(`~/Library/LaunchAgents/reseau.remind.plist`), loaded with `launchctl`.
Elsewhere: the crontab line, printed for the user to add (reseau never edits
a crontab). Every file written carries a mark, and `--uninstall` removes only
files with that mark: a unit of the same name written by hand is left alone.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reseau_tui.locations import launch_agents_folder, systemd_user_folder
from reseau_tui.services.desktop import System
from reseau_tui.store.errors import SaveError
from reseau_tui.store.files import atomic_write, describe_os_error

MARK = "Written by `reseau remind --install`; `reseau remind --uninstall` removes it."
XML_MARK = MARK.replace("--", "")  # "--" cannot be inside an XML comment
SERVICE = "reseau-remind.service"
TIMER = "reseau-remind.timer"
AGENT = "reseau.remind"
EVERY_SECONDS = 3600


@dataclass
class Outcome:
    """What was done: files written or removed (with their text), commands run, and what
    failed (English templates with their values, translated when shown)."""

    kind: str  # "systemd", "launchd" or "cron"
    written: list[tuple[Path, str]] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)  # same name, not ours: untouched
    ran: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # command, what it said
    cron_line: str = ""


def remind_command(db: Path) -> list[str]:
    """The command the timer runs: this very Python and reseau, on this database."""
    return [sys.executable, "-m", "reseau_tui", "--db", str(db), "remind"]


def kind_of(system: System) -> str:
    if system.platform == "darwin":
        return "launchd"
    if system.platform.startswith("linux") and system.has("systemctl"):
        return "systemd"
    return "cron"


def install(system: System, db: Path) -> Outcome:
    """Write (or rewrite) the timer for this database and turn it on. Raises `SaveError`."""
    command = remind_command(db)
    kind = kind_of(system)
    outcome = Outcome(kind)
    if kind == "cron":
        outcome.cron_line = cron_line(command)
        return outcome
    if kind == "launchd":
        path = launch_agents_folder() / f"{AGENT}.plist"
        _write(outcome, path, launchd_agent(command))
        if system.has("launchctl"):
            target = f"gui/{os.getuid()}"
            _run(system, outcome, ["launchctl", "bootout", target, str(path)], quiet=True)
            _run(system, outcome, ["launchctl", "bootstrap", target, str(path)])
        return outcome
    folder = systemd_user_folder()
    _write(outcome, folder / SERVICE, systemd_service(command))
    _write(outcome, folder / TIMER, systemd_timer())
    if _run(system, outcome, ["systemctl", "--user", "daemon-reload"]):
        _run(system, outcome, ["systemctl", "--user", "enable", "--now", TIMER])
    return outcome


def uninstall(system: System) -> Outcome:
    """Turn the timer off and remove the files reseau wrote, and only those."""
    kind = kind_of(system)
    outcome = Outcome(kind)
    if kind == "launchd":
        paths = [launch_agents_folder() / f"{AGENT}.plist"]
        ours = [p for p in paths if _is_ours(p, outcome)]
        if ours and system.has("launchctl"):
            _run(system, outcome, ["launchctl", "bootout", f"gui/{os.getuid()}", str(ours[0])])
    else:
        folder = systemd_user_folder()
        ours = [p for p in (folder / TIMER, folder / SERVICE) if _is_ours(p, outcome)]
        if ours and system.has("systemctl"):
            _run(system, outcome, ["systemctl", "--user", "disable", "--now", TIMER], quiet=True)
    for path in ours:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            outcome.failed.append((shlex.join(["rm", str(path)]), exc.strerror or str(exc)))
            continue
        outcome.removed.append(path)
    if kind == "systemd" and outcome.removed:
        _run(system, outcome, ["systemctl", "--user", "daemon-reload"])
    return outcome


def _is_ours(path: Path, outcome: Outcome) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if MARK in text or XML_MARK in text:
        return True
    outcome.left.append(path)
    return False


def _write(outcome: Outcome, path: Path, text: str) -> None:
    """Raises `SaveError`, saying why, when the file cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(path.parent, describe_os_error(exc)) from exc
    atomic_write(path, text.encode("utf-8"))
    outcome.written.append((path, text))


def _run(system: System, outcome: Outcome, command: Sequence[str], *, quiet: bool = False) -> bool:
    status, said = system.run(command)
    shown = shlex.join(command)
    if status == 0:
        outcome.ran.append(shown)
        return True
    if not quiet:  # (turning off what may not be on: its failure says nothing)
        outcome.failed.append((shown, said))
    return False


# --- the files ------------------------------------------------------------------------


def _systemd_quote(word: str) -> str:
    """One word of an ExecStart line: in double quotes, with systemd's escapes."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    escaped = escaped.replace("$", "$$")
    return f'"{escaped}"'


def systemd_service(command: Sequence[str]) -> str:
    return "\n".join(
        [
            f"# {MARK}",
            "[Unit]",
            "Description=reseau: tell which follow-ups became due",
            "",
            "[Service]",
            "Type=oneshot",
            "ExecStart=" + " ".join(_systemd_quote(word) for word in command),
            "# 3 means that something became due and was told: not a failure.",
            "SuccessExitStatus=3",
            "",
        ]
    )


def systemd_timer() -> str:
    return "\n".join(
        [
            f"# {MARK}",
            "[Unit]",
            "Description=reseau: look for follow-ups that became due, every hour",
            "",
            "[Timer]",
            "OnCalendar=hourly",
            "OnStartupSec=2min",
            "Persistent=true",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ]
    )


def launchd_agent(command: Sequence[str]) -> str:
    data = {
        "Label": AGENT,
        "ProgramArguments": list(command),
        "StartInterval": EVERY_SECONDS,
        "RunAtLoad": True,
        "ProcessType": "Background",
    }
    text = plistlib.dumps(data).decode("utf-8")
    head, _, rest = text.partition("<plist")
    return f"{head}<!-- {XML_MARK} -->\n<plist{rest}"


def cron_line(command: Sequence[str]) -> str:
    """Every hour at minute 7; `%` is a new line to cron, so it is escaped."""
    return "7 * * * * " + shlex.join(command).replace("%", "\\%")
