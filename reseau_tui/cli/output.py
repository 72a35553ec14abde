"""Writing to the terminal: user text neutralised, JSON exact, errors on stderr."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.text import one_line, printable
from reseau_tui.i18n import _

# Inside JSON strings, C1 controls and bidi overrides are escaped as \uXXXX:
# the data is unchanged for a JSON reader, and a terminal showing it is safe.
_JSON_UNSAFE = {
    c: f"\\u{c:04x}"
    for c in (
        *range(0x7F, 0xA0),
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
        0x2028,
        0x2029,
    )
}


def say(text: str) -> None:
    """A line for people on stdout (text already made printable by the caller)."""
    print(text)


def note(text: str) -> None:
    """A remark on stderr, so stdout stays clean for scripts (ids, JSON)."""
    print(printable(text), file=sys.stderr)


def error(text: str) -> None:
    print(_("reseau: {message}", message=printable(text)), file=sys.stderr)


def invalid_input_message(exc: InvalidInput) -> str:
    from reseau_tui.services.explain import invalid_input

    return invalid_input(exc)


def json_out(data: Any) -> None:
    import orjson  # only for --json: a command printing text does not load it for its output

    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    print(text.translate(_JSON_UNSAFE))


def terminal_width() -> int:
    import shutil

    return max(shutil.get_terminal_size((100, 24)).columns, 40)


_NARROW = re.compile(r"[\u0000-\u02ff]*")  # Latin, accents included: one cell each


def cell_width(text: str) -> int:
    if _NARROW.fullmatch(text):
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def fit(text: str, width: int) -> str:
    """One printable line padded or cut (with …) to exactly `width` terminal cells."""
    line = one_line(text)
    if cell_width(line) <= width:
        return line + " " * (width - cell_width(line))
    out, used = [], 0
    for ch in line:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…" + " " * (width - 1 - used)


def table(rows: Iterable[Sequence[str]], widths: Sequence[int]) -> list[str]:
    """Rows as aligned lines; the last column takes what is left of the terminal."""
    lines = []
    total = terminal_width()
    for row in rows:
        cells = [fit(cell, w) for cell, w in zip(row[:-1], widths, strict=False)]
        rest = max(total - sum(widths) - 2 * len(cells), 10)
        cells.append(one_line(row[-1], rest) if row else "")
        lines.append("  ".join(cells).rstrip())
    return lines
