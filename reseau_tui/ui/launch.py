"""Opening the TUI (imported only when the app is opened, so the CLI stays quick)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reseau_tui.domain.clock import Clock
    from reseau_tui.services.network import Network


def open_network(
    db: Path | None, *, demo: bool = False, clock: Clock | None = None
) -> Network | None:
    """The user's network (or a demo copy); None after explaining a file that cannot be read."""
    from reseau_tui.domain.clock import SystemClock
    from reseau_tui.i18n import _
    from reseau_tui.locations import database_path
    from reseau_tui.services.explain import damaged_database
    from reseau_tui.services.network import Network
    from reseau_tui.store import DamagedDatabase

    if demo:
        from reseau_tui.services.demo import new_demo_database

        path = new_demo_database(clock or SystemClock())
    else:
        path = database_path(db)
    try:
        return Network(path, clock or SystemClock())
    except DamagedDatabase as exc:
        for line in damaged_database(exc):
            print(_("reseau: {message}", message=line), file=sys.stderr)
        return None


def run_app(db: Path | None, demo: bool = False) -> int:
    from reseau_tui.ui.app import ReseauApp

    app = ReseauApp.open(db, demo=demo)
    if app is None:
        return 1
    try:
        app.run()
    finally:
        if demo:  # nothing of the sample network outlives the app: folder and cache files
            from reseau_tui.services.demo import remove_demo_database

            remove_demo_database(app.network)
    return app.return_code or 0
