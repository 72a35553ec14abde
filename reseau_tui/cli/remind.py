"""`reseau remind`: for a timer, what became due since it last ran; `--install` sets the timer."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reseau_tui.cli.context import Context
from reseau_tui.cli.output import error, json_out, note, say, table
from reseau_tui.i18n import _, n_
from reseau_tui.services.labels import state_label

if TYPE_CHECKING:
    from reseau_tui.domain.engine import FollowUp
    from reseau_tui.services.desktop import System

SOMETHING_DUE = 3  # the exit status that says "there was something to tell"
SHOWN = 5  # items named in a notification; the rest are counted


def system() -> System:
    """What the commands run and find: a fake one in the tests, the real one otherwise."""
    from reseau_tui.services.desktop import System

    return System()


def register(sub: Any) -> None:
    remind = sub.add_parser(
        "remind",
        help=_("tell what became due since the last time (for a timer)"),
        description=_(
            "Tell which follow-ups became due or overdue since the last run, each once: "
            "as a desktop notification where there is one (notify-send on Linux, "
            "osascript on macOS), and on standard output. Meant to run every hour: "
            "--install sets that up."
        ),
        epilog=_(
            "Exit status: 0 when nothing became due, {due} when something did (and was "
            "told), 1 when something failed.",
            due=SOMETHING_DUE,
        ),
    )
    remind.add_argument(
        "--json",
        action="store_true",
        help=_("print what became due as JSON, and no notification"),
    )
    setup = remind.add_mutually_exclusive_group()
    setup.add_argument(
        "--install",
        action="store_true",
        help=_(
            "run it every hour: a systemd user timer on Linux, a launchd agent on macOS, "
            "else the crontab line to add"
        ),
    )
    setup.add_argument(
        "--uninstall", action="store_true", help=_("remove what --install wrote, and only that")
    )
    remind.set_defaults(handler=run_remind)


def run_remind(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.cli.items import item_json
    from reseau_tui.services import reminders

    if args.install:
        return _install(ctx)
    if args.uninstall:
        return _uninstall()
    network = ctx.network
    new, remember = reminders.newly_due(network, ctx.path)
    if args.json:
        json_out([item_json(ctx, item, network.now()) for item in new])
    elif new:
        _tell(ctx, new)
    elif sys.stderr.isatty():  # by hand; a timer that has nothing to say says nothing
        note(_("Nothing new is due since the last reminder. Everything due: reseau due"))
    if not reminders.write_announced(ctx.path, remember) and new:
        note(_("(could not remember what was told: it will be told again next time)"))
    return SOMETHING_DUE if new else 0


def _tell(ctx: Context, items: list[FollowUp]) -> None:
    from reseau_tui.services.desktop import notify
    from reseau_tui.services.followups import describe

    network = ctx.network
    now, tz = network.now(), network.clock.tz
    views = [describe(item, network.state, now, tz, short=True) for item in items]
    rows = [
        (state_label(i.state, short=True).upper(), i.id, v.kind, v.person, v.when, v.about)
        for i, v in zip(items, views, strict=True)
    ]
    for line in table(rows, (8, 15, 18, 24, 22)):
        say(line)
    lines = [f"{v.kind} · {v.person} · {v.when}" for v in views[:SHOWN]]
    if len(views) > SHOWN:
        lines.append(
            n_(
                "and {count} more: reseau due",
                "and {count} more: reseau due",
                len(views) - SHOWN,
            )
        )
    title = n_(
        "reseau: {count} follow-up became due",
        "reseau: {count} follow-ups became due",
        len(items),
    )
    notify(system(), title, lines)


def _install(ctx: Context) -> int:
    from reseau_tui.services import reminder_timer

    outcome = reminder_timer.install(system(), ctx.path)
    if outcome.kind == "cron":
        note(_("No systemd or launchd here. Add this line to your crontab (crontab -e):"))
        say(outcome.cron_line)
        return 0
    for path, text in outcome.written:
        note(_("Wrote {path}:", path=str(path)))
        for line in text.splitlines():
            say("    " + line)
    for command in outcome.ran:
        note(_("Ran: {command}", command=command))
    if outcome.failed:
        _failures(outcome.failed)
        start = (
            f"systemctl --user enable --now {reminder_timer.TIMER}"
            if outcome.kind == "systemd"
            else f"launchctl bootstrap gui/$(id -u) {outcome.written[0][0]}"
        )
        error(
            _("the files are written but not turned on; to turn them on: {command}", command=start)
        )
        return 1
    if not outcome.ran:  # launchd without launchctl: written, to be loaded by hand
        note(_("Written; it starts at your next login."))
        return 0
    note(_("reseau remind now runs every hour. To stop it: reseau remind --uninstall"))
    return 0


def _uninstall() -> int:
    from reseau_tui.services import reminder_timer

    outcome = reminder_timer.uninstall(system())
    for path in outcome.removed:
        note(_("Removed {path}", path=str(path)))
    for path in outcome.left:
        note(_("Left {path} alone: reseau did not write it.", path=str(path)))
    if not outcome.removed and not outcome.left:
        note(_("No reminder timer written by reseau was found."))
        if outcome.kind == "cron":
            note(_("If you added the line to your crontab, remove it with: crontab -e"))
    if outcome.failed:
        _failures(outcome.failed)
        return 1
    return 0


def _failures(failed: list[tuple[str, str]]) -> None:
    for command, said in failed:
        error(_("{command} failed: {output}", command=command, output=said or "?"))
