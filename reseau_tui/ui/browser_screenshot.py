"""The README's picture of the app in a browser: `python -m reseau_tui.ui.browser_screenshot [PNG]`.

Runs `reseau serve --demo` on a free port of 127.0.0.1, opens it in headless
Chromium (the system's package: `apt-get install chromium`) the size of a
phone in portrait, waits for the app's first screen, and saves it. Chromium is
driven through its DevTools protocol over a websocket, with aiohttp (the web
extra), so nothing else is needed.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import aiohttp

PHONE = {"width": 412, "height": 860, "deviceScaleFactor": 1, "mobile": False}
FONT_SIZE = 14  # about 50 columns across a phone
# The first screen is whole once its last pane and the footer are drawn.
READY = "/Detail[\\s\\S]*palette/.test(document.querySelector('.xterm-rows')?.innerText || '')"


def _serve() -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "reseau_tui", "serve", "--demo", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    found = re.search(r"http://\S+", server.stdout.readline())
    if not found:
        server.terminate()
        raise SystemExit("reseau serve did not start")
    return server, found[0]


async def _shoot(url: str, target: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("no chromium on the PATH (apt-get install chromium)")
    profile = Path(tempfile.mkdtemp())
    browser = subprocess.Popen(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--hide-scrollbars",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        for _ in range(600):
            if port_file.exists() and port_file.read_text().strip():
                break
            await asyncio.sleep(0.1)
        port = port_file.read_text().split()[0]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as answer:
                page = next(t for t in await answer.json() if t["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                calls = 0

                async def call(method: str, **params: Any) -> dict[str, Any]:
                    nonlocal calls
                    calls += 1
                    await ws.send_json({"id": calls, "method": method, "params": params})
                    async for message in ws:
                        data = json.loads(message.data)
                        if data.get("id") == calls:
                            return dict(data.get("result", {}))
                    raise SystemExit("chromium went away")

                await call("Emulation.setDeviceMetricsOverride", **PHONE)
                await call("Emulation.setFocusEmulationEnabled", enabled=True)  # as if in front
                await call("Page.navigate", url=f"{url}&fontsize={FONT_SIZE}")
                for _ in range(600):
                    shown = await call("Runtime.evaluate", expression=READY, returnByValue=True)
                    if shown.get("result", {}).get("value"):
                        break
                    await asyncio.sleep(0.1)
                # A tap on the status line, as a user's first: the terminal takes the keyboard
                # (until then the app is in the background, and no pane has the focus).
                for kind in ("mousePressed", "mouseReleased"):
                    await call(
                        "Input.dispatchMouseEvent",
                        type=kind,
                        x=300,
                        y=6,
                        button="left",
                        clickCount=1,
                    )
                await asyncio.sleep(2)  # the journal, read just after the first frame
                shot = await call("Page.captureScreenshot", format="png")
                target.write_bytes(base64.b64decode(shot["data"]))
    finally:
        browser.terminate()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("screenshots/browser.png")
    server, url = _serve()
    try:
        asyncio.run(_shoot(url, target))
    finally:
        server.terminate()
        server.wait()
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
