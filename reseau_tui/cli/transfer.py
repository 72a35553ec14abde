"""`reseau import` and `reseau export`."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add the import and export commands (filled in by the import/export work)."""
