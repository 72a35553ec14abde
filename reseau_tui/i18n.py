"""One translation function for every word the user reads, English and French.

Catalogs are gettext `.po` files in `reseau_tui/locale/` (the format translators'
tools read), parsed at first use. The English text is the message id, so a
missing translation still reads well. Placeholders are named: `{name}`.

- `_(message, **values)`: the message in the current language, placeholders filled.
- `n_(singular, plural, count, **values)`: "1 contact" / "3 contacts" ("0 contact" in French).
- `c_(context, message, **values)`: a message whose translation depends on a context
  (gettext's msgctxt): drafts come in a "formal" (vouvoiement) and a "familiar"
  (tutoiement) variant; "short" is the compact wording for a narrow column.
- `nc_(context, singular, plural, count, **values)`: both at once.
- `N_(message)`: marks a message for the catalog without translating it yet, for text
  translated where it is shown (key binding descriptions, tables of labels).
- `Msg(text)`: English text carried as a value of another message (an error's
  `values`); `_` translates it along with the message. `Num(count)` is a number
  written with the language's digit grouping ("30,000", "30 000").

`python -m reseau_tui.i18n_extract` collects every message id from the sources
into `locale/reseau.pot` and merges new ones into `locale/fr.po`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from reseau_tui.domain.text import Count

LANGUAGES = ("en", "fr")
DRAFT_CONTEXTS = ("formal", "familiar")  # msgctxt of the drafts: vouvoiement, tutoiement
SHORT_CONTEXT = "short"  # msgctxt of compact wordings, for narrow columns
ARGPARSE_CONTEXT = "argparse"  # msgctxt of argparse's own texts ("usage: ", "options")
LOCALE_DIR = Path(__file__).parent / "locale"
_catalogs: dict[str, dict[str, str | list[str]]] = {}
_language = "en"


class Msg(str):
    """English text passed as a value of another message, translated with it.

    The domain does no translation itself: an error carries its English template
    and values, and the CLI or the app translates both when they show it.
    """

    __slots__ = ()


class Num(Count):
    """A number shown as the current language groups digits: 30,000 / 30 000.

    For counts carried as values of a message (an import summary's); the domain
    marks its counts with the plain `Count`, grouped the same way once translated.
    """

    def __format__(self, spec: str) -> str:
        return number(self) if not spec else super().__format__(spec)


def number(value: int) -> str:
    """ "30,000" in English, "30 000" in French (a no-break space between groups)."""
    grouped = f"{value:,}"
    return grouped.replace(",", "\N{NO-BREAK SPACE}") if _language == "fr" else grouped


def N_(message: str, /) -> str:
    """Mark `message` for the catalog; it is translated later, where it is shown."""
    return message


def language_code(value: str) -> str | None:
    """ "fr", "fr_FR.UTF-8", "fr_CA", "fr-BE" → "fr"; None for anything we do not speak."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """French for fr, fr_FR.UTF-8, fr_CA...; English for C, POSIX, unset or unknown.

    The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as for any
    program: LC_ALL=C means English even when LANG is French.
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return language_code(value) or "en"
    return "en"


def set_language(lang: str) -> None:
    global _language
    _language = lang if lang in LANGUAGES else "en"


def current_language() -> str:
    return _language


def _(message: str, /, **values: object) -> str:
    """The message in the current language, with `{placeholders}` filled."""
    text = _lookup(message)
    translated = text if isinstance(text, str) and text else message
    return translated.format(**_values(values)) if values else translated


def c_(context: str, message: str, /, **values: object) -> str:
    """A message whose translation depends on a context (gettext's msgctxt), e.g. tutoiement."""
    text = _lookup(f"{context}\x04{message}")
    translated = text if isinstance(text, str) and text else message
    return translated.format(**_values(values)) if values else translated


def n_(singular: str, plural: str, count: int, /, **values: object) -> str:
    """A message that depends on a count: "1 contact" / "3 contacts"."""
    return _plural(_lookup(singular), singular, plural, count).format(
        count=count, **_values(values)
    )


def nc_(context: str, singular: str, plural: str, count: int, /, **values: object) -> str:
    """`n_` with a context: the compact "3 j" beside "3 jours" (gettext's npgettext)."""
    return _plural(_lookup(f"{context}\x04{singular}"), singular, plural, count).format(
        count=count, **_values(values)
    )


def _values(values: Mapping[str, object]) -> dict[str, object]:
    return {k: _value(v) for k, v in values.items()}


def _value(value: object) -> object:
    if isinstance(value, Msg):
        return _(value)
    if isinstance(value, Count) and not isinstance(value, Num):
        return Num(value)  # a domain count: grouped as the language groups digits
    return value


def _plural(forms: str | list[str] | None, singular: str, plural: str, count: int) -> str:
    if isinstance(forms, list) and len(forms) == 2 and all(forms):
        return forms[0] if _is_singular(count) else forms[1]
    return singular if count == 1 else plural


def _is_singular(count: int) -> bool:
    # French treats 0 and 1 as singular ("0 contact"); English only 1.
    return count in (0, 1) if _language == "fr" else count == 1


def _lookup(message: str) -> str | list[str] | None:
    if _language == "en":
        return None
    catalog = _catalogs.get(_language)
    if catalog is None:
        catalog = _catalogs[_language] = load_po(LOCALE_DIR / f"{_language}.po")
    return catalog.get(message)


# --- argparse's own texts ----------------------------------------------------------------
#
# argparse translates "usage: ", "options", "show this help message and exit" and its
# error messages with gettext's domain "argparse", through its module-level `_` and
# `ngettext`. Ours take their place, so `reseau --lang fr --help` is French throughout;
# the French is in our catalog under the msgctxt "argparse". The texts keep argparse's
# %-style placeholders: argparse fills them itself.


def argparse_gettext(message: str) -> str:
    text = _lookup(f"{ARGPARSE_CONTEXT}\x04{message}")
    return text if isinstance(text, str) and text else message


def argparse_ngettext(singular: str, plural: str, count: int) -> str:
    return _plural(_lookup(f"{ARGPARSE_CONTEXT}\x04{singular}"), singular, plural, count)


def translate_argparse() -> None:
    """Make argparse speak the current language (it asks at each use, so once is enough)."""
    import argparse

    argparse._ = argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = argparse_ngettext  # type: ignore[attr-defined]


# --- reading catalogs ------------------------------------------------------------------


def load_po(path: Path) -> dict[str, str | list[str]]:
    """A minimal reader for the `.po` subset we write: msgctxt, msgid, msgid_plural, msgstr[n].

    Keys are the msgid, or `context + "\\x04" + msgid` as in gettext; a plural entry
    maps to the list of its forms. Obsolete (`#~`) entries and comments are skipped.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    return {key: entry.translation for key, entry in parse_po(text).items() if key}


class PoEntry:
    """One entry of a `.po` file: what the extractor and the tests need of it."""

    __slots__ = ("comments", "context", "msgid", "plural", "strings")

    def __init__(self) -> None:
        self.comments: list[str] = []
        self.context: str | None = None
        self.msgid = ""
        self.plural: str | None = None
        self.strings: dict[int, str] = {}

    @property
    def key(self) -> str:
        return self.msgid if self.context is None else f"{self.context}\x04{self.msgid}"

    @property
    def translation(self) -> str | list[str]:
        if self.plural is not None:
            return [self.strings.get(i, "") for i in range(max(len(self.strings), 2))]
        return self.strings.get(0, "")


def parse_po(text: str) -> dict[str, PoEntry]:
    """Entries by key (the header is the entry with the empty key)."""
    import ast  # only here: every command imports this module, few read a catalog

    entries: dict[str, PoEntry] = {}
    entry = PoEntry()
    field: str | None = None  # which part the next "..." continuation line belongs to
    index = 0

    def flush() -> None:
        nonlocal entry, field
        if field is not None:
            entries[entry.key] = entry
        entry, field = PoEntry(), None

    def append(chunk: str) -> None:
        if field == "msgctxt":
            entry.context = (entry.context or "") + chunk
        elif field == "msgid":
            entry.msgid += chunk
        elif field == "msgid_plural":
            entry.plural = (entry.plural or "") + chunk
        elif field == "msgstr":
            entry.strings[index] = entry.strings.get(index, "") + chunk

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if field == "msgstr":
                flush()
            entry.comments.append(raw)
            continue
        keyword, _sep, rest = line.partition(" ")
        starts_entry = keyword == "msgctxt" or (keyword == "msgid" and field != "msgctxt")
        if starts_entry and field is not None:
            flush()
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            field = keyword
            append("")
        elif keyword == "msgstr":
            field, index = "msgstr", 0
            append("")
        elif keyword.startswith("msgstr["):
            field, index = "msgstr", int(keyword[7:-1])
            append("")
        else:
            rest = line
        if rest.startswith('"'):
            append(ast.literal_eval(rest))
    if field is not None:
        flush()
    return entries
