"""`reseau sync vdir DIR`: the contacts and a folder of cards (khard, vdirsyncer), both ways."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import error, note, say
from reseau_tui.domain.text import one_line, printable
from reseau_tui.i18n import Num, _, n_


def register(sync: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """`vdir` under `reseau sync` (which alone merges conflict copies)."""
    sub = sync.add_subparsers(dest="sync_with", metavar=_("WHAT"))
    vdir = sub.add_parser(
        "vdir",
        help=_("sync the contacts with a folder of cards (khard, vdirsyncer), both ways"),
        description=_(
            "Keep every contact as one card in FOLDER, as khard and vdirsyncer do, and take "
            "in what they changed there: cards added or edited become contacts, a card "
            "deleted removes a contact unchanged here since the last sync. Only the cards "
            "that change are written. Fields changed on both sides are listed and nothing "
            "is written until you choose with --take."
        ),
    )
    vdir.add_argument("folder", metavar=_("FOLDER"), help=_("the folder of .vcf cards"))
    vdir.add_argument(
        "--take",
        choices=("mine", "theirs"),
        help=_(
            "for fields changed on both sides: keep reseau's values (mine) or the cards' (theirs)"
        ),
    )
    vdir.set_defaults(handler=run_sync_vdir)
    return vdir


def run_sync_vdir(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.vdir_sync import FolderProblem, sync_vdir
    from reseau_tui.store.card_state import CardStateError

    try:
        report = sync_vdir(ctx.network, Path(args.folder), take=args.take, commit=ctx.commit)
    except FolderProblem as exc:
        raise Refused(_(exc.template, **exc.values)) from None
    except CardStateError as exc:
        raise Refused(
            _(
                "{path} (what was last synced) cannot be read ({reason}); nothing was synced. "
                "Move it away to start again: the next sync then asks about every difference.",
                path=str(exc.path),
                reason=exc.reason,
            )
        ) from None
    from reseau_tui.services.import_summary import describe_problem

    for problem in report.problems:
        error(describe_problem(str(report.folder), problem))
    if report.blocked:
        _show_conflicts(report)
        return 1
    say(printable(_("Synced with {folder}:", folder=str(report.folder))))
    for line in _summary(report):
        say("  " + line)
    if report.conflicts:
        say(
            "  "
            + _(
                "fields changed on both sides: kept {side}'s values",
                side=_("reseau") if args.take == "mine" else _("the cards"),
            )
        )
    for href in report.skipped:
        note(
            _(
                "{file} changed while syncing (or could not be written): left as it is; "
                "run the sync again.",
                file=str(report.folder / href),
            )
        )
    if report.unsaved:
        note(
            _(
                "What was synced could not be kept ({reason}): the next sync will ask "
                "about more fields.",
                reason=report.unsaved,
            )
        )
    return 1 if report.problems else 0


def _summary(report: Any) -> list[str]:
    lines = []
    if n := report.added_here:
        lines.append(n_("{n} new contact", "{n} new contacts", n, n=Num(n)))
    if n := report.updated_here:
        lines.append(n_("{n} contact updated", "{n} contacts updated", n, n=Num(n)))
    if n := report.removed_here:
        lines.append(
            n_(
                "{n} contact removed (its card was deleted)",
                "{n} contacts removed (their cards were deleted)",
                n,
                n=Num(n),
            )
        )
    if n := report.written:
        lines.append(n_("{n} card written", "{n} cards written", n, n=Num(n)))
    if n := report.removed_there:
        lines.append(
            n_(
                "{n} card deleted (its contact was)",
                "{n} cards deleted (their contacts were)",
                n,
                n=Num(n),
            )
        )
    if n := report.kept:
        lines.append(
            n_(
                "{n} deleted on one side but changed or still named on the other: kept",
                "{n} deleted on one side but changed or still named on the other: kept",
                n,
                n=Num(n),
            )
        )
    return lines or [_("nothing to change")]


def _show_conflicts(report: Any) -> None:
    from reseau_tui.services.importing.report import as_text
    from reseau_tui.services.sync import field_label

    say(
        one_line(
            _(
                "{folder}: these fields were changed differently in reseau and in the cards; "
                "nothing was written:",
                folder=str(report.folder),
            )
        )
    )
    here, there = _("reseau"), _("the card")
    width = max(len(here), len(there)) + 1
    for clash in report.conflicts:
        name = report.names.get(clash.contact_id, clash.contact_id)
        say("  " + one_line(f"{name} · {field_label(clash.field)}", 100))
        say("      " + f"{here}:".ljust(width) + " " + one_line(as_text(clash.mine) or "—", 200))
        say("      " + f"{there}:".ljust(width) + " " + one_line(as_text(clash.theirs) or "—", 200))
    say(
        _(
            "Keep reseau's values:    reseau sync vdir {folder} --take mine",
            folder=str(report.folder),
        )
    )
    say(
        _(
            "Keep the cards' values:  reseau sync vdir {folder} --take theirs",
            folder=str(report.folder),
        )
    )


def run_export_vdir(ctx: Context, args: argparse.Namespace) -> int:
    """`reseau export vcard|ics --vdir FOLDER`."""
    from reseau_tui.services.vdir_export import export_ics_folder, export_vcard_folder
    from reseau_tui.services.vdir_sync import FolderProblem

    if args.format not in ("vcard", "ics"):
        raise Refused(
            _("--vdir writes vcard or ics, one file per item; not {format}", format=args.format)
        )
    if args.output is not None:
        raise Refused(_("give --vdir or --output, not both"))
    try:
        if args.format == "vcard":
            if args.vcard_version is not None:
                raise Refused(
                    _("--vdir keeps each card in its own version; leave out --vcard-version")
                )
            report = export_vcard_folder(ctx.network, Path(args.vdir))
        else:
            report = export_ics_folder(ctx.network, Path(args.vdir), events=args.events)
    except FolderProblem as exc:
        raise Refused(_(exc.template, **exc.values)) from None
    for name in report.failed:
        error(_("{file}: cannot be written; left as it was.", file=str(report.folder / name)))
    parts = [
        n_("{n} file written", "{n} files written", report.written, n=Num(report.written)),
        n_("{n} unchanged", "{n} unchanged", report.unchanged, n=Num(report.unchanged)),
    ]
    if report.removed:
        parts.append(
            n_(
                "{n} removed (follow-up done or dismissed)",
                "{n} removed (follow-ups done or dismissed)",
                report.removed,
                n=Num(report.removed),
            )
        )
    note(_("{folder}: {counts}.", folder=str(report.folder), counts=", ".join(parts)))
    return 1 if report.failed else 0
