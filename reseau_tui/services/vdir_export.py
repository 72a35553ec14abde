"""`reseau export vcard --vdir DIR` and `reseau export ics --vdir DIR`: one file per item.

Contacts: each contact's card, under the name a sync of that folder gave it,
else its UID (`io.vdir.name_for`). A card whose file already holds exactly
it is not written again, so a folder that vdirsyncer watches only sees the
cards that changed. Nothing is deleted: `reseau sync vdir` carries deletions,
by its rules.

Follow-ups: each open one (due, overdue, upcoming, snoozed) is one `.ics`
file named by its stable UID (`reseau-<id>.ics`); the files of follow-ups no
longer open (done, dismissed, lapsed) are removed, so khal stops showing
them. Only files reseau wrote (that name, a UID ending in `@reseau`) are
ever removed. An entry is rewritten only when more than its time stamp
changed.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from reseau_tui.i18n import N_, _
from reseau_tui.io import ics, vdir
from reseau_tui.io.vcard_write import card_uid, write_card
from reseau_tui.services.exporting import calendar_entries
from reseau_tui.services.network import Network
from reseau_tui.services.vdir_sync import FolderProblem, checked_folder
from reseau_tui.store import SaveError
from reseau_tui.store.card_state import CardStateError, load_state
from reseau_tui.store.files import atomic_write, fsync_folder

ICS_PREFIX = "reseau-"
_STAMP = re.compile(rb"^DTSTAMP[;:].*\r\n", re.MULTILINE)


@dataclass
class FolderExport:
    folder: Path
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[str] = field(default_factory=list)  # files that could not be written


def _put(folder: Path, name: str, data: bytes, report: FolderExport, same: bytes | None) -> None:
    path = folder / name
    try:
        current = path.read_bytes()
    except OSError:
        current = None
    if current is not None and (
        current == data or (same is not None and _unstamped(current) == same)
    ):
        report.unchanged += 1
        return
    try:
        atomic_write(path, data, folder_sync=False)  # the folder once, at the end
    except SaveError:
        report.failed.append(name)
        return
    report.written += 1


def export_vcard_folder(network: Network, folder: Path) -> FolderExport:
    """Every contact's card into the folder; raises `FolderProblem`."""
    folder = checked_folder(folder)
    report = FolderExport(folder)
    try:
        synced = load_state(network.path).folders.get(str(folder), {})
    except CardStateError:
        synced = {}
    names = {f.contact: href for href, f in synced.items()}
    contacts = network.state.contacts
    taken = set(names.values())
    introducers = {cid: c.name for cid, c in contacts.items()}
    for c in sorted(contacts.values(), key=lambda c: c.id):
        name = names.get(c.id)
        if name is None:
            name = vdir.name_for(c.card_uid or card_uid(c), c.id, ".vcf", taken)
            taken.add(name)
        data = write_card(c, introducers.get(c.introduced_by or "", "")).encode("utf-8")
        _put(folder, name, data, report, None)
    _durable(folder, report)
    return report


def _unstamped(data: bytes) -> bytes:
    return _STAMP.sub(b"", data)


def export_ics_folder(network: Network, folder: Path, *, events: bool = False) -> FolderExport:
    """Each open follow-up as one `.ics` file; the files of the others removed."""
    folder = checked_folder(folder)
    report = FolderExport(folder)
    now = network.now()
    wanted: set[str] = set()
    for entry in calendar_entries(network, now):
        name = f"{ICS_PREFIX}{entry.item_id}{'-event' if events else ''}.ics"
        wanted.add(name)
        data = ics.write_calendar([entry], now=now, events=events, name=_("reseau follow-ups"))
        _put(folder, name, data, report, _unstamped(data))
    try:
        present = vdir.list_items(folder, ".ics")
    except OSError as exc:
        raise FolderProblem(
            N_("{path} cannot be read ({reason})"), path=str(folder), reason=exc.strerror
        ) from None
    for name in sorted(set(present) - wanted):
        if name.startswith(ICS_PREFIX) and _ours(folder / name):
            try:
                os.unlink(folder / name)
            except OSError:
                report.failed.append(name)
                continue
            report.removed += 1
    _durable(folder, report)
    return report


def _durable(folder: Path, report: FolderExport) -> None:
    if report.written or report.removed:
        with suppress(OSError):
            fsync_folder(folder)


def _ours(path: Path) -> bool:
    try:
        text = path.read_bytes()
    except OSError:
        return False
    return (
        re.search(rb"^UID:[^\r\n]*@" + ics.UID_DOMAIN.encode() + rb"\r?$", text, re.MULTILINE)
        is not None
    )
