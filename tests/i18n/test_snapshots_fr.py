"""Snapshots of the demo in French: the main screen at both sizes, and the daily review."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from reseau_tui.i18n import set_language
from reseau_tui.ui.screenshots import SHOTS, demo_app
from tests.ui.test_snapshots import _journal_built


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("en")


@pytest.mark.parametrize("name", ["main", "main-80x24", "review"])
def test_french_screen_looks_as_approved(french: None, name: str, snap_compare: Any) -> None:
    size, keys = SHOTS[name]
    assert snap_compare(demo_app(), press=list(keys), terminal_size=size, run_before=_journal_built)
