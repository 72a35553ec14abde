"""A follow-up as the shell's JSON output gives it, with its words and its draft."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reseau_tui.cli.context import Context
from reseau_tui.domain.engine import FollowUp
from reseau_tui.services.followups import describe, draft


def item_json(ctx: Context, item: FollowUp, at: datetime) -> dict[str, Any]:
    """A follow-up as `--json` prints it, for `due` and `remind` alike."""
    state = ctx.network.state
    tz = ctx.network.clock.tz
    view = describe(item, state, at, tz)
    data: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind,
        "contact_id": item.contact_id,
        "contact": view.person,
        "due": item.due.astimezone(tz).isoformat(),
        "overdue_at": item.overdue_at.astimezone(tz).isoformat(),
        "state": item.state,
        "about": view.about,
        "draft": draft(item, state, tz),
    }
    for key in ("meeting_id", "promise_id", "milestone_id"):
        if getattr(item, key):
            data[key] = getattr(item, key)
    if item.snoozed_until:
        data["snoozed_until"] = item.snoozed_until.astimezone(tz).isoformat()
    return data
