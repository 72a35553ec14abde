"""The app on a real terminal (a pseudo-terminal the test holds), saving only when it must.

Run as `python hangup_child.py DB REPORT_FD`, with the terminal as stdin, stdout
and stderr, in a session of its own: the terminal becomes its controlling
terminal, so closing it hangs the app up as closing a terminal window does.
The save delay is an hour, so a change stays pending until something saves it:
the hangup, or nothing. It reports on REPORT_FD, one line each:

- `ready` once the main screen is drawn, `form` once the contact form is;
- `typed VALUE` each time a field's text changes (keys are queued: typing on
  before they are in the field would save an empty form);
- `pending N` once a change is applied and waiting to be saved;
- `exit CODE` when the app returns (a process killed by the signal never says it).
"""

from __future__ import annotations

import fcntl
import os
import sys
import termios
from pathlib import Path
from typing import Any

from textual.widgets import Input

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp
from reseau_tui.ui.screens.contact_form import ContactForm

CLOCK = "2026-11-26T10:00:00"


def main() -> None:
    path, report = Path(sys.argv[1]), int(sys.argv[2])
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # the terminal this session hangs up with

    def say(line: str) -> None:
        os.write(report, (line + "\n").encode("utf-8"))

    class WaitingApp(ReseauApp):
        CSS_PATH = str(Path(sys.modules[ReseauApp.__module__].__file__ or "").with_name("app.tcss"))

        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(say, "ready")

        def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
            shown = super().push_screen(screen, *args, **kwargs)
            if isinstance(screen, ContactForm):
                self.call_after_refresh(say, "form")
            return shown

        def on_input_changed(self, event: Input.Changed) -> None:
            say(f"typed {event.value}")

        def schedule_save(self) -> None:
            super().schedule_save()
            say(f"pending {self.network.store.pending}")

    app = WaitingApp(Network(path, FixedClock.at(CLOCK)), tick_seconds=3600, save_delay=3600)
    app.run()
    say(f"exit {app.return_code}")


if __name__ == "__main__":
    main()
