"""The catalogs: complete, faithful to their placeholders, and in step with the code."""

from __future__ import annotations

import argparse
import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from reseau_tui.i18n import ARGPARSE_CONTEXT, LOCALE_DIR, PoEntry, load_po
from reseau_tui.i18n_extract import (
    ARGPARSE_MESSAGES,
    CATALOGS,
    POT,
    entries,
    extract,
    outputs,
    placeholders,
)

FR = entries((LOCALE_DIR / "fr.po").read_text(encoding="utf-8"))
POT_ENTRIES = entries(POT.read_text(encoding="utf-8"))


def forms(entry: PoEntry) -> list[tuple[str, str]]:
    """(English, French) for each form: the singular, then the plural for plural entries."""
    if entry.plural is None:
        return [(entry.msgid, entry.strings.get(0, ""))]
    return [(entry.msgid, entry.strings.get(0, "")), (entry.plural, entry.strings.get(1, ""))]


def label(entry: PoEntry) -> str:
    return f"[{entry.context}] {entry.msgid!r}" if entry.context else repr(entry.msgid)


def test_the_template_and_the_catalog_are_up_to_date_with_the_code() -> None:
    stale = [path.name for path, text in outputs() if path.read_text(encoding="utf-8") != text]
    assert not stale, f"out of date: {stale}; run: python -m reseau_tui.i18n_extract"


def test_no_message_id_is_an_f_string() -> None:
    assert extract().problems == []


def test_every_message_of_the_code_is_in_the_template() -> None:
    found = extract().messages
    assert set(found) == set(POT_ENTRIES)
    assert {k: m.plural for k, m in found.items()} == {k: e.plural for k, e in POT_ENTRIES.items()}


def test_every_message_has_a_french_translation_with_all_its_forms() -> None:
    assert set(POT_ENTRIES) <= set(FR), "messages missing from fr.po"
    missing = [label(e) for e in FR.values() if not all(fr for _en, fr in forms(e))]
    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_translations_keep_exactly_the_placeholders_of_the_english() -> None:
    wrong = []
    for entry in FR.values():
        percent = entry.context == ARGPARSE_CONTEXT
        for english, french in forms(entry):
            if percent:
                same = Counter(placeholders(english, percent=True)) == Counter(
                    placeholders(french, percent=True)
                )
            else:
                # Names must match; the conversion may differ ({name!r} in English,
                # « {name} » in French).
                same = _names(english) == _names(french)
            if not same:
                wrong.append(f"{label(entry)}: {french!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def _names(text: str) -> set[str]:
    return {p.split("!")[0].split(":")[0] for p in placeholders(text)}


def test_the_placeholder_check_catches_a_dropped_or_added_name() -> None:
    assert _names("{count} jours de retard") == _names("{count} days late")
    assert _names("« {name} »") == _names("{name!r}")
    assert _names("Bonjour,") != _names("Hello {first},")
    assert _names("{first} {day}") != _names("{first}")
    assert Counter(placeholders("%(prog)s : erreur : %(message)s\n", percent=True)) == Counter(
        placeholders("%(prog)s: error: %(message)s\n", percent=True)
    )
    assert Counter(placeholders("argument attendu", percent=True)) != Counter(
        placeholders("expected %s argument", percent=True)
    )


def test_french_typography_is_consistent() -> None:
    """A no-break space before : ; ! ? and inside « », never a plain space (which a
    terminal or a mail client may break at)."""
    wrong = []
    for entry in FR.values():
        for _english, french in forms(entry):
            if re.search(r" [:;!?]|« | »", french):
                wrong.append(f"{label(entry)}: {french!r}")
    assert not wrong, "\n".join(wrong)


def test_drafts_say_vous_by_default_and_tu_to_familiar_contacts() -> None:
    tu = re.compile(r"\b(tu|te|t'|toi|ton|ta|tes)\b", re.IGNORECASE)
    vous = re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE)
    formal = [e.strings[0] for e in FR.values() if e.context == "formal"]
    familiar = [e.strings[0] for e in FR.values() if e.context == "familiar"]
    assert len(formal) == len(familiar) > 10
    assert not [t for t in formal if tu.search(t)]
    assert not [t for t in familiar if vous.search(t)]
    assert sum(1 for t in formal if vous.search(t)) > 8
    assert sum(1 for t in familiar if tu.search(t)) > 8


def test_the_catalog_loads_as_the_app_reads_it() -> None:
    catalog = load_po(CATALOGS["fr"])
    assert catalog["Contacts"] == "Contacts"
    assert catalog["{count} day"] == ["{count} jour", "{count} jours"]
    posted = catalog["formal\x04I will keep you posted.\n\nBest regards"]
    assert isinstance(posted, str) and posted.startswith("Je ne")
    assert catalog[f"{ARGPARSE_CONTEXT}\x04usage: "] == "utilisation\N{NO-BREAK SPACE}: "


def test_argparse_list_covers_every_text_of_this_python_argparse() -> None:
    """A new Python whose argparse says something new makes this fail: add it to the list."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    known = {m if isinstance(m, str) else m[0] for m in ARGPARSE_MESSAGES}
    said = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            said.add(node.args[0].value)
    assert said <= known, sorted(said - known)


@pytest.mark.parametrize("path", [POT, LOCALE_DIR / "fr.po"], ids=lambda p: p.name)
def test_catalog_files_are_utf8_with_the_gettext_header(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = entries(text.replace('msgid ""\nmsgstr ""', 'msgid "x"\nmsgstr ""', 1))["x"]
    assert "Content-Type: text/plain; charset=UTF-8" in header.strings[0]
    if path.name == "fr.po":
        assert "Plural-Forms: nplurals=2; plural=(n > 1);" in header.strings[0]
