"""Helpers shared by the store tests: what a file looks like, and the CLI as a real process."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

Snapshot = tuple[object, int, int, int]


def snapshot(path: Path) -> Snapshot:
    """Everything a user could notice changing: content, mtime, mode, identity."""
    st = path.stat()
    content: object
    if path.is_dir():
        content = sorted((p.name, p.read_bytes()) for p in path.iterdir() if p.is_file())
    else:
        content = path.read_bytes()
    return (content, st.st_mtime_ns, stat.S_IMODE(st.st_mode), st.st_ino)


def folder_state(folder: Path) -> dict[str, Snapshot]:
    """A snapshot of every entry in `folder`: a new, changed or removed file shows up."""
    return {p.name: snapshot(p) for p in folder.iterdir()}


def backups_of(path: Path) -> list[Path]:
    """Backups next to `path`, newest first (their names sort in time order)."""
    return sorted(path.parent.glob(f"{path.name}.bak-*"), reverse=True)


def reseau(
    *args: str | bytes, db: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `python -m reseau_tui ARGS` as a separate process, as a user would from a shell."""
    env = os.environ.copy()
    argv: list[str | bytes] = [sys.executable, "-m", "reseau_tui"]
    if db is not None:
        argv += ["--db", str(db)]
    argv += list(args)
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env=env,
        timeout=timeout,
        check=False,
    )
