"""The app in a browser (`reseau serve`): textual-serve, behind a token.

textual-serve runs one app process per browser tab and has no access control
of its own: whoever reaches the port drives the app, and so reads and changes
the whole network. So every request must carry the token printed at start,
in the address (`?token=…`) or, after the first page, in a cookie that page
set (HttpOnly, SameSite=Strict: another site open in the same browser cannot
use it). Without it: 403, and nothing starts. The app's websocket also checks
that it is opened by the page itself (its Origin), and the page loads nothing
from anywhere else (a Content-Security-Policy: textual-serve's page would
otherwise fetch a font from the internet).

Each tab is a separate app on the same file, as when two terminals are open:
each save takes the others' changes in first, under the store's lock.

Only imported by `reseau serve`, and only when the `web` extra is installed.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

COOKIE = "reseau_token"
PHONE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host`: "localhost", 127.0.0.0/8, ::1."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a name: whatever it resolves to, it was asked for explicitly


class GuardedServer(Server):
    """textual-serve's server, answering only requests that carry the token."""

    def __init__(self, command: str, host: str, port: int, token: str) -> None:
        super().__init__(command, host=host, port=port, title="reseau")
        self.token = token

    def has_token(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.has_token(request):
            raise web.HTTPForbidden(
                text="reseau: this address needs the token printed by `reseau serve`.\n"
            )
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin and urlsplit(origin).netloc != request.host:
            raise web.HTTPForbidden(text="reseau: the app opens from its own page only.\n")
        response = await handler(request)
        if not response.prepared:  # (a websocket's answer is long gone by now)
            if request.query.get("token"):
                response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict")
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["Cache-Control"] = "no-store"
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; "
                f"connect-src 'self' ws://{request.host} wss://{request.host}; "
                "img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                "script-src 'self' 'unsafe-inline'; font-src 'self' data:; "
                "frame-ancestors 'none'"
            )
        return response

    async def handle_index(self, request: web.Request) -> Any:
        # The page links to its script and websocket with absolute addresses: made from
        # the address the browser used (a tunnel's port, a name on a private network),
        # not the one the server listens on. (Set and read before any await: no other
        # request runs in between.)
        self.public_url = f"{request.scheme}://{request.host}"
        page = await super().handle_index(request)
        if isinstance(page, web.Response) and page.text:
            # A phone lays a page without this out 980 pixels wide, the app in tiny print.
            page.text = page.text.replace("<head>", f"<head>\n    {PHONE_VIEWPORT}", 1)
        return page

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: `reseau serve` says where it listens, in the user's language."""

    async def application(self) -> web.Application:
        app = await self._make_app()
        app.middlewares.append(self.guard)
        return app


async def start(server: GuardedServer) -> tuple[web.AppRunner, int]:
    """Listen; the runner (to stop it) and the port, the one the system chose for port 0.

    No access log: each line would hold the token.
    """
    runner = web.AppRunner(await server.application(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, server.host, server.port)
    try:
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    port = server.port
    for sock in getattr(site._server, "sockets", None) or ():
        port = sock.getsockname()[1]
        break
    return runner, port
