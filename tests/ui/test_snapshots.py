"""Snapshots of the demo at a fixed clock: the main screen, the form, the review, the help."""

from __future__ import annotations

from typing import Any

import pytest

from reseau_tui.ui.screenshots import SHOTS, demo_app


async def _journal_built(pilot: Any) -> None:
    """The journal is built on a worker after the first frame: wait for it, as a user would."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("name", sorted(SHOTS))
def test_screen_looks_as_approved(name: str, snap_compare: Any) -> None:
    size, keys = SHOTS[name]
    assert snap_compare(demo_app(), press=list(keys), terminal_size=size, run_before=_journal_built)
