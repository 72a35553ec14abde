"""The two commonest shapes of a promise note, in the language the user writes it.

After a meeting people jot a promise as shorthand about the other person: "introduce
her to Thomas", "send him the deck", "la présenter à Thomas", "lui envoyer
l'article". A draft keeping that promise speaks to the person ("I am introducing you
to Thomas"), so it needs who is introduced, or what is sent. Only the note's own
language is read (an English note in a French draft is quoted instead), and only
these two shapes: anything else is quoted as written, never guessed at.
"""

from __future__ import annotations

import re

from reseau_tui.i18n import current_language

_EN = (
    re.compile(
        r"^(?:to\s+)?(?:an?\s+)?"
        r"(?:intro(?:duction)?|introduce|put\s+\w+\s+in\s+touch|connect)\s+"
        r"(?:(?:him|her|them)\s+)?(?:to|with)\s+(?P<who>\S.*)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:to\s+)?(?:send|share|forward)\s+(?:(?:him|her|them)\s+)?"
        r"(?P<what>\S.*?)(?:\s+(?:to|with)\s+(?:him|her|them))?$",
        re.IGNORECASE,
    ),
)
_FR = (
    re.compile(
        r"^(?:(?:la|le|les|lui|leur|l')\s*)?"
        r"(?:présenter|mettre\s+en\s+(?:relation|contact)|une\s+intro(?:duction)?|intro|"
        r"(?:une\s+)?mise\s+en\s+relation)\s+"
        r"(?:(?:à|avec|auprès\s+de|de)\s+)?(?P<who>\S.*)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:(?:lui|leur)\s+)?(?:envoyer|transmettre|partager|faire\s+suivre)\s+"
        r"(?P<what>\S.*?)(?:\s+à\s+(?:lui|elle|eux|elles))?$",
        re.IGNORECASE,
    ),
)


def promise_shapes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(an introduction, with `who`; something to send, with `what`) for the current language."""
    return _FR if current_language() == "fr" else _EN
