"""Helpers to drive the app headless with an injected clock and instant saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.services.network import Network
from reseau_tui.ui.app import ReseauApp


def make_app(network: Network) -> ReseauApp:
    """The app with a long timer (tests call `tick()` themselves) and a short save delay."""
    return ReseauApp(network, tick_seconds=3600, save_delay=0.01)


async def settle(app: ReseauApp) -> None:
    """Let pending saves and messages finish."""
    if app._save_timer is not None:
        app.save_now()
    await app.workers.wait_for_complete()
    await app.animator.wait_until_complete()


def reopened(path: Path, clock: FixedClock) -> Network:
    """What is on disk, read by a fresh process-like open."""
    return Network(path, clock)


@pytest.fixture
def camille(network: Network) -> str:
    contact = network.add_contact("Camille Martin", company="Airbus", circle="former-colleague")
    network.commit()
    return contact.id
