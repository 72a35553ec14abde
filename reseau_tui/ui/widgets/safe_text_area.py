"""A text area that takes pasted text as data: no escape sequence reaches the terminal.

Like `SafeInput`, for the multi-line notes: line breaks are kept, control and
bidi-override characters are neutralised before the paste is inserted.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from reseau_tui.domain.text import printable_lines


class SafeTextArea(TextArea):
    async def _on_paste(self, event: events.Paste) -> None:
        # Runs before TextArea's own handler, which then inserts the neutralised text.
        event.text = printable_lines(event.text.replace("\r\n", "\n").replace("\r", "\n"))
