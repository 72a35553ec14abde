"""A reseau that took the commit lock and stopped there (as if suspended with ctrl+z).

    python lock_holder.py DB [SECONDS]

Takes the lock through reseau's own `commit_lock` (so its pid is in the lock
file), prints "held", then keeps it until a line arrives on stdin, or for
SECONDS (default `SAFETY`) at most: a writer that would wait for it forever
(the fault these tests are about) ends up failing them, not hanging the suite.
"""

from __future__ import annotations

import select
import sys
from pathlib import Path

from reseau_tui.store.files import commit_lock

SAFETY = 60

if __name__ == "__main__":
    with commit_lock(Path(sys.argv[1])):
        print("held", flush=True)
        select.select([sys.stdin], [], [], float(sys.argv[2]) if len(sys.argv) > 2 else SAFETY)
