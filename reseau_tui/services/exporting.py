"""Export: vCard, CSV, the JSON backup and iCalendar, from the network in memory.

Contacts come sorted by name and records through the codec, so two exports of
the same data are the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reseau_tui.domain.codec import (
    action_to_doc,
    contact_to_doc,
    meeting_to_doc,
    milestone_to_doc,
)
from reseau_tui.domain.models import Contact
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, MILESTONES, SETTINGS, SETTINGS_KEY
from reseau_tui.domain.text import fold
from reseau_tui.i18n import _
from reseau_tui.io import csv_contacts, ics, json_backup, vcard
from reseau_tui.services.followups import describe, draft
from reseau_tui.services.labels import kind_label
from reseau_tui.services.network import Network
from reseau_tui.store.migrations import CURRENT_SCHEMA


def _contacts_in_order(network: Network) -> list[Contact]:
    return sorted(network.state.contacts.values(), key=lambda c: (fold(c.name), c.name, c.id))


def _introducer_names(network: Network) -> dict[str, str]:
    return {cid: c.name for cid, c in network.state.contacts.items()}


def export_vcard(network: Network, version: vcard.Version | None = None) -> bytes:
    """Every contact's card; `version` None keeps each card's own (4.0 for reseau's).

    A contact that came from a card, unchanged since, gives that card again.
    """
    contacts = _contacts_in_order(network)
    text = vcard.write_vcards(contacts, _introducer_names(network), version, add_uid=False)
    return text.encode("utf-8")


def export_csv(network: Network, *, excel: bool = False) -> bytes:
    """Comma-separated UTF-8; with `excel`, what Excel opens as is in French and most of
    Europe: semicolons (the comma is the decimal mark there), a byte-order mark,
    without which accents come out as "ZoÃ«", and phone numbers as text, which
    keep their 0 and +. The importer reads both."""
    contacts, names = _contacts_in_order(network), _introducer_names(network)
    if excel:
        text = csv_contacts.write_csv(contacts, names, delimiter=";", excel=True)
        return ("\ufeff" + text).encode("utf-8")
    return csv_contacts.write_csv(contacts, names).encode("utf-8")


def export_json(network: Network) -> bytes:
    """Everything: restoring it into an empty database gives the same database.

    Records go through the codec, so their fields always come in the same order
    and two backups of the same data are the same bytes.
    """
    state = network.state
    docs: dict[str, list[dict[str, Any]]] = {
        CONTACTS: [contact_to_doc(c) for c in state.contacts.values()],
        MEETINGS: [meeting_to_doc(m) for m in state.meetings.values()],
        MILESTONES: [milestone_to_doc(m) for m in state.milestones.values()],
        ACTIONS: [action_to_doc(a) for a in state.actions.values()],
    }
    stored = network.store.tables.get(SETTINGS, {}).get(SETTINGS_KEY)
    settings = dict(sorted(stored.items())) if stored is not None else None
    return json_backup.dump_backup(docs, settings, CURRENT_SCHEMA, network.now().isoformat())


def calendar_entries(network: Network, at: datetime | None = None) -> list[ics.Entry]:
    """Every open follow-up (upcoming, due, overdue, snoozed) with its draft message."""
    now = at or network.now()
    tz = network.clock.tz
    state = network.state
    today: date = now.astimezone(tz).date()
    entries = []
    for item in network.queue(now).items:
        view = describe(item, state, now, tz)
        due = item.snoozed_until if item.state == "snoozed" and item.snoozed_until else item.due
        text = draft(item, state, tz)
        about = f"{view.about}\n\n" if view.about else ""
        entries.append(
            ics.Entry(
                item_id=item.id,
                summary=_("{kind}: {person}", kind=view.kind, person=view.person),
                description=about + text,
                due=due,
                day=max(due.astimezone(tz).date(), today),
                category=kind_label(item.kind),
            )
        )
    return entries


def export_ics(network: Network, *, events: bool = False) -> bytes:
    entries = calendar_entries(network)
    return ics.write_calendar(
        entries, now=network.now(), events=events, name=_("reseau follow-ups")
    )
