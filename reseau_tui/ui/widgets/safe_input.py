"""A one-line input that takes pasted text as data: no escape sequence reaches the terminal.

Textual's `Input` keeps a pasted ESC, BEL or backspace and draws it as is, so
pasting `ESC]0;title BEL` from a web page would retitle the terminal window and
colour codes would repaint the screen. Keys cannot type such characters; a
paste can, so a paste is made printable first (line breaks become spaces).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from reseau_tui.domain.text import printable


class SafeInput(Input):
    def _on_paste(self, event: events.Paste) -> None:
        # Runs before Input's own handler (Textual calls each class's, subclass first),
        # which then inserts the neutralised text.
        event.text = printable(event.text)
