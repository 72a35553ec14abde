"""Helpers for the import/export tests: the sample files and fresh databases."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.models import Contact
from reseau_tui.services.network import Network

FIXTURES = Path(__file__).parent / "fixtures"


def sample(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def hostile_strings() -> list[str]:
    return list(json.loads(sample("hostile/strings.json")))


def by_name(network: Network) -> dict[str, Contact]:
    return {c.name: c for c in network.state.contacts.values()}


@pytest.fixture
def fresh(tmp_path: Path, clock: FixedClock) -> Callable[[str], Network]:
    """Another, empty database (same clock), e.g. to re-import an export into."""

    def make(name: str) -> Network:
        return Network(tmp_path / f"{name}.json", clock)

    return make
