"""What screens, widgets and actions ask of the app: one typed interface, not the app module.

Screens reach the network, the clock and the queue through `self.reseau`; the
app class (`reseau_tui.ui.app`) satisfies `ReseauHost` and is the only place
that knows every screen. So a screen never imports the app, and the import
graph has no cycle through it (`lint-imports` checks this).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from reseau_tui.domain.clock import Clock
    from reseau_tui.domain.engine import Queue
    from reseau_tui.services.history import History
    from reseau_tui.services.network import Network

T = TypeVar("T")


class ReseauHost(Protocol):
    """The app as screens use it: the network in memory, its queue, and how to change it."""

    network: Network
    queue: Queue
    history: History
    importing: bool  # records are being applied on a worker: the timer holds still
    read_only: bool

    @property
    def clock(self) -> Clock: ...

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    def change(
        self,
        do: Callable[[Network], T],
        *,
        tell: Callable[[T], tuple[str, str]] | None = None,
    ) -> T | None: ...

    def refresh_views(self, *, announce: bool = False) -> None: ...

    def applied(self) -> None: ...

    def update_status(self) -> None: ...

    def schedule_save(self) -> None: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def push_screen(
        self, screen: Screen[Any], callback: Callable[[Any], Any] | None = None
    ) -> object: ...


class _Node(Protocol):
    @property
    def app(self) -> App[Any]: ...


class Hosted:
    """For screens: `self.reseau`, the app as a `ReseauHost`."""

    @property
    def reseau(self: _Node) -> ReseauHost:
        return cast("ReseauHost", self.app)
