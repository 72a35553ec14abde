"""The footer, with the keys a newcomer needs first.

Textual lists the focused widget's keys first, then the screen's, then the
app's: on a phone-sized terminal (50 columns) that cut `?` and `r`, the two
keys that lead to everything else. They are moved to the front; whatever does
not fit is then the least needed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST = ("help", "review")  # the app's actions, in the order they are shown


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        widgets = list(super().compose())

        def rank(widget: object) -> int:
            if isinstance(widget, FooterKey) and widget.action in FIRST:
                return FIRST.index(widget.action)
            return len(FIRST)

        yield from sorted(widgets, key=rank)  # stable: the rest keep Textual's order
