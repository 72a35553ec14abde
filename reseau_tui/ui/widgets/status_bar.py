"""One line above the footer: what is owed today, what was just undone, and whether it is saved.

Whether changes are saved is never cut: on a narrow terminal (a phone, 50
columns) the name of the app goes first, then what is owed is shortened with
"…", then the note of what just happened ("Undone: log meeting with …").
The note stays a few seconds, or until the next one.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from reseau_tui.domain.text import one_line

_BRAND = " reseau "
_SEP = "  ·  "
NOTE_SECONDS = 8.0


class StatusBar(Static):
    _owed = ""
    _saving = ""
    _severity = ""
    _note = ""
    _note_severity = ""
    _note_timer: Timer | None = None

    def show(self, owed: str, saving: str, severity: str = "") -> None:
        shown = (one_line(owed), one_line(saving), severity)
        if shown != (self._owed, self._saving, self._severity):  # most ticks: no repaint
            self._owed, self._saving, self._severity = shown
            self.refresh()

    def note(self, text: str, severity: str = "") -> None:
        """Say what just happened, for a few seconds (user text is shown as typed, never markup)."""
        self._note, self._note_severity = one_line(text), severity
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(NOTE_SECONDS, self.clear_note)
        self.refresh()

    def clear_note(self) -> None:
        self._note = ""
        self.refresh()

    @property
    def text(self) -> str:
        """The line as drawn now (what a test or a screen reader would read)."""
        return self.render().plain

    def render(self) -> Content:
        width = self.size.width or 120
        owed, saving, note = self._owed, self._saving, self._note
        tail = f"{_SEP}{saving}" if saving else ""
        said = f"{_SEP}{note}" if note else ""
        brand = _BRAND if cell_len(_BRAND + "  " + owed + said + tail) <= width else ""
        room = width - cell_len(brand) - (2 if brand else 1) - cell_len(tail)
        owed_room = room - cell_len(said)  # what is owed gives way first, then the note
        if cell_len(owed) > owed_room:
            owed = _cut(owed, owed_room) if owed_room >= 2 or not note else ""
        if note and not owed:
            said = _cut(note, room) if cell_len(note) > room else note
        parts: list[str | tuple[str, str]] = []
        if brand:
            parts += [(brand, "bold reverse"), "  "]
        else:
            parts.append(" ")
        parts.append(owed)
        if said:
            style = _STYLES.get(self._note_severity, "bold $accent")
            lead = _SEP if said.startswith(_SEP) else ""
            parts += [lead, (said[len(lead) :], style)]
        if saving:
            parts += [_SEP, (saving, _STYLES.get(self._severity, "$text-muted"))]
        return Content.assemble(*parts)


_STYLES = {"error": "bold $error", "warning": "$warning"}


def _cut(text: str, room: int) -> str:
    """`text` in `room` cells, ending with "…" when it had to be shortened."""
    return set_cell_size(text, max(room - 1, 0)) + "…"
