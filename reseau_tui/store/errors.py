"""What can go wrong with the database file, in words a user can act on."""

from __future__ import annotations

from pathlib import Path


class DamagedDatabase(Exception):
    """The file exists but cannot be trusted; it is left exactly as it is."""

    def __init__(self, path: Path, problem: str, backup: Path | None, **values: object) -> None:
        self.path = path
        self.problem = problem  # an English template; `values` fill its placeholders
        self.values = values
        self.backup = backup
        hint = (
            f"The newest readable backup is {backup}; to restore it: cp '{backup}' '{path}'"
            if backup
            else "No readable backup was found next to it."
        )
        super().__init__(
            f"The database {path} {problem.format(**values)}. It was not changed. {hint}"
        )


class SaveError(Exception):
    """A commit could not reach the disk; the changes are still in memory."""

    def __init__(self, path: Path, problem: str, **values: object) -> None:
        self.path = path
        self.problem = problem  # an English template; `values` fill its placeholders
        self.values = values
        super().__init__(
            f"Could not save {path}: {problem.format(**values)}. Your changes are kept in memory."
        )
