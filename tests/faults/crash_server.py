"""Children that save to one database until they are killed: the app, or the shell commands.

Run as `python crash_server.py MODE DB`, MODE `tui` or `cli`. A fork server: the
modules (Textual too) are imported once, and each round forks a fresh child.
For each `round KILL_AT` line on stdin it:

1. reaps the previous child, printing `dead PID` once it is gone (everything
   that child printed comes before that line);
2. opens the database with a new `Network`, printing `opened CONTACTS` or
   `damaged MESSAGE`: after every kill, the file must load;
3. forks a child that makes changes and saves, again and again, printing
   `saved TABLE ID` for a change only once it is durable, then prints `pid PID`.

The child, in `tui` mode, is the full app driven headless by Textual's Pilot:
`n`, a name, ctrl+s (the contact form), and every third time `m`, a note,
ctrl+s (quick capture). A change is acknowledged when the app's `Saved`
message reports the commit that made it durable. In `cli` mode the child runs
`reseau add NAME` and `reseau log NAME --new --note ...` through the real
entry point; a change is acknowledged when the command printed its id, which
it does only after its commit returned.

KILL_AT > 0: the child kills itself with SIGKILL at the KILL_AT-th step of its
saves (before or after each file operation of a commit: open, write, fsync,
link, rename, unlink, lock...), so kills land at every point of a save
without waiting for time to pass. KILL_AT = 0: the child runs until the test
kills it from outside.

`quit` reaps the last child and exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import io
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from reseau_tui.cli.main import main as reseau_main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import CommitReport, DamagedDatabase
from reseau_tui.store.store import Store

MAX_CHANGES = 400  # a child nobody kills stops by itself
CLOCK = "2026-11-26T10:00:00"


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


# --- dying at a chosen step of a save -------------------------------------------------


class KillSwitch:
    """Counts file operations made during commits; SIGKILL at the chosen one."""

    def __init__(self, kill_at: int) -> None:
        self.kill_at = kill_at
        self.steps = 0
        self.saving = threading.local()

    def step(self) -> None:
        if self.kill_at and getattr(self.saving, "on", False):
            self.steps += 1
            if self.steps >= self.kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

    def wrap(self, module: Any, name: str) -> None:
        real: Callable[..., Any] = getattr(module, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.step()
            result = real(*args, **kwargs)
            self.step()
            return result

        setattr(module, name, wrapped)

    def install(self) -> None:
        for name in ("open", "write", "fsync", "close", "replace", "link", "unlink", "chmod"):
            self.wrap(os, name)
        self.wrap(fcntl, "flock")
        real_commit = Store.commit
        switch = self

        def commit(store: Store, now: datetime | None = None) -> CommitReport:
            switch.saving.on = True
            try:
                return real_commit(store, now)
            finally:
                switch.saving.on = False

        # Every save marked for the crash; mypy sees the plain function as the wrong method.
        Store.commit = commit  # type: ignore[method-assign, assignment]


# --- the shell commands ------------------------------------------------------------------


def cli_child(path: Path, parent: int) -> None:
    for n in range(MAX_CHANGES):
        if os.getppid() != parent:
            return
        name = f"Shell {os.getpid()}-{n}"
        if n % 3 == 2:
            argv = ["--db", str(path), "log", name, "--new", "--note", "Met at the door."]
            table = "meetings"
        else:
            argv = ["--db", str(path), "add", name, "--company", "Kill test"]
            table = "contacts"
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            status = reseau_main(argv)
        printed = out.getvalue().split()
        if status == 0 and printed:
            say(f"saved {table} {printed[0]}")
        else:
            say(f"failed {status} {out.getvalue()!r}")


# --- the app -----------------------------------------------------------------------------


def tui_child(path: Path, parent: int) -> None:
    from textual.widgets import Input, TextArea

    from reseau_tui.ui.app import ReseauApp
    from reseau_tui.ui.messages import Saved
    from reseau_tui.ui.screens.contact_form import ContactForm
    from reseau_tui.ui.screens.meeting_form import MeetingForm

    class AcknowledgingApp(ReseauApp):
        CSS_PATH = str(Path(sys.modules[ReseauApp.__module__].__file__ or "").with_name("app.tcss"))

        def on_saved(self, message: Saved) -> None:
            super().on_saved(message)
            for op in message.report.operations:
                for change in op.changes:
                    if change.kind == "insert":
                        say(f"saved {change.table} {change.record_id}")

    async def drive() -> None:
        network = Network(path, FixedClock.at(CLOCK))
        app = AcknowledgingApp(network, tick_seconds=3600, save_delay=0.01)
        async with app.run_test(size=(100, 30)) as pilot:
            for n in range(MAX_CHANGES):
                if os.getppid() != parent:
                    return
                await pilot.press("n")
                form = app.screen
                assert isinstance(form, ContactForm), form
                form.query_one("#name", Input).value = f"App {os.getpid()}-{n}"
                await pilot.press("ctrl+s")
                if n % 3 == 2:
                    await pilot.press("1", "m")
                    capture = app.screen
                    assert isinstance(capture, MeetingForm), capture
                    capture.query_one("#note", TextArea).text = "Quick note after a coffee."
                    await pilot.press("ctrl+s")
                await app.workers.wait_for_complete()
                await pilot.pause()

    asyncio.run(drive())


# --- the server --------------------------------------------------------------------------


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    child_body = tui_child if mode == "tui" else cli_child
    if mode == "tui":
        import reseau_tui.ui.app  # noqa: F401  (imported once, before forking)
    clock = FixedClock.at(CLOCK)
    child = 0
    for line in sys.stdin:
        if child:
            _, status = os.waitpid(child, 0)
            how = os.WTERMSIG(status) if os.WIFSIGNALED(status) else f"exit-{status >> 8}"
            say(f"dead {child} {how}")
            child = 0
        words = line.split()
        if not words or words[0] != "round":
            break
        try:
            network = Network(path, clock)
        except DamagedDatabase as exc:
            say(f"damaged {exc}")
            continue
        say(f"opened {len(network.state.contacts)}")
        del network
        parent = os.getpid()
        child = os.fork()
        if child == 0:
            os.close(0)
            try:
                KillSwitch(int(words[1])).install()
                child_body(path, parent)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
            os._exit(0)
        say(f"pid {child}")


if __name__ == "__main__":
    main()
