"""Opening the TUI (imported only when the app is opened, so the CLI stays quick)."""

from __future__ import annotations

from pathlib import Path


def run_app(db: Path | None, demo: bool = False) -> int:
    from reseau_tui.ui.app import ReseauApp

    app = ReseauApp.open(db, demo=demo)
    if app is None:
        return 1
    app.run()
    return app.return_code or 0
