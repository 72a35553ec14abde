"""What `reseau remind` tells: the follow-ups that became due or overdue since its last run.

It is meant for a timer (every hour), so it must say each thing once: a
thank-you announced at 10:00 is not announced again at 11:00, nor when it
turns overdue. What was announced is remembered per database in a small file
beside the kept findings (follow-up ids and the instant each became due: no
names, no notes), private like them. An item comes back only when it
becomes due anew: after a snooze, or next year's birthday. Done or dismissed
items are forgotten, so the file stays as small as the queue.

Losing that file (a `reseau forget`, a cleaned cache) costs one repeat of
what is due, never a missed reminder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC
from pathlib import Path

import orjson

from reseau_tui.domain.engine import FollowUp
from reseau_tui.locations import reminded_file
from reseau_tui.services.network import Network
from reseau_tui.store.derived import database_prefix, read_cached, write_cached

FORMAT = 1


def became_due_at(item: FollowUp) -> str:
    """The instant an item became due, as kept: moved by a snooze, the same otherwise."""
    return item.due.astimezone(UTC).isoformat()


def to_announce(actionable: Iterable[FollowUp], announced: Mapping[str, str]) -> list[FollowUp]:
    """The due and overdue items not announced yet for the time they became due."""
    return [item for item in actionable if announced.get(item.id) != became_due_at(item)]


def remembered(
    open_items: Iterable[FollowUp], announced: Mapping[str, str], new: Iterable[FollowUp]
) -> dict[str, str]:
    """What to remember after announcing `new`: only items still open (the rest never return)."""
    still_open = {item.id for item in open_items}
    kept = {iid: at for iid, at in announced.items() if iid in still_open}
    kept.update({item.id: became_due_at(item) for item in new})
    return kept


def read_announced(db: Path) -> dict[str, str]:
    """What was announced for this database; empty when nothing was, or it cannot be read."""
    found = read_cached(reminded_file(database_prefix(db)))
    if found is None or found.get("format") != FORMAT or found.get("database") != str(db):
        return {}
    items = found.get("announced")
    if not isinstance(items, dict):
        return {}
    return {k: v for k, v in items.items() if isinstance(k, str) and isinstance(v, str)}


def write_announced(db: Path, announced: Mapping[str, str]) -> bool:
    """Remember what was announced (atomic, 0600, like the findings); False when it cannot."""
    data = {"format": FORMAT, "database": str(db), "announced": dict(sorted(announced.items()))}
    return write_cached(reminded_file(database_prefix(db)), orjson.dumps(data))


def newly_due(network: Network, db: Path) -> tuple[list[FollowUp], dict[str, str]]:
    """The items to announce now, and what to remember once they have been told."""
    queue = network.queue()
    announced = read_announced(db)
    new = to_announce(queue.actionable(), announced)
    return new, remembered(queue.items, announced, new)
