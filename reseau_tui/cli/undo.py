"""`reseau undo [--yes]`: undo the last change made from the shell, saying what first.

It asks on a terminal; without one it needs --yes. A change whose records
another writer (the app, a sync, another command) changed since is not
undone: the command says what changed. Once undone, nothing more is left to
undo from the shell (see `services.shell_undo`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.lookup import moment
from reseau_tui.cli.output import note
from reseau_tui.domain.text import fold, one_line
from reseau_tui.i18n import _

if TYPE_CHECKING:
    from reseau_tui.services.shell_undo import LastChange

_YES = ("y", "yes", "o", "oui")


def register(sub: Any) -> None:
    undo = sub.add_parser(
        "undo",
        help=_("undo the last change made from the shell"),
        description=_(
            "Undo the last change a reseau command saved (a meeting logged, a follow-up "
            "done, a contact edited, an import...), after saying which and asking. Refused "
            "if its records were changed since. One change only: a second undo has "
            "nothing left to undo."
        ),
    )
    undo.add_argument("--yes", action="store_true", help=_("undo without asking"))
    undo.set_defaults(handler=run_undo)


def run_undo(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.history import UndoRefused
    from reseau_tui.services.shell_undo import (
        UnreadableRecord,
        apply_undo,
        forget_shell_change,
        last_shell_change,
    )

    try:
        last = last_shell_change(ctx.path)
    except UnreadableRecord:
        raise Refused(
            _("not undone: the record of the last change made from the shell cannot be read")
        ) from None
    if last is None:
        note(_("Nothing to undo: no change made from the shell is left to undo."))
        return 1
    network = ctx.network
    ctx.changes.keep = False  # an undo is not itself undone from the shell
    what = _described(last, network.clock.tz)
    try:
        apply_undo(network, last)  # in memory: nothing is saved unless the user says yes
    except UndoRefused as refused:
        raise Refused(
            one_line(
                _(
                    "not undone: {what}. {why} Nothing was changed.",
                    what=what,
                    why=refused.why,
                )
            )
        ) from None
    if not args.yes:
        if not (sys.stdin and sys.stdin.isatty()):
            raise Refused(
                one_line(
                    _(
                        "not undone: asking first needs a terminal; to undo {what} "
                        "without asking, add --yes",
                        what=what,
                    )
                )
            )
        print(
            one_line(_("Undo the last change made from the shell: {what}? [y/N]", what=what)),
            end=" ",
            file=sys.stderr,
            flush=True,
        )
        if fold(sys.stdin.readline()) not in _YES:
            note(_("Nothing was undone."))
            return 1
    ctx.commit()
    forget_shell_change(ctx.path)
    note(one_line(_("Undone: {what}.", what=what)))
    return 0


def _described(change: LastChange, tz: Any) -> str:
    """ "log meeting with Camille Martin (saved 26 November 2026 10:00)"."""
    try:
        when = datetime.fromisoformat(change.at)
    except ValueError:
        return change.label
    if when.tzinfo is None:
        return change.label
    return _("{what} (saved {when})", what=change.label, when=moment(when, tz))
