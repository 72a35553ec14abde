"""Opening the TUI (imported only when the app is opened, so the CLI stays quick)."""

from __future__ import annotations

from pathlib import Path


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
