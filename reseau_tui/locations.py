"""Where reseau keeps its files: one module, so every path is decided here."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "reseau"


def default_database() -> Path:
    """`RESEAU_DB` when set, else `reseau.json` in the platform's user data folder."""
    env = os.environ.get("RESEAU_DB")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP) / "reseau.json"


def config_file() -> Path:
    return platformdirs.user_config_path(APP) / "config.toml"


def derived_folder() -> Path:
    """What reseau can always recompute from a database (the engine's scan), per database."""
    return platformdirs.user_cache_path(APP) / "derived"
