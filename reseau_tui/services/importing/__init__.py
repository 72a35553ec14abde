"""Import: the use case behind `reseau import` and the app's import screen.

An import reads the whole file, checks every record, matches duplicates
against the database (profile link, then email, then name), then applies one
operation holding every change, so the next commit saves all of it or none of
it, even when another writer's change makes it replay. A name alone never
merges two records whose links, emails or phones disagree: such a record is
imported apart and reported as a possible duplicate, for the user to merge on
purpose (`services.duplicates`). A file with problems imports nothing unless
the caller asks to skip the invalid records. The caller commits
(`Network.commit`), so a dry run is simply an import without it.
"""

from __future__ import annotations

from pathlib import Path

from reseau_tui.io import ImportFormat, vdir
from reseau_tui.io.common import NotUtf8, Progress
from reseau_tui.services.importing.backup import import_backup
from reseau_tui.services.importing.contacts import import_contacts, parse_folder
from reseau_tui.services.importing.report import ImportReport, Tally, no_progress
from reseau_tui.services.network import Network

__all__ = ["ImportReport", "Tally", "import_file", "read_folder"]


def read_folder(folder: Path) -> list[tuple[str, bytes]]:
    """The `.vcf` files of a folder (a vdir), by name; raises `OSError`."""
    return [
        (name, (folder / name).read_bytes()) for name in sorted(vdir.list_items(folder, ".vcf"))
    ]


def import_file(
    network: Network,
    fmt: ImportFormat,
    data: bytes | list[tuple[str, bytes]],
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Read `data` as `fmt` and apply its records to `network` in one operation.

    Nothing is applied for a dry run, nor when the report is `blocked`. The
    caller commits. `progress(stage, done, total)` is called as records go by.
    `data` may be the files of a folder of cards, by name (`read_folder`): they
    are imported as one file, each problem said with the file it is in.
    """
    tick = progress or no_progress
    report = ImportReport(fmt, "record" if fmt == "json" else "row", skip_invalid=skip_invalid)
    try:
        if isinstance(data, list):
            operation = import_contacts(
                network, fmt, parse_folder(network, data, tick), report, tick
            )
        elif fmt == "json":
            operation = import_backup(network, data, report, tick)
        else:
            operation = import_contacts(network, fmt, data, report, tick)
    except NotUtf8 as exc:
        report.problems.append(exc.problem)
        return report
    if operation is not None and operation.changes and not dry_run and not report.blocked:
        tick("saving", 0, len(operation.changes))
        network.apply(operation)
        tick("saving", len(operation.changes), len(operation.changes))
        report.applied = True
    if report.after_save is not None and not dry_run and not report.blocked:
        network.when_saved(report.after_save)
    return report
