"""The footer, with the keys a newcomer needs first, and only keys that fit whole.

Textual lists the focused widget's keys first, then the screen's, then the
app's: on a phone-sized terminal (50 columns) that cut `?` and `r`, the two
keys that lead to everything else. They are moved to the front. A key that
does not fit beside the palette's is hidden rather than drawn in part (a
stray letter at the edge of the screen reads as a bug).
"""

from __future__ import annotations

from textual import events
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

        self.call_after_refresh(self.fit_keys)
        yield from sorted(widgets, key=rank)  # stable: the rest keep Textual's order

    def on_resize(self, _event: events.Resize) -> None:
        for key in self.query(FooterKey):
            key.display = True
        self.call_after_refresh(self.fit_keys)

    def fit_keys(self, tries: int = 3) -> None:
        """Hide the keys that would run under the palette's key or off the edge."""
        keys = list(self.query(FooterKey))
        if any(not k.region for k in keys) and tries:  # not laid out yet
            self.call_after_refresh(self.fit_keys, tries - 1)
            return
        palette = [k for k in keys if k.has_class("-command-palette")]
        edge = palette[0].region.x if palette else self.region.right - 1
        overflowing = False
        for key in keys:
            if key in palette:
                continue
            overflowing = overflowing or key.region.right > edge
            if overflowing:
                key.display = False
