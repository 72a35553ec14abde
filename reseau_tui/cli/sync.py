"""`reseau sync`: merge the conflict copies a sync tool left next to the database.

Changes made on one machine only are merged without a question. When the same
field was changed differently on both, nothing is written: the fields are
listed, and `--take mine` (this machine's values) or `--take theirs` (the
copy's) settles them all.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reseau_tui.cli import vdir
from reseau_tui.cli.context import Context
from reseau_tui.cli.output import error, note, say
from reseau_tui.domain.text import one_line
from reseau_tui.i18n import _


def register(sub: Any) -> argparse.ArgumentParser:
    sync = sub.add_parser(
        "sync",
        help=_("merge a sync conflict copy (Syncthing, Dropbox) into the database"),
        description=_(
            "Merge the conflict copies a sync tool left next to the database when two "
            "machines saved it while apart. Changes made on one side are merged; fields "
            "changed on both sides are listed, to settle with --take."
        ),
    )
    sync.add_argument(
        "--take",
        choices=("mine", "theirs"),
        help=_(
            "for fields changed on both sides: keep this machine's values (mine) or "
            "the copy's (theirs)"
        ),
    )
    sync.set_defaults(handler=run_sync)
    return vdir.register(sync)


def run_sync(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.sync import merge_summary
    from reseau_tui.store.errors import DamagedDatabase
    from reseau_tui.store.sync import move_aside

    network = ctx.network
    copies = network.conflict_copies()
    if not copies:
        note(_("No sync conflict copy next to {path}.", path=str(network.path)))
        return 0
    status = 0
    for copy in copies:
        try:
            merge = network.prepare_merge(copy)
        except DamagedDatabase as exc:
            error(
                _(
                    "the conflict copy {path} {problem}; it was left as it is.",
                    path=str(copy),
                    problem=_(exc.problem, **exc.values),
                )
            )
            status = 1
            continue
        if merge.conflicts and args.take is None:
            _show_conflicts(copy, merge)
            status = 1
            continue
        op = merge.operation(args.take or "mine")
        if op is not None:
            network.apply(op)
            ctx.commit()
        aside = move_aside(copy)
        say(one_line(_("Merged {copy}: {summary}.", copy=copy.name, summary=merge_summary(merge))))
        if merge.conflicts:
            say(
                _(
                    "Fields changed on both sides: kept {side}'s values.",
                    side=_("this machine") if args.take == "mine" else _("the copy"),
                )
            )
        note(_("The copy was kept as {path}.", path=str(aside)))
    return status


def _show_conflicts(copy: Path, merge: Any) -> None:
    from reseau_tui.services.sync import conflict_views

    views = conflict_views(merge)
    say(
        one_line(
            _(
                "{copy}: these fields were changed differently on both sides; nothing was written:",
                copy=copy.name,
            )
        )
    )
    width = max(len(_("this machine")), len(_("the copy"))) + 1
    for view in views:
        say("  " + one_line(f"{view.what} · {view.field}", 100))
        say("      " + f"{_('this machine')}:".ljust(width) + " " + one_line(view.mine, 200))
        say("      " + f"{_('the copy')}:".ljust(width) + " " + one_line(view.theirs, 200))
    say(_("Keep this machine's values: reseau sync --take mine"))
    say(_("Keep the copy's values:     reseau sync --take theirs"))


def notice_waiting_copies(ctx: Context) -> None:
    """After a command that saved: one line when a conflict copy waits to be merged."""
    network = ctx.__dict__.get("network")  # only if the command opened the database
    if network is not None and network.store.saves and network.conflict_copies():
        note(_("A sync conflict copy is waiting next to the database: merge it with reseau sync."))
