"""A save that hits a full disk (or the file size limit), in its own process; prints what it saw.

Run as `python disk_child.py SCENARIO FAULT DB`. SCENARIO is `cli` (reseau add
through the real entry point) or `tui` (the app driven headless: a contact
added with the form, then the timer once space is back). FAULT is how the
disk fills:

- `tmpfs`: DB lives on a small tmpfs mounted by the test; `fill` writes a
  filler file until the file system says ENOSPC, `free` deletes it.
- `rlimit`: `fill` lowers RLIMIT_FSIZE below the size of the next save (the
  kernel then refuses the write with EFBIG), `free` raises it again.

The observations are printed as one JSON object on the last line of stdout.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import io
import json
import os
import resource
import signal
import sys
from pathlib import Path
from typing import Any

from reseau_tui.domain.clock import FixedClock


class Fault:
    def __init__(self, kind: str, db: Path) -> None:
        self.kind = kind
        self.db = db
        self.filler = db.with_name("filler")

    def fill(self) -> None:
        if self.kind == "rlimit":
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            limit = self.db.stat().st_size
            _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
            return
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT, 0o600)
        chunk = b"\0" * 65536
        try:
            while True:
                os.write(fd, chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
        try:  # the last partial page too
            while True:
                os.write(fd, b"\0" * 512)
        except OSError:
            pass
        finally:
            os.close(fd)

    def free(self) -> None:
        if self.kind == "rlimit":
            _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
        else:
            self.filler.unlink()


def files(db: Path) -> dict[str, Any]:
    """Every file next to the database (but the filler and the lock): content and identity."""
    found = {}
    for p in sorted(db.parent.iterdir()):
        if p.name in ("filler", db.name + ".lock"):
            continue
        st = p.stat()
        found[p.name] = [p.read_bytes().hex(), st.st_ino, oct(st.st_mode & 0o777)]
    return found


def cli(fault: Fault) -> dict[str, Any]:
    from reseau_tui.cli.main import main

    def run(*args: str) -> tuple[int, str]:
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            status = main(["--db", str(fault.db), *args])
        return status, err.getvalue()

    before = files(fault.db)
    fault.fill()
    status, err = run("add", "Léa Petit")
    after = files(fault.db)
    fault.free()
    again, _ = run("add", "Léa Petit")
    return {"status": status, "err": err, "before": before, "after": after, "again": again}


def tui(fault: Fault) -> dict[str, Any]:
    from textual.widgets import Static

    from reseau_tui.services.network import Network
    from reseau_tui.ui.app import ReseauApp

    clock = FixedClock.at("2026-11-26T10:00:00")
    seen: dict[str, Any] = {}

    def status_line(app: ReseauApp) -> str:
        return str(app.main.query_one("#status", Static).render())

    async def drive() -> None:
        app = ReseauApp(Network(fault.db, clock), tick_seconds=3600, save_delay=0.01)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            seen["before"] = files(fault.db)
            fault.fill()
            await pilot.press("n", *"Léa Petit", "ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["after"] = files(fault.db)
            seen["problem"] = app.save_problem
            seen["status"] = status_line(app)
            seen["notes"] = [n.message for n in app._notifications]
            seen["shown"] = [r.contact.name for r in app.main.contacts.rows]
            app.tick()  # still full: tried again, still kept in memory
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["still"] = app.save_problem
            fault.free()
            app.tick()
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["problem_after"] = app.save_problem
            seen["status_after"] = status_line(app)
        seen["on_disk"] = sorted(c.name for c in Network(fault.db, clock).state.contacts.values())

    asyncio.run(drive())
    return seen


def main() -> None:
    scenario, kind, db = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    fault = Fault(kind, db)
    result = cli(fault) if scenario == "cli" else tui(fault)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
