"""What can go wrong with the database file, in words a user can act on."""

from __future__ import annotations

from pathlib import Path

from reseau_tui.i18n import N_

# The loader's words for a file that parses but holds a record reseau cannot use: what
# to say then includes how to keep a copy of everything before correcting it by hand.
WRONG_SHAPE = N_("has a record of the wrong shape ({reason})")


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
