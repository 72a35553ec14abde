"""Real programs for the CardDAV tests: a Radicale server, vdirsyncer and khard.

Radicale runs on 127.0.0.1 on a free port with its storage in the test's
temporary folder, and is stopped at the end, whatever happens. vdirsyncer
runs with the configuration the README gives (read from it), its status in
the temporary folder too. The commands run as
subprocesses with the test's HOME and XDG folders (tests/conftest.py).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reseau_tui.cli.main import main

BIN = Path(sys.executable).parent
START_WITHIN = 20.0  # seconds for the server to answer, at most (never waited out when it does)
RUN_WITHIN = 60.0  # seconds for one vdirsyncer or khard command, at most


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


@dataclass
class Server:
    url: str  # the address book, ending in /

    def request(self, method: str, href: str = "", data: bytes | None = None) -> bytes:
        req = urllib.request.Request(self.url + href, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "text/vcard; charset=utf-8")
        with urllib.request.urlopen(req, timeout=RUN_WITHIN) as answer:
            body: bytes = answer.read()
            return body

    def put(self, href: str, card: bytes) -> None:
        self.request("PUT", href, card)

    def get(self, href: str) -> bytes:
        return self.request("GET", href)

    def delete(self, href: str) -> None:
        self.request("DELETE", href)

    def cards(self) -> dict[str, bytes]:
        """Every card of the address book by its name on the server (vdirsyncer picks the
        names of the cards it uploads)."""
        req = urllib.request.Request(self.url, method="PROPFIND")
        req.add_header("Depth", "1")
        with urllib.request.urlopen(req, timeout=RUN_WITHIN) as answer:
            listing = answer.read().decode()
        names = re.findall(r"<(?:\w+:)?href>[^<]*/([^/<]+\.vcf)</(?:\w+:)?href>", listing)
        return {name: self.get(name) for name in names}

    def card_of(self, name: str) -> tuple[str, bytes]:
        """The name on the server and the text of the one card with `FN:name`."""
        (found,) = [(h, c) for h, c in self.cards().items() if f"FN:{name}".encode() in c]
        return found


_ADDRESS_BOOK = (
    b'<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
    b"<set><prop><resourcetype><collection/><C:addressbook/></resourcetype>"
    b"<displayname>Contacts</displayname></prop></set></mkcol>"
)


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Server]:
    """A Radicale server with one empty address book, `/camille/contacts/`."""
    port = _free_port()
    log = (tmp_path / "radicale.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--storage-filesystem-folder",
            str(tmp_path / "radicale"),
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--auth-type",
            "none",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + START_WITHIN
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        "Radicale did not start: " + (tmp_path / "radicale.log").read_text()
                    )
                time.sleep(0.05)  # the next attempt, not a wait for time to pass
        root = f"http://127.0.0.1:{port}/camille/"
        urllib.request.urlopen(urllib.request.Request(root, method="MKCOL"), timeout=10).close()
        book = Server(root + "contacts/")
        req = urllib.request.Request(book.url, data=_ADDRESS_BOOK, method="MKCOL")
        req.add_header("Content-Type", "application/xml")
        urllib.request.urlopen(req, timeout=10).close()
        yield book
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


README = Path(__file__).parents[2] / "README.md"


def vdirsyncer_config(cards: Path, status: Path, url: str) -> str:
    """The configuration the README gives, with this test's folders, server and password."""
    blocks = re.findall(r"```ini\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    (config,) = [str(b) for b in blocks if "[pair reseau_contacts]" in b]
    for key, value in (
        ("status_path", f'"{status}/"'),
        ("path", f'"{cards}/"'),
        ("url", f'"{url}"'),
        ("password.fetch", '["command", "echo", "anything"]'),
    ):
        config, found = re.subn(rf"^{re.escape(key)} = .*$", f"{key} = {value}", config, flags=re.M)
        assert found == 1, f"the README's vdirsyncer configuration has no {key}"
    return config


@dataclass
class Tools:
    """vdirsyncer, khard and reseau, on one folder of cards and one database."""

    cards: Path
    db: Path
    vdirsyncer_conf: Path
    khard_conf: Path

    def run(self, *args: str, stdin: str = "") -> str:
        done = subprocess.run(
            args,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=RUN_WITHIN,
            env=os.environ.copy(),
        )
        assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
        out: str = done.stdout
        return out

    def vdirsyncer(self, *args: str) -> str:
        return self.run(_tool("vdirsyncer"), "-c", str(self.vdirsyncer_conf), *args)

    def khard(self, *args: str, stdin: str = "") -> str:
        return self.run(_tool("khard"), "-c", str(self.khard_conf), *args, stdin=stdin)

    def reseau(self, *args: str) -> int:
        try:
            return main(["--db", str(self.db), *args])
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 1

    def sync(self, *args: str) -> None:
        """`reseau sync vdir` on the cards, then vdirsyncer both ways."""
        assert self.reseau("sync", "vdir", str(self.cards), *args) == 0
        self.vdirsyncer("sync")


@pytest.fixture
def tools(tmp_path: Path, radicale: Server) -> Tools:
    cards = tmp_path / "cards"
    cards.mkdir()
    conf = tmp_path / "vdirsyncer.conf"
    conf.write_text(vdirsyncer_config(cards, tmp_path / "vdirsyncer-status", radicale.url))
    khard = tmp_path / "khard.conf"
    khard.write_text(
        f"[addressbooks]\n[[reseau]]\npath = {cards}\n\n"
        "[general]\neditor = /bin/false\nmerge_editor = /bin/false\n"
    )
    made = Tools(cards, tmp_path / "reseau.json", conf, khard)
    made.vdirsyncer("discover", "reseau_contacts")
    return made
