"""Where `reseau export` writes: into devices and pipes, through links, safely on terminals.

An export to a regular file replaces it atomically. Anything else that already
exists is written into as it is: `-o /dev/null` as root must never leave a
regular file where the device was. On a terminal, text stored in a contact
(an import can bring anything) is shown, never obeyed; into a pipe or a file
the bytes are exactly the format's.
"""

from __future__ import annotations

import os
import select
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock
from reseau_tui.services import exporting
from reseau_tui.services.network import Network
from tests.faults.screen import UNSAFE

CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"  # OSC 52: puts "rm -rf ~" in the clipboard
ALTERNATE = "\x1b[?1049h"  # switches to the alternate screen
CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b2J"  # the one-byte form of ESC [


@pytest.fixture
def hostile_db(db_path: Path, clock: FixedClock) -> Path:
    network = Network(db_path, clock)
    network.add_contact(
        "Camille Martin",
        company=f"Airbus{ALTERNATE}",
        notes=f"coffee {CLIPBOARD} then {CLEAR} and {C1_CSI} end",
    )
    network.commit()
    return db_path


def _export(db: Path, fmt: str) -> bytes:
    network = Network(db)
    return exporting.export_csv(network) if fmt == "csv" else exporting.export_vcard(network)


def _reseau(db: Path, *args: str, **streams: object) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "reseau_tui", "--db", str(db), *args]
    return subprocess.Popen(argv, **streams)  # type: ignore[call-overload, no-any-return]


def _on_a_terminal(db: Path, *args: str, as_stdout: bool = True) -> str:
    """What `reseau ARGS` shows on a terminal: its stdout, or `-o` the terminal's device."""
    master, terminal = os.openpty()
    try:
        extra = [] if as_stdout else ["-o", os.ttyname(terminal)]
        streams = {"stdout": terminal} if as_stdout else {}
        process = _reseau(db, *args, *extra, stderr=subprocess.PIPE, **streams)
        process.communicate(timeout=60)  # a few hundred bytes: the terminal holds them
        assert process.returncode == 0
        out = b""
        while select.select([master], [], [], 0)[0]:
            chunk = os.read(master, 65536)
            if not chunk:
                break
            out += chunk
    finally:
        os.close(terminal)
        os.close(master)
    return out.decode("utf-8")


def _unsafe(shown: str) -> list[str]:
    """Characters a terminal would act on, but for the line ends it writes itself."""
    return sorted({hex(ord(c)) for c in shown if ord(c) in UNSAFE} - {"0xa", "0xd"})


@pytest.mark.parametrize("fmt", ["csv", "vcard"])
def test_an_export_to_a_terminal_shows_escape_sequences_without_obeying_them(
    hostile_db: Path, fmt: str
) -> None:
    shown = _on_a_terminal(hostile_db, "export", fmt)

    assert _unsafe(shown) == []
    assert "Camille Martin" in shown
    assert "\N{REPLACEMENT CHARACTER}]52" in shown  # shown, for the user to see


@pytest.mark.parametrize("fmt", ["csv", "vcard"])
def test_an_export_into_a_pipe_is_exactly_the_format(hostile_db: Path, fmt: str) -> None:
    process = _reseau(hostile_db, "export", fmt, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, _ = process.communicate(timeout=60)

    assert process.returncode == 0
    assert out == _export(hostile_db, fmt)
    assert b"\x1b]52" in out and ALTERNATE.encode() in out  # stored values, byte for byte


def test_an_export_to_a_terminal_device_named_with_o_is_safe_too(hostile_db: Path) -> None:
    shown = _on_a_terminal(hostile_db, "export", "csv", as_stdout=False)

    assert "Camille Martin" in shown
    assert _unsafe(shown) == []


def test_an_export_to_a_device_writes_into_it_and_leaves_it_a_device(
    hostile_db: Path, tmp_path: Path
) -> None:
    null = tmp_path / "null"  # the same device as /dev/null, made where a test may break it
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device file needs the superuser (CAP_MKNOD)")

    assert main(["--db", str(hostile_db), "export", "json", "-o", str(null)]) == 0

    assert stat.S_ISCHR(null.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".null")] == []


def test_an_export_to_a_named_pipe_reaches_its_reader_and_leaves_it_a_pipe(
    hostile_db: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "contacts.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()

    code = main(["--db", str(hostile_db), "export", "csv", "-o", str(fifo)])
    reader.join(60)

    assert code == 0
    assert received == [_export(hostile_db, "csv")]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_export_through_a_link_to_standard_output_appends_to_the_shells_file(
    hostile_db: Path, tmp_path: Path
) -> None:
    """`reseau export csv -o out >> file`, `out` a link to /dev/stdout: added, nothing lost."""
    link = tmp_path / "out.csv"
    link.symlink_to("/dev/stdout")
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"earlier lines\n")
    inode = kept.stat().st_ino

    with kept.open("ab") as appended:
        process = _reseau(
            hostile_db, "export", "csv", "-o", str(link), stdout=appended, stderr=subprocess.PIPE
        )
        process.wait(timeout=60)

    assert process.returncode == 0
    assert link.is_symlink()
    assert kept.stat().st_ino == inode
    assert kept.read_bytes() == b"earlier lines\n" + _export(hostile_db, "csv")


def test_an_export_to_dev_stdout_appends_to_the_shells_file(
    hostile_db: Path, tmp_path: Path
) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"earlier lines\n")

    with kept.open("ab") as appended:
        process = _reseau(
            hostile_db,
            "export",
            "csv",
            "-o",
            "/dev/stdout",
            stdout=appended,
            stderr=subprocess.PIPE,
        )
        process.wait(timeout=60)

    assert process.returncode == 0
    assert kept.read_bytes() == b"earlier lines\n" + _export(hostile_db, "csv")
    assert Path("/dev/stdout").is_symlink()


def test_an_export_through_a_link_writes_the_linked_file_and_keeps_the_link(
    hostile_db: Path, tmp_path: Path
) -> None:
    real = tmp_path / "Sync" / "contacts.vcf"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "contacts.vcf"
    link.symlink_to(real)

    assert main(["--db", str(hostile_db), "export", "vcard", "-o", str(link)]) == 0

    assert link.is_symlink()
    assert real.read_bytes() == _export(hostile_db, "vcard")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_an_export_to_a_folder_is_refused(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()

    assert main(["--db", str(hostile_db), "export", "csv", "-o", str(folder)]) == 1

    assert "is a folder, not a file" in capsys.readouterr().err
    assert folder.is_dir() and list(folder.iterdir()) == []
