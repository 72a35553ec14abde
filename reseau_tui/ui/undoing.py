"""`u` and `U`: undo this session's last change, and redo it, saying so on the status line.

The undo is a change like any other (`ReseauApp.change`): applied at once,
saved in the background, "saved" on the status line once it is on disk. One
refused because another writer changed those records is said with what
changed, and nothing is applied (`services.history`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reseau_tui.i18n import _
from reseau_tui.services.history import NothingToUndo, UndoRefused
from reseau_tui.ui.screens.main_screen import MainScreen

if TYPE_CHECKING:
    from reseau_tui.ui.host import ReseauHost


def undo(app: ReseauHost) -> None:
    """Undo the latest change of this session not undone yet."""
    try:
        what = _step(app, app.history.undo)
    except NothingToUndo:
        _say(app, _("Nothing to undo."))
    except UndoRefused as exc:
        _refused(app, _("Cannot undo: {what}", what=exc.what), exc.why)
    else:
        if what is not None:
            _say(app, _("Undone: {what}", what=what))


def redo(app: ReseauHost) -> None:
    """Make again the latest change undone (`U`, ctrl+shift+z)."""
    try:
        what = _step(app, app.history.redo)
    except NothingToUndo:
        _say(app, _("Nothing to redo."))
    except UndoRefused as exc:
        _refused(app, _("Cannot redo: {what}", what=exc.what), exc.why)
    else:
        if what is not None:
            _say(app, _("Redone: {what}", what=what))


def _step(app: ReseauHost, step: Callable[[], str]) -> str | None:
    """Undo or redo as a change (None: not now). Raises `NothingToUndo`, `UndoRefused`."""
    if app.importing:
        _say(app, _("An import is under way: wait for it to finish."), "warning")
        return None
    return app.change(lambda _network: step())


def _refused(app: ReseauHost, said: str, why: str) -> None:
    _say(app, said, "error")
    app.notify(
        _("{refused}. {why} Nothing was changed.", refused=said, why=why),
        severity="error",
        markup=False,
        timeout=15,
    )


def _say(app: ReseauHost, text: str, severity: str = "") -> None:
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            screen.status.note(text, severity)
