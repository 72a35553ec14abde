"""Two open apps and a shell loop writing to one file at once: nothing acknowledged is lost.

Each app adds contacts with its form and logs meetings with quick capture,
while a shell runs `reseau add` again and again. Every change an app's Saved
message confirmed, and every id a command printed, is in the file at the end,
and after a tick each app shows what the other app and the shell added.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.messages import Saved
from tests.ui.conftest import settle

SHELL_ADDS = 8
APP_ADDS = 4


class AcknowledgingApp(ReseauApp):
    """Collects the records each Saved message made durable."""

    CSS_PATH = str(Path(sys.modules[ReseauApp.__module__].__file__ or "").with_name("app.tcss"))

    def __init__(self, network: Network) -> None:
        super().__init__(network, tick_seconds=3600, save_delay=0.01)
        self.acknowledged: set[str] = set()

    def on_saved(self, message: Saved) -> None:
        super().on_saved(message)
        for op in message.report.operations:
            self.acknowledged.update(ch.record_id for ch in op.changes if ch.kind == "insert")


async def add_with_the_form(pilot: Pilot[int], app: ReseauApp, name: str) -> None:
    await pilot.press("n")
    app.screen.query_one("#name", Input).value = name
    await pilot.press("ctrl+s")


async def log_with_quick_capture(pilot: Pilot[int], app: ReseauApp, note: str) -> None:
    await pilot.press("1", "m")
    app.screen.query_one("#note", TextArea).text = note
    await pilot.press("ctrl+s")


def names(app: ReseauApp) -> set[str]:
    return {row.contact.name for row in app.main.contacts.rows}


async def test_two_apps_and_a_shell_loop_on_one_file_lose_nothing(
    db_path: Path, clock: FixedClock
) -> None:
    seed = Network(db_path, clock)
    seed.add_contact("Camille Martin")
    seed.commit()
    loop = (
        f'for i in $(seq 1 {SHELL_ADDS}); do "$PY" -m reseau_tui --db "$DB" add "Shell $i" '
        "|| echo failed; done"
    )
    shell = subprocess.Popen(
        ["sh", "-c", loop],
        env={**os.environ, "PY": sys.executable, "DB": str(db_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    a = AcknowledgingApp(Network(db_path, clock))
    b = AcknowledgingApp(Network(db_path, clock))
    async with a.run_test(size=(120, 40)) as pa, b.run_test(size=(120, 40)) as pb:
        for n in range(APP_ADDS):
            await add_with_the_form(pa, a, f"App A {n}")
            await add_with_the_form(pb, b, f"App B {n}")
            if n % 2:
                await log_with_quick_capture(pa, a, f"Coffee A {n}")
                await log_with_quick_capture(pb, b, f"Coffee B {n}")
        await settle(a)
        await settle(b)
        out, err = shell.communicate(timeout=120)
        assert shell.returncode == 0 and "failed" not in out, err
        for app, pilot in ((a, pa), (b, pb)):
            app.tick()  # the timer: picks up the other writers' saves
            await settle(app)
            await pilot.pause()
            assert app.network.store.pending == 0 and app.save_problem == ""
        expected = (
            {"Camille Martin"}
            | {f"App {w} {n}" for w in "AB" for n in range(APP_ADDS)}
            | {f"Shell {i}" for i in range(1, SHELL_ADDS + 1)}
        )
        assert names(a) == expected and names(b) == expected
        notes = {m.note for m in a.main.journal.rows}
        assert notes == {m.note for m in b.main.journal.rows}
        assert {f"Coffee {w} {n}" for w in "AB" for n in range(1, APP_ADDS, 2)} <= notes

    tables = orjson.loads(db_path.read_bytes())
    on_disk = set(tables["contacts"]) | set(tables["meetings"])
    shell_ids = set(out.split())
    assert len(shell_ids) == SHELL_ADDS
    assert len(a.acknowledged) == len(b.acknowledged) == APP_ADDS + APP_ADDS // 2
    assert a.acknowledged | b.acknowledged | shell_ids <= on_disk
