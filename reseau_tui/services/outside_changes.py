"""What another writer changed, in words: "1 meeting logged elsewhere."

The app takes in the file when a shell command, another window or a sync
wrote it. Saying what came in lets the user trust what they now see, instead
of wondering why the lists moved. The tables before and after are compared by
record id (set operations in C), then record by record where both have it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, MILESTONES, SETTINGS
from reseau_tui.i18n import _, n_

Tables = Mapping[str, Mapping[str, Any]]
Counts = Counter[tuple[str, str]]  # (table, insert/update/remove) -> records
_TABLES = (CONTACTS, MEETINGS, ACTIONS, MILESTONES, SETTINGS)


def count_changes(before: Tables, after: Tables) -> Counts:
    """How many records of each table were added, changed and removed between two versions."""
    counts: Counts = Counter()
    for table in _TABLES:
        old, new = before.get(table, {}), after.get(table, {})
        old_ids, new_ids = old.keys(), new.keys()
        counts[table, "insert"] = len(new_ids - old_ids)
        counts[table, "remove"] = len(old_ids - new_ids)
        counts[table, "update"] = sum(1 for rid in old_ids & new_ids if old[rid] != new[rid])
    return +counts  # zero counts dropped


def describe(counts: Counts) -> str:
    """ "1 meeting logged, 2 contacts added elsewhere." ("" when nothing the user sees changed)."""
    words: dict[tuple[str, str], Callable[[int], str]] = {
        (MEETINGS, "insert"): lambda n: n_("{count} meeting logged", "{count} meetings logged", n),
        (MEETINGS, "update"): lambda n: n_("{count} meeting edited", "{count} meetings edited", n),
        (MEETINGS, "remove"): lambda n: n_(
            "{count} meeting deleted", "{count} meetings deleted", n
        ),
        (CONTACTS, "insert"): lambda n: n_("{count} contact added", "{count} contacts added", n),
        (CONTACTS, "update"): lambda n: n_("{count} contact edited", "{count} contacts edited", n),
        (CONTACTS, "remove"): lambda n: n_(
            "{count} contact removed", "{count} contacts removed", n
        ),
        (ACTIONS, "insert"): lambda n: n_(
            "{count} follow-up decided", "{count} follow-ups decided", n
        ),
        (MILESTONES, "insert"): lambda n: n_(
            "{count} milestone recorded", "{count} milestones recorded", n
        ),
    }
    parts = [say(counts[key]) for key, say in words.items() if counts[key]]
    if any(table == SETTINGS for table, _kind in counts):
        parts.append(_("the settings changed"))
    if not parts:
        return ""
    return _("{changes} elsewhere.", changes=", ".join(parts))
