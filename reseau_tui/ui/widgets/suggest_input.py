"""A name field with suggestions below it: up/down move through them, enter picks.

The suggestions are an `OptionList` the screen fills as the text changes; the
field only moves its highlight, so the cursor never leaves the text. Backspace
with nothing typed says so (`TakeBack`): the meeting form takes back the last
person picked.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.message import Message
from textual.widgets import OptionList

from reseau_tui.ui.widgets.safe_input import SafeInput


class SuggestInput(SafeInput):
    class TakeBack(Message):
        """Backspace in the empty field."""

        def __init__(self, field: SuggestInput) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> SuggestInput:
            return self.field

    def __init__(self, suggestions: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suggestions = suggestions  # the id of its OptionList, on the same screen

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("down", "up"):
            options = self.screen.query_one(f"#{self.suggestions}", OptionList)
            if options.display and options.option_count:
                event.stop()
                event.prevent_default()
                current = options.highlighted or 0
                delta = 1 if event.key == "down" else -1
                options.highlighted = max(0, min(current + delta, options.option_count - 1))
                return
        if event.key == "backspace" and not self.value:
            event.stop()
            event.prevent_default()
            self.post_message(self.TakeBack(self))
            return
        await super()._on_key(event)
