"""Running `reseau ARGS` in this process on a fixed clock, as the shell tests need.

The commands open the network with the system clock; `on_fixed_clock` makes
them read an injected one instead, so "lundi" or "hier 18h" always mean the
same instants.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from reseau_tui.cli.main import main
from reseau_tui.domain.clock import FixedClock


class Shell:
    """Runs `reseau ARGS` in this process and keeps what it printed."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.out = self.err = ""

    def __call__(self, *args: str) -> int:
        self.capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        captured = self.capsys.readouterr()
        self.out, self.err = captured.out, captured.err
        return code

    def ok(self, *args: str) -> str:
        code = self(*args)
        assert code == 0, self.err
        return self.out

    def due(self, *args: str) -> list[dict[str, Any]]:
        items = json.loads(self.ok("due", "--json", *args))
        assert isinstance(items, list)
        return items


def on_fixed_clock(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    """Every command from now on reads `clock` instead of the system's."""
    monkeypatch.setattr("reseau_tui.cli.context.SystemClock", lambda: clock)
    monkeypatch.setenv("COLUMNS", "100")  # a usual terminal, whatever runs the tests
