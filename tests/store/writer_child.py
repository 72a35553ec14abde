"""A writer in its own process, like the app left open while other commands save.

Run as `python writer_child.py DB NAME COUNT [FIELD CONTACT_ID]`. Waits for a
line on stdin (so several writers start together), then opens the database
once and, COUNT times, adds a contact named "NAME N", optionally sets FIELD of
the shared contact to "NAME N", commits, and prints `saved ID` only after the
commit has returned. A conflict is printed as `conflict REASON`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from reseau_tui.services.network import Network


def main() -> None:
    path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    field, shared = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else (None, None)
    sys.stdin.readline()
    network = Network(path)
    for n in range(count):
        contact = network.add_contact(f"{name} {n}")
        if field and shared:
            changes: dict[str, Any] = {field: f"{name} {n}"}
            network.edit_contact(shared, **changes)
        report = network.commit()
        for conflict in report.conflicts:
            print(f"conflict {conflict}", flush=True)
        print(f"saved {contact.id}", flush=True)


if __name__ == "__main__":
    main()
