"""What a terminal would receive from the app: the text of every cell on screen.

The compositor's full update is rendered to segments the way the driver writes
them. Cursor moves are control segments Textual emits on purpose; any other
segment is text drawn in cells. A control character in that text (ESC, an
8-bit CSI, a bidi override...) would reach the terminal as it is: a leak.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App

UNSAFE = frozenset(
    {
        *range(0x00, 0x20),
        0x7F,
        *range(0x80, 0xA0),
        0x202A,
        0x202B,
        0x202C,
        0x202D,
        0x202E,
        0x2066,
        0x2067,
        0x2068,
        0x2069,
        0x200E,
        0x200F,
        0x061C,
    }
) - {0x0A}  # the line breaks between screen rows


def drawn_text(app: App[Any]) -> list[str]:
    """The text segments of the whole screen (and the screens below a modal)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert update is not None, "a full update always has something to draw"
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    return [s.text for s in console.render(update) if not s.control]


def leaks(app: App[Any]) -> list[str]:
    """Pieces of drawn text that carry a control or bidi-override character."""
    return [t for t in drawn_text(app) if any(ord(c) in UNSAFE for c in t)]


def screen_text(app: App[Any]) -> str:
    return "".join(drawn_text(app))
