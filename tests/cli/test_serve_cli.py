"""`reseau serve`: the app in a browser, and only for whoever has the token it printed.

The server is the real command in its own process, on a port the system picks,
asked over real HTTP on 127.0.0.1, and stopped by the test.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import aiohttp
import pytest

from reseau_tui.cli import serve as serve_command
from reseau_tui.ui.web import is_loopback
from tests.cli.support import Shell


@dataclass
class Served:
    base: str  # http://127.0.0.1:PORT
    token: str
    process: subprocess.Popen[str]


@pytest.fixture
def served() -> Iterator[Served]:
    process = subprocess.Popen(
        [sys.executable, "-m", "reseau_tui", "serve", "--port", "0", "--demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        line = process.stdout.readline()  # printed once it listens
        found = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=([\w-]+)", line)
        assert found, (line, process.stderr.read() if process.poll() is not None else "")
        yield Served(found[1], found[2], process)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    assert process.returncode == 0


def get(url: str, **headers: str) -> tuple[int, str, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


def test_without_the_token_every_address_is_refused(served: Served) -> None:
    for path in ("/", "/static/js/textual.js", "/ws", "/?token=not-the-token"):
        status, body, _headers = get(served.base + path)
        assert status == 403, path
        assert "token" in body
    status, _body, _headers = get(served.base + "/", Cookie="reseau_token=guessed")
    assert status == 403


def test_with_the_token_the_page_of_the_app_is_served(served: Served) -> None:
    status, page, headers = get(f"{served.base}/?token={served.token}")
    assert status == 200
    assert "js/textual.js" in page
    assert 'name="viewport" content="width=device-width' in page  # a phone's own width
    assert f'data-session-websocket-url="ws://{served.base[7:]}/ws"' in page
    cookie = headers["Set-Cookie"]
    assert f"reseau_token={served.token}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "default-src 'self'" in headers["Content-Security-Policy"]  # no font from afar
    # What the page loads next carries the cookie, as a browser sends it.
    status, script, _headers = get(
        served.base + "/static/js/textual.js", Cookie=f"reseau_token={served.token}"
    )
    assert status == 200 and len(script) > 1000


def test_the_app_runs_for_a_browser_with_the_token_and_not_for_another_site(
    served: Served,
) -> None:
    async def first_screen(origin: str) -> bytes:
        received = b""
        async with (
            aiohttp.ClientSession(cookies={"reseau_token": served.token}) as session,
            session.ws_connect(
                served.base + "/ws?width=100&height=30", headers={"Origin": origin}
            ) as ws,
        ):
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                if b"Thank-you queue" in received:
                    break
        return received

    assert b"Thank-you queue" in asyncio.run(asyncio.wait_for(first_screen(served.base), 120))
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        asyncio.run(asyncio.wait_for(first_screen("http://evil.example"), 60))
    assert refused.value.status == 403


def test_only_this_machine_is_a_loopback_address() -> None:
    for here in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"):
        assert is_loopback(here), here
    for elsewhere in ("0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "my-laptop.local"):
        assert not is_loopback(elsewhere), elsewhere


def test_another_host_is_served_only_when_asked_and_with_a_warning(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, int]] = []

    async def refuse(server: object) -> object:  # records the address, listens nowhere
        asked.append((server.host, server.port))  # type: ignore[attr-defined]
        raise OSError(98, "Address already in use")

    monkeypatch.setattr("reseau_tui.ui.web.start", refuse)
    reseau = Shell(capsys)
    assert reseau("serve", "--port", "8123") == 1
    assert asked == [("127.0.0.1", 8123)]
    assert "warning" not in reseau.err
    assert "cannot listen on 127.0.0.1 port 8123: Address already in use" in reseau.err
    assert reseau("serve", "--host", "0.0.0.0", "--port", "8123") == 1
    assert asked[-1] == ("0.0.0.0", 8123)
    assert "warning: listening on 0.0.0.0" in reseau.err
    assert serve_command.LOOPBACK == "127.0.0.1"
