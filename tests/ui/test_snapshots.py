"""Snapshots of the demo at a fixed clock: the main screen, the form, the review, the help."""

from __future__ import annotations

from typing import Any

import pytest

from reseau_tui.ui.screenshots import SHOTS, demo_app


@pytest.mark.parametrize("name", sorted(SHOTS))
def test_screen_looks_as_approved(name: str, snap_compare: Any) -> None:
    size, keys = SHOTS[name]
    assert snap_compare(demo_app(), press=list(keys), terminal_size=size)
