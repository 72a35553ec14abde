"""`reseau serve`: the app in a browser, on this machine only unless told otherwise."""

from __future__ import annotations

import argparse
import shlex
import sys
from contextlib import suppress
from typing import Any

from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import error, note, say
from reseau_tui.i18n import _, current_language

LOOPBACK = "127.0.0.1"


def register(sub: Any) -> None:
    serve = sub.add_parser(
        "serve",
        help=_("open the app in a browser (needs the web extra)"),
        description=_(
            "Serve the app to a browser: on this machine only by default, and only to "
            "whoever has the address it prints, token included. Each browser tab is the app "
            "on the same database, as another terminal would be. Needs the web extra: "
            "pip install 'reseau-tui[web]'."
        ),
    )
    serve.add_argument(
        "--host",
        default=LOOPBACK,
        metavar=_("HOST"),
        help=_(
            "address to listen on (default: {host}, this machine only); another address "
            "lets other machines in",
            host=LOOPBACK,
        ),
    )
    serve.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar=_("PORT"),
        help=_("port to listen on (default: 8000; 0 picks a free one)"),
    )
    serve.add_argument(
        "--demo",
        action="store_true",
        help=_("serve the app on sample data (your database is not touched)"),
    )
    serve.set_defaults(handler=run_serve)


def app_command(ctx: Context, demo: bool) -> str:
    """The command each browser tab runs: the app, on this database, in this language."""
    where = ["--demo"] if demo else ["--db", str(ctx.path)]
    return shlex.join([sys.executable, "-m", "reseau_tui", *where, "--lang", current_language()])


def run_serve(ctx: Context, args: argparse.Namespace) -> int:
    import asyncio

    try:
        from reseau_tui.ui import web
    except ImportError:
        raise Refused(_("the browser needs the web extra: pip install 'reseau-tui[web]'")) from None
    if not 0 <= args.port <= 65535:
        raise Refused(_("--port must be between 0 and 65535"))
    if not web.is_loopback(args.host):
        error(
            _(
                "warning: listening on {host}: other machines can reach this address, and "
                "the connection is not encrypted. Use it only on a private network you "
                "trust (a VPN), never on the internet; an SSH tunnel is safer.",
                host=args.host,
            )
        )
    token = web.new_token()
    server = web.GuardedServer(app_command(ctx, args.demo), args.host, args.port, token)
    return asyncio.run(_serve(server, args.host, token))


async def _serve(server: Any, host: str, token: str) -> int:
    import asyncio
    import signal
    import socket

    from reseau_tui.ui import web

    try:
        runner, port = await web.start(server)
    except OSError as exc:
        raise Refused(
            _(
                "cannot listen on {host} port {port}: {reason}",
                host=host,
                port=server.port,
                reason=exc.strerror or str(exc),
            )
        ) from None
    shown = socket.gethostname() if host in ("0.0.0.0", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    say(_("reseau is served at: {url}", url=f"http://{shown}:{port}/?token={token}"))
    note(
        _(
            "Open that address in a browser: whoever has it, token included, can read and "
            "change your network. ctrl+c stops."
        )
    )
    sys.stdout.flush()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
    return 0
