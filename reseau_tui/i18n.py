"""One translation function for every word the user reads, English and French.

Catalogs are gettext `.po` files in `reseau_tui/locale/` (the format translators'
tools read), parsed at first use. The English text is the message id, so a
missing translation still reads well. Placeholders are named: `{name}`.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

LANGUAGES = ("en", "fr")
_LOCALE_DIR = Path(__file__).parent / "locale"
_catalogs: dict[str, dict[str, str | list[str]]] = {}
_language = "en"


def language_from_env(environ: dict[str, str] | None = None) -> str:
    """French for fr, fr_FR.UTF-8, fr_CA...; English for C, POSIX, unset or unknown."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in LANGUAGES else "en"
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
    return translated.format(**values) if values else translated


def c_(context: str, message: str, /, **values: object) -> str:
    """A message whose translation depends on a context (gettext's msgctxt), e.g. tutoiement."""
    text = _lookup(f"{context}\x04{message}")
    translated = text if isinstance(text, str) and text else message
    return translated.format(**values) if values else translated


def n_(singular: str, plural: str, count: int, /, **values: object) -> str:
    """A message that depends on a count: "1 contact" / "3 contacts"."""
    forms = _lookup(singular)
    if isinstance(forms, list) and len(forms) == 2 and all(forms):
        chosen = forms[0] if _is_singular(count) else forms[1]
    else:
        chosen = singular if count == 1 else plural
    return chosen.format(count=count, **values)


def _is_singular(count: int) -> bool:
    # French treats 0 and 1 as singular ("0 contact"); English only 1.
    return count in (0, 1) if _language == "fr" else count == 1


def _lookup(message: str) -> str | list[str] | None:
    if _language == "en":
        return None
    catalog = _catalogs.get(_language)
    if catalog is None:
        catalog = _catalogs[_language] = load_po(_LOCALE_DIR / f"{_language}.po")
    return catalog.get(message)


def load_po(path: Path) -> dict[str, str | list[str]]:
    """A minimal reader for the `.po` subset we write: msgctxt, msgid, msgid_plural, msgstr[n]."""
    entries: dict[str, str | list[str]] = {}
    msgid: list[str] = []
    context: list[str] = []
    plural: list[str] = []
    strs: dict[int, list[str]] = {}
    current: list[str] | None = None

    def flush() -> None:
        if msgid and "".join(msgid):
            key = "".join(msgid)
            if context:
                key = "".join(context) + "\x04" + key
            if plural:
                entries[key] = ["".join(strs.get(i, [])) for i in range(2)]
            else:
                entries[key] = "".join(strs.get(0, []))

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return entries
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgctxt "):
            flush()
            msgid, plural, strs, context = [], [], {}, []
            current = context
            line = line[8:]
        elif line.startswith("msgid "):
            if current is not context:
                flush()
                msgid, plural, strs, context = [], [], {}, []
            current = msgid
            line = line[6:]
        elif line.startswith("msgid_plural "):
            current = plural
            line = line[13:]
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            current = strs.setdefault(index, [])
            line = line[line.index("]") + 2 :]
        elif line.startswith("msgstr "):
            current = strs.setdefault(0, [])
            line = line[7:]
        if current is not None and line.startswith('"'):
            current.append(ast.literal_eval(line))
    flush()
    return entries
