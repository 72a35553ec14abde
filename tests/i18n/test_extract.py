"""The catalog tool: what it collects from the sources, and how it merges a catalog."""

from __future__ import annotations

from pathlib import Path

from reseau_tui.i18n import parse_po
from reseau_tui.i18n_extract import extract, merge, render_pot, untranslated

SOURCE = """
from reseau_tui.i18n import N_, _, c_, n_, nc_

LABELS = (N_("Quit"), N_("Help"))


def run(ctx, name, count, done):
    note(_("Added {name}.", name=name))
    note(n_("{count} contact", "{count} contacts", count))
    body = c_(ctx, "Hello {first},", first=name)
    when = c_("short", "overdue") if done else nc_("short", "{count} day", "{count} days", 3)
    raise InvalidInput("introduced by", "no such contact" if done else "is missing")


def read(data):
    return Problem("the file is empty", field="name", fatal=True), clean_text("role", data)


def mistake(name):
    return _(f"Hello {name}")
"""


def package(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "mod.py").write_text(SOURCE, encoding="utf-8")
    return root


def test_the_tool_finds_every_kind_of_message(tmp_path: Path) -> None:
    found = extract(package(tmp_path))
    own = {k: m for k, m in found.messages.items() if m.context != "argparse"}
    assert set(own) == {
        "Quit",
        "Help",
        "Added {name}.",
        "{count} contact",
        "formal\x04Hello {first},",  # a context that is not a literal: both draft contexts
        "familiar\x04Hello {first},",
        "short\x04overdue",
        "short\x04{count} day",
        "introduced by",  # InvalidInput's field and template, both branches
        "no such contact",
        "is missing",
        "the file is empty",
        "name",
        "role",
    }
    assert own["{count} contact"].plural == "{count} contacts"
    assert own["short\x04{count} day"].plural == "{count} days"
    assert own["Quit"].references == ["pkg/mod.py"]
    assert found.problems == ["pkg/mod.py:20: an f-string given to _() cannot be translated"]
    assert "argparse\x04usage: " in found.messages


def test_merging_keeps_translations_and_comments_and_parks_the_old_ones(tmp_path: Path) -> None:
    messages = [m for m in extract(package(tmp_path)).messages.values() if m.context is None]
    before = (
        '# reseau in French.\nmsgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        "# a translator's note\n"
        'msgid "Quit"\nmsgstr "Quitter"\n\n'
        'msgid "{count} contact"\nmsgid_plural "{count} contacts"\n'
        'msgstr[0] "{count} contact"\nmsgstr[1] "{count} contacts"\n\n'
        'msgid "Gone from the code"\nmsgstr "Disparu du code"\n\n'
        '#~ msgid "Help"\n#~ msgstr "Aide"\n'
    )
    after = merge(before, messages, "fr")
    entries = parse_po(after)
    assert entries["Quit"].strings == {0: "Quitter"}
    assert "# a translator's note" in entries["Quit"].comments
    assert entries["Help"].strings == {0: "Aide"}  # an obsolete translation comes back
    assert entries["{count} contact"].strings == {0: "{count} contact", 1: "{count} contacts"}
    assert entries["Added {name}."].strings == {0: ""}
    assert "Gone from the code" not in entries
    assert '#~ msgid "Gone from the code"\n#~ msgstr "Disparu du code"' in after
    assert after.startswith("# reseau in French.\n")
    assert merge(after, messages, "fr") == after  # merging again changes nothing
    assert "Added {name}." in untranslated(after)
    assert "Quit" not in untranslated(after)


def test_the_template_is_a_gettext_file(tmp_path: Path) -> None:
    messages = list(extract(package(tmp_path)).messages.values())
    pot = render_pot(messages)
    assert 'msgid ""\nmsgstr ""\n"Project-Id-Version: reseau\\n"' in pot
    assert (
        "#. Draft message, tutoiement (contacts marked familiar).\n#: pkg/mod.py\n"
        '#, python-brace-format\nmsgctxt "familiar"\nmsgid "Hello {first},"\nmsgstr ""'
    ) in pot
    assert 'msgid "{count} contact"\nmsgid_plural "{count} contacts"\n' in pot
    assert set(parse_po(pot)) - {""} == {m.key for m in messages}
