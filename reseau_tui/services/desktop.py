"""The user's desktop, as `reseau remind` needs it: which system, which programs, a notification.

Notifications go through the programs the system already has, not a library:
`notify-send` (libnotify, on every Linux desktop) and `osascript` (macOS).
The Python libraries for this (desktop-notifier and the like) bring a D-Bus
stack and an event loop for one message an hour; a program on the PATH costs
nothing and fails plainly where there is no desktop (a server, SSH), in which
case the reminder is on standard output anyway.

`System` is what the commands are given, so that tests hand them a fake one:
no test ever runs the real `systemctl`, `launchctl` or `notify-send`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reseau_tui.domain.text import one_line

Run = Callable[[Sequence[str]], tuple[int, str]]


def run_program(command: Sequence[str]) -> tuple[int, str]:
    """Run a program to its end; its status and what it said (127 when it could not start)."""
    try:
        done = subprocess.run(
            list(command), capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return 127, str(exc)
    return done.returncode, (done.stdout + done.stderr).strip()


@dataclass(frozen=True)
class System:
    """The platform ("linux", "darwin", ...), how to find a program, how to run one."""

    platform: str = sys.platform
    which: Callable[[str], str | None] = shutil.which
    run: Run = field(default=run_program)

    def has(self, program: str) -> bool:
        return self.which(program) is not None


def notify(system: System, title: str, lines: Sequence[str]) -> bool:
    """Show a desktop notification; False when this system has no way to show one."""
    title = one_line(title, 100)
    body = "\n".join(one_line(line, 200) for line in lines)
    if system.platform == "darwin":
        if not system.has("osascript"):
            return False
        # The texts are arguments of the script, never part of it: no quoting to get wrong.
        script = [
            "on run argv",
            "display notification (item 2 of argv) with title (item 1 of argv)",
        ]
        command = ["osascript"]
        for line in [*script, "end run"]:
            command += ["-e", line]
        return system.run([*command, title, body])[0] == 0
    if not system.has("notify-send"):
        return False
    # Notification servers read the body as simple markup: names are shown, not interpreted.
    escaped = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return system.run(["notify-send", "--app-name=reseau", "--", title, escaped])[0] == 0
