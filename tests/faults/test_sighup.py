"""Closing the terminal (SIGHUP) while a change waits to be saved: the change is saved.

The app runs in a real process on a pseudo-terminal (hangup_child.py), keys
typed into it as a user types them. Its save delay is an hour, so the new
contact is only in memory when the terminal goes: by an explicit SIGHUP, or by
closing the terminal itself, which makes the system send it. Either way the
app saves before it leaves, and the next open finds the contact.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network

CHILD = Path(__file__).with_name("hangup_child.py")
CTRL_S = "\x13"


class Terminal:
    """A pseudo-terminal with the app in it; what the app draws is read and dropped."""

    def __init__(self, db: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.report, report_w = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), str(report_w)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            pass_fds=(report_w,),
            start_new_session=True,
            env={**os.environ, "TERM": "xterm-256color"},
        )
        os.close(slave)
        os.close(report_w)
        self.buffer = b""
        self.stop = threading.Event()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        while not self.stop.is_set():
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    if not os.read(self.master, 65536):
                        return
                except OSError:
                    return

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def expect(self, word: str, timeout: float = 60.0) -> str:
        """The next report line, which must start with `word` (a stuck app fails the test)."""
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.report], [], [], timeout)
            assert ready, f"no word from the app; so far: {self.buffer!r}"
            chunk = os.read(self.report, 4096)
            assert chunk, f"the app ended before saying {word!r}; so far: {self.buffer!r}"
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        text = line.decode("utf-8")
        assert text.split(" ")[0] == word, f"expected {word!r}, got {text!r}"
        return text

    def expect_line(self, wanted: str) -> None:
        """Report lines up to `wanted`, skipping those of the same kind on the way."""
        while self.expect(wanted.split(" ")[0]) != wanted:
            pass

    def close(self) -> None:
        """Close the terminal, as closing its window does."""
        self.stop.set()
        self.reader.join()
        os.close(self.master)

    def ended(self) -> int:
        return self.proc.wait(timeout=60)

    def cleanup(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=60)
        if not self.stop.is_set():
            self.close()
        os.close(self.report)


@pytest.mark.parametrize("hangup", ["sighup", "terminal-closed"])
def test_a_change_waiting_to_be_saved_is_saved_when_the_terminal_goes(
    hangup: str, db_path: Path, clock: FixedClock
) -> None:
    seed = Network(db_path, clock)
    seed.add_contact("Camille Martin")
    seed.commit()
    terminal = Terminal(db_path)
    try:
        terminal.expect("ready")
        terminal.type("n")
        terminal.expect("form")
        terminal.type("Zoë N'Diaye")
        terminal.expect_line("typed Zoë N'Diaye")  # in the field: keys typed faster are queued
        terminal.type(CTRL_S)
        assert terminal.expect("pending") == "pending 1"  # in memory only: saved in an hour
        if hangup == "sighup":
            os.kill(terminal.proc.pid, signal.SIGHUP)
        else:
            terminal.close()
        status = terminal.ended()
    finally:
        terminal.cleanup()
    assert status == 0, f"the app did not leave cleanly: {status}"
    names = sorted(c.name for c in Network(db_path, clock).state.contacts.values())
    assert names == ["Camille Martin", "Zoë N'Diaye"]
