"""`f8`: a picture of the screen, kept as privately as the database it shows.

Textual's own `save_screenshot` writes into the current folder with the
default permissions: a picture of the contact list, readable by anyone, left
wherever the terminal happened to be. Here it goes into the data folder,
created 0700, the file 0600 from its first byte.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App

from reseau_tui.locations import screenshots_folder
from reseau_tui.store.files import PRIVATE, atomic_write


def save_private_screenshot(app: App[Any], now: datetime) -> Path:
    """The SVG of the screen as it is; raises OSError (or SaveError) if it cannot be written."""
    folder = screenshots_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    path = folder / f"reseau-{now:%Y%m%d-%H%M%S}.svg"
    atomic_write(path, app.export_screenshot().encode("utf-8"))  # created 0600
    os.chmod(path, PRIVATE)
    return path
