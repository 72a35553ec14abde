"""Fixtures that make every test deterministic: no user config, locale, timezone or real clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.i18n import set_language
from reseau_tui.services.network import Network


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Each test gets its own home, database path, English, and Paris time."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TZ", "Europe/Paris")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / "cache"))
    monkeypatch.setenv("RESEAU_DB", str(tmp_path / "reseau.json"))
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "reseau.json"


@pytest.fixture
def clock() -> FixedClock:
    """Thursday 26 November 2026, 10:00 in Paris."""
    return FixedClock.at("2026-11-26T10:00:00", "Europe/Paris")


@pytest.fixture
def network(db_path: Path, clock: FixedClock) -> Network:
    return Network(db_path, clock)
