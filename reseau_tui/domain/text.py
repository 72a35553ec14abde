"""Text helpers shared by search, matching and display: pure functions."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[^\S\u00a0\u202f]+")  # runs of spaces; French no-break spaces kept

# C0 and C1 controls, DEL, and the bidi embedding/override/isolate characters that
# can reorder what surrounds them on a terminal line.
_UNSAFE = {
    **{c: None for c in range(0x00, 0x20)},
    0x7F: None,
    **{c: None for c in range(0x80, 0xA0)},
    **{c: None for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E)},
    **{c: None for c in (0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C)},
}


class Count(int):
    """A count carried as a value of a message (an error's): the translation groups its digits.

    The domain does no translation: it marks the number, and the layer that shows
    the message writes it "30,000" or "30 000" in the user's language. Untranslated
    (an error's own text), it reads as in English: "30,000".
    """

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return super().__format__(spec or ",")


class _NoMarks(dict[int, int | None]):
    """`str.translate` table dropping combining marks, filled as characters are first seen."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NO_MARKS = _NoMarks()
# Apostrophes vanish too: "ndiaye" finds N'Diaye, and "d'artagnan" or "d’Artagnan" each other.
_NO_MARKS.update(dict.fromkeys(map(ord, "'’‘ʼ`"), None))


def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key: "Lefèvre" and "LEFEVRE" fold alike.

    Runs for every contact and meeting when searching 100,000 records, so ASCII
    text skips the Unicode decomposition, and marks are dropped by `translate`.
    """
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded).translate(_NO_MARKS)
    elif "'" in folded or "`" in folded:
        folded = folded.replace("'", "").replace("`", "")
    return " ".join(folded.split())


def printable(text: str) -> str:
    """Text safe to put on a terminal: control and bidi-override characters neutralised.

    Escape sequences lose their ESC (so `ESC]0;title` shows as `]0;title`), tabs
    and newlines become spaces, and nothing can move the cursor or retitle the
    window. The stored value is never changed; this is for display only.
    """
    if text.isprintable() and text.isascii():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if code in (0x09, 0x0A, 0x0D):
            out.append(" ")
        elif code in _UNSAFE:
            out.append("\N{REPLACEMENT CHARACTER}" if code == 0x1B or code >= 0x80 else "")
        else:
            out.append(ch)
    return "".join(out)


def printable_lines(text: str) -> str:
    """`printable`, line by line: for text areas, where line breaks are meant."""
    return "\n".join(printable(line) for line in text.split("\n"))


def one_line(text: str, width: int | None = None) -> str:
    """A printable single line, cut with an ellipsis to `width` characters if given."""
    line = _SPACES.sub(" ", printable(text)).strip()
    if width is not None and len(line) > width:
        return line[: max(width - 1, 0)] + "…"
    return line


def first_name(full_name: str) -> str:
    """The first word of a name, used to greet people in drafts."""
    parts = full_name.strip().split()
    return next((p for p in parts if p[0].isalpha()), parts[0] if parts else "")
