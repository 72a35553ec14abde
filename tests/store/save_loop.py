"""Saves a database over and over in child processes that the kill test ends with SIGKILL.

Run as `python save_loop.py DB`. It is a small fork server, so each round costs
one load of the database rather than a new interpreter. For each `round` line
on stdin it:

1. reaps the previous child, if any, and prints `dead PID` once it is gone
   (so everything that child printed comes before that line);
2. opens the database with a new `Network`, printing `opened COUNT` (the number
   of contacts) or `damaged MESSAGE`;
3. forks a child that adds a contact (and every third time logs a meeting with
   it), commits, and prints `saved ID` only after the commit has returned, again
   and again until it is killed; then prints `pid PID`.

`quit` reaps the last child and exits.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.store import DamagedDatabase

MAX_SAVES_PER_CHILD = 500  # a child nobody kills stops by itself


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def save_forever(network: Network, parent: int) -> None:
    for n in range(MAX_SAVES_PER_CHILD):
        if os.getppid() != parent:
            break
        contact = network.add_contact(f"Saved {os.getpid()}-{n}", company="Kill test")
        if n % 3 == 2:
            network.log_meeting([contact.id], note="Met right after adding them.")
        network.commit()
        say(f"saved {contact.id}")


def main() -> None:
    path = Path(sys.argv[1])
    clock = FixedClock.at("2026-11-26T10:00:00", "Europe/Paris")
    child = 0
    for line in sys.stdin:
        if child:
            os.waitpid(child, 0)
            say(f"dead {child}")
            child = 0
        if line.strip() != "round":
            break
        try:
            network = Network(path, clock)
        except DamagedDatabase as exc:
            say(f"damaged {exc}")
            continue
        say(f"opened {len(network.state.contacts)}")
        parent = os.getpid()
        child = os.fork()
        if child == 0:
            os.close(0)
            try:
                save_forever(network, parent)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
            os._exit(0)
        say(f"pid {child}")


if __name__ == "__main__":
    main()
