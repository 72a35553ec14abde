"""Entry point: parse arguments, open the database, run one command, exit with its status.

Exit status: 0 success, 1 refused operation or bad input (nothing written),
2 usage error. The TUI (and Textual) is imported only when it is opened, and
each command imports what it runs only when it runs: `reseau --version` and
`reseau --help` cost little more than starting Python.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reseau_tui import __version__
from reseau_tui.i18n import _, set_language, translate_argparse

if TYPE_CHECKING:
    from reseau_tui.cli.context import Context

VERSION = "reseau " + __version__  # a name and a number: the same in every language
Command = Callable[["Context", argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    from reseau_tui.cli import (
        contacts,
        duplicates,
        edit,
        followups,
        lookup,
        meeting,
        privacy,
        remind,
        serve,
        settings,
        sync,
        transfer,
        undo,
    )

    parser = argparse.ArgumentParser(
        prog="reseau",
        description=_(
            "Keep your professional network alive: contacts, a meeting journal and "
            "a thank-you queue."
        ),
        epilog=_("Run without a command to open the full-screen app."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=VERSION,
        help=_("show the version and exit"),
    )
    _add_shared_options(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("open the app on sample data (your database is not touched)"),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    contacts.register(sub)
    edit.register(sub)
    followups.register(sub)
    transfer.register(sub)
    duplicates.register(sub)
    vdir = sync.register(sub)  # `reseau sync vdir`
    privacy.register(sub)
    settings.register(sub)
    remind.register(sub)
    serve.register(sub)
    undo.register(sub)
    nested = meeting.register(sub)  # `reseau meeting edit`, `reseau meeting delete`
    lookup.register(sub)
    for command in [*sub.choices.values(), *nested, vdir]:
        _add_shared_options(command, default=argparse.SUPPRESS)
    return parser


def _add_shared_options(parser: argparse.ArgumentParser, **default: Any) -> None:
    """`--db` and `--lang`, taken before the command (`reseau --db F due`) or after it
    (`reseau due --db F`). After it, their default is SUPPRESS: a command not given
    them keeps what was given before it."""
    parser.add_argument(
        "--db",
        metavar=_("PATH"),
        type=Path,
        help=_("database file (default: $RESEAU_DB, else your data folder)"),
        **default,
    )
    parser.add_argument("--lang", choices=("en", "fr"), help=_("language of messages"), **default)


def _requested_language(argv: Sequence[str]) -> str | None:
    """The `--lang` value, read before the parser is built: its texts depend on it."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # what argparse would say, without building the parser
        print(VERSION)
        return 0
    from reseau_tui.cli.output import error
    from reseau_tui.config import startup_language

    set_language(startup_language(_requested_language(args_list), warn=error))
    translate_argparse()
    parser = build_parser()
    args = parser.parse_args(args_list)
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Open the app, or run the command `args` names, saying what went wrong if anything did."""
    from reseau_tui.cli import sync
    from reseau_tui.cli.context import Context, Refused
    from reseau_tui.cli.output import error, invalid_input_message
    from reseau_tui.domain.errors import InvalidInput
    from reseau_tui.locations import PathProblem, database_path
    from reseau_tui.store.errors import DamagedDatabase, SaveError

    if args.command is None:
        from reseau_tui.ui.launch import run_app

        try:
            db = args.db if args.demo else database_path(args.db)
        except PathProblem as exc:
            error(exc.describe())
            return 1
        return run_app(db, demo=args.demo)
    handler: Command = args.handler
    try:
        ctx = Context(args.db)
        status = handler(ctx, args)
        sync.notice_waiting_copies(ctx)
        ctx.finish()
        return status
    except DamagedDatabase as exc:
        from reseau_tui.services.explain import damaged_database

        for line in damaged_database(exc):
            error(line)
        return 1
    except PathProblem as exc:
        error(exc.describe())
        return 1
    except SaveError as exc:
        error(
            _(
                "could not save {path}: {problem}. Nothing was written.",
                path=str(exc.path),
                problem=_(exc.problem, **exc.values),
            )
        )
        return 1
    except InvalidInput as exc:
        error(invalid_input_message(exc))
        return 1
    except Refused as exc:
        error(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `reseau contacts | head`: the reader has what it wanted; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
