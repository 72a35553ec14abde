"""`reseau import` and `reseau export`."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import error, note, say
from reseau_tui.domain.text import printable, printable_lines
from reseau_tui.i18n import Num, _, n_, number
from reseau_tui.io import EXPORT_FORMATS, IMPORT_FORMATS

if TYPE_CHECKING:
    from reseau_tui.io.vcard_write import Version

# services.importing and services.exporting (with vobject and icalendar) are imported by the
# two commands that use them, so that every other command starts that much faster.

PROGRESS_FROM = 1_000  # records; smaller files are done before a bar would be seen


def register(sub: Any) -> None:
    imp = sub.add_parser(
        "import",
        help=_("import contacts (vCard, LinkedIn, CSV) or a JSON backup"),
        description=_(
            "Import contacts from a vCard file (phone, Google, Apple, Outlook), LinkedIn's "
            "Connections.csv, a spreadsheet saved as CSV, or restore a JSON backup. "
            "People already in your network are matched by profile link, email, then name: "
            "their empty fields are filled, nothing you typed is overwritten. A name alone "
            "never merges two people whose emails, phones or links differ: they are "
            "imported apart and reported (reseau duplicates lists them). A file with "
            "problems imports nothing unless you pass --skip-invalid."
        ),
    )
    imp.add_argument(
        "format",
        choices=IMPORT_FORMATS,
        metavar=_("FORMAT"),
        help=_("one of: {choices}", choices=", ".join(IMPORT_FORMATS)),
    )
    imp.add_argument(
        "file",
        metavar=_("FILE"),
        help=_("the file to read (- for standard input); for vcard, a folder of .vcf files too"),
    )
    imp.add_argument(
        "--dry-run", action="store_true", help=_("report what would be imported; write nothing")
    )
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help=_("import the valid records even if some have problems"),
    )
    imp.set_defaults(handler=run_import)

    exp = sub.add_parser(
        "export",
        help=_("export contacts (vCard, CSV), a JSON backup, or follow-ups (iCalendar)"),
        description=_(
            "Write all contacts as vCard or CSV, everything as a JSON backup, or the open "
            "follow-ups as an iCalendar file (to-dos, or events with --events). "
            "Standard output by default."
        ),
    )
    exp.add_argument(
        "format",
        choices=EXPORT_FORMATS,
        metavar=_("FORMAT"),
        help=_("one of: {choices}", choices=", ".join(EXPORT_FORMATS)),
    )
    exp.add_argument(
        "-o",
        "--output",
        metavar=_("FILE"),
        help=_("write to FILE (replaced atomically, readable only by you)"),
    )
    exp.add_argument(
        "--vcard-version",
        choices=("3", "4"),
        help=_(
            "vCard version (default: each card in its own, 4 for contacts made here; "
            "3 for older address books)"
        ),
    )
    exp.add_argument(
        "--vdir",
        metavar=_("FOLDER"),
        help=_(
            "vcard, ics: one file per contact or follow-up in FOLDER (as khard, khal and "
            "vdirsyncer keep them); only the files that change are written"
        ),
    )
    exp.add_argument(
        "--events",
        action="store_true",
        help=_("iCalendar: all-day events instead of to-dos"),
    )
    exp.add_argument(
        "--excel",
        action="store_true",
        help=_(
            "CSV for Excel: semicolons and a byte-order mark, so accents and columns open right"
        ),
    )
    exp.set_defaults(handler=run_export)


# --- import ------------------------------------------------------------------------------


class ProgressBar:
    """A one-line bar on stderr, redrawn in place; only on a terminal and for large files."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.shown = False
        self._last: tuple[str, int] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        filled = self.width * done // total
        if self._last == (stage, filled) and done != total:
            return
        self._last = (stage, filled)
        label = {
            "reading": _("reading"),
            "checking": _("checking"),
            "matching": _("matching"),
            "saving": _("saving"),
        }.get(stage, stage)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{label:<10} [{bar}] {number(done)}/{number(total)}\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _read_input(file: str, folder: bool = False) -> tuple[bytes | list[tuple[str, bytes]], str]:
    """The file's bytes, or with `folder` the `.vcf` files of a folder given instead."""
    if file == "-":
        return sys.stdin.buffer.read(), _("standard input")
    path = Path(file).expanduser()
    if folder and path.is_dir():
        from reseau_tui.services.importing import read_folder

        try:
            return read_folder(path), str(path)
        except OSError as exc:
            raise Refused(
                _("{file}: cannot be read ({reason})", file=file, reason=exc.strerror)
            ) from None
    try:
        return path.read_bytes(), path.name
    except FileNotFoundError:
        raise Refused(_("{file}: no such file", file=file)) from None
    except IsADirectoryError:
        raise Refused(_("{file}: is a folder, not a file", file=file)) from None
    except OSError as exc:
        raise Refused(
            _("{file}: cannot be read ({reason})", file=file, reason=exc.strerror)
        ) from None


def run_import(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.import_summary import describe_problem, summary_lines
    from reseau_tui.services.importing import import_file

    data, source = _read_input(args.file, folder=args.format == "vcard")
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        report = import_file(
            ctx.network,
            args.format,
            data,
            dry_run=args.dry_run,
            skip_invalid=args.skip_invalid,
            progress=bar,
        )
        if report.applied:
            ctx.commit()
    finally:
        if bar is not None:
            bar.close()
    for p in report.problems:
        (error if p.blocking else note)(describe_problem(source, p))
    if report.fatal:
        error(_("{source}: nothing was imported.", source=source))
        return 1
    if report.blocked:
        valid = max(report.total - report.invalid - report.nameless, 0)
        error(
            n_(
                "{source}: nothing was imported: {count} problem. Fix it, or import the "
                "valid part ({valid} of {total}) with --skip-invalid.",
                "{source}: nothing was imported: {count} problems. Fix them, or import the "
                "valid part ({valid} of {total}) with --skip-invalid.",
                len(report.errors),
                source=source,
                valid=Num(valid),
                total=Num(report.total),
            )
        )
        return 1
    if args.dry_run:
        say(
            printable(
                _("Dry run of {source}: nothing was written. It would import:", source=source)
            )
        )
    elif report.applied:
        say(printable(_("Imported {source}:", source=source)))
    else:
        say(printable(_("Nothing to change from {source}:", source=source)))
    for line in summary_lines(report):
        say("  " + printable(line))
    return 0


# --- export ------------------------------------------------------------------------------


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services import exporting

    if args.vdir is not None:
        from reseau_tui.cli.vdir import run_export_vdir

        return run_export_vdir(ctx, args)
    network = ctx.network
    path = _output_path(args.output, args.format) if args.output is not None else None
    if path is not None and os.path.realpath(path) == os.path.realpath(ctx.path):
        raise Refused(_("{path} is your database; choose another file", path=str(path)))
    if args.format == "vcard":
        versions: dict[str | None, Version | None] = {"3": "3.0", "4": "4.0", None: None}
        data = exporting.export_vcard(network, versions[args.vcard_version])
    elif args.format == "csv":
        data = exporting.export_csv(network, excel=args.excel)
    elif args.format == "json":
        data = exporting.export_json(network)
    else:
        data = exporting.export_ics(network, events=args.events)
    if path is None or _stream_of(path) == 1:
        _to_stdout(data)
        if path is None:
            return 0
    else:
        _write_export(path, data)
    where = str(path)
    if args.format in ("vcard", "csv"):
        count = len(network.state.contacts)
        note(
            n_(
                "Wrote {count} contact to {path}.",
                "Wrote {count} contacts to {path}.",
                count,
                path=where,
            )
        )
    elif args.format == "json":
        note(_("Wrote a backup of everything to {path}.", path=where))
    else:
        note(_("Wrote the open follow-ups to {path}.", path=where))
    return 0


# The name to suggest when `-o` names a folder.
_FILE_NAMES = {
    "vcard": "contacts.vcf",
    "csv": "contacts.csv",
    "json": "reseau-backup.json",
    "ics": "followups.ics",
}


def _output_path(text: str, fmt: str) -> Path:
    """The file `-o` names; a folder (`exports/`, or one that exists) is refused, with a
    file name to give instead, rather than a file made with the folder's name."""
    path = Path(text).expanduser()
    named_folder = text.endswith(("/", os.sep))
    if named_folder or path.is_dir():
        example = str(path / _FILE_NAMES[fmt])
        if not path.is_dir():
            raise Refused(_("{file}: no such folder", file=text))
        raise Refused(
            _(
                "{file}: is a folder, not a file; name the file, e.g. {example}",
                file=text,
                example=example,
            )
        )
    return path


def _to_stdout(data: bytes) -> None:
    """The export on standard output: exact into a pipe or a file, safe on a terminal."""
    try:
        sys.stdout.buffer.write(_for_terminal(data) if _is_terminal(sys.stdout) else data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # The reader stopped early (`reseau export vcard | head`): not an error.
        # Point stdout at /dev/null so the flush at exit does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _is_terminal(stream: Any) -> bool:
    """Whether `stream` is a terminal (a stream without a descriptor, say captured, is not)."""
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def _for_terminal(data: bytes) -> bytes:
    """An export as a terminal may show it: text a contact's fields cannot turn into commands.

    A note can hold anything an import or another program put there, such as
    an escape sequence that writes the clipboard (OSC 52) or clears the screen;
    on a terminal it is shown, not obeyed. Into a pipe or a file, the export
    stays byte for byte what the format says.
    """
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return printable_lines(text).encode("utf-8")


def _stream_of(path: Path) -> int | None:
    """The open descriptor `path` names (`/dev/stdout`, `/dev/fd/3`, a link to one), or None.

    Written through as the shell opened it: at its position, in its append
    mode, to whatever it is (a file after `>>`, a pipe, a terminal). Replacing
    the file it leads to would drop what `>>` was adding to.
    """
    descriptors = {os.path.realpath("/proc/self/fd"), os.path.realpath("/dev/fd")}
    current = os.path.abspath(path)
    for _hop in range(40):  # as many links as the system follows
        folder, name = os.path.split(current)
        if name.isdigit() and os.path.realpath(folder) in descriptors:
            return int(name)
        try:
            current = os.path.join(folder, os.readlink(current))
        except OSError:
            return None
    return None


def _write_export(path: Path, data: bytes) -> None:
    """Write the export to `path`: a new or regular file is replaced atomically, never half-written.

    A link is followed and stays a link. A device (`/dev/null`, a terminal) or a
    named pipe is written into as it is: replacing it with a file, as root may,
    would break what everything else on the machine uses it for. A folder, a
    socket or a disk is refused.
    """
    stream = _stream_of(path)
    if stream is not None:
        _write_all(stream, data, path)
        return
    try:
        kind = os.stat(path).st_mode  # through links
    except FileNotFoundError:
        kind = None
    except OSError as exc:
        raise _unwritable(path, exc) from None
    if kind is None or stat.S_ISREG(kind):
        from reseau_tui.store.files import atomic_write, real_path

        atomic_write(real_path(path), data)
    elif stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)  # it exists: nothing to create
        except OSError as exc:
            raise _unwritable(path, exc) from None
        try:
            _write_all(fd, data, path)
        finally:
            os.close(fd)
    elif stat.S_ISDIR(kind):
        raise Refused(_("{file}: is a folder, not a file", file=str(path)))
    else:
        raise Refused(
            _("{file}: is not a file, a device or a pipe; choose another file", file=str(path))
        )


def _write_all(fd: int, data: bytes, path: Path) -> None:
    view = memoryview(_for_terminal(data) if os.isatty(fd) else data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _unwritable(path, exc) from None


def _unwritable(path: Path, exc: OSError) -> Refused:
    return Refused(_("{file}: cannot be written ({reason})", file=str(path), reason=exc.strerror))
