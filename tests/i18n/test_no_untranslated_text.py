"""No word reaches the user without going through the translation functions.

The sources are read with `ast`: a string literal with letters in it, given as the text
of something the user reads (a notification, a label, a key's description, an
argparse help, a line printed by the CLI, an error...), must come from `_()`, `n_()`,
`c_()` or `N_()`. Text built from placeholders and punctuation (" · ", f"{a}: {b}") is
not words, and a few literals that are not words either are allowed below.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import reseau_tui

PACKAGE = Path(reseau_tui.__file__).parent

TRANSLATORS = {"_", "n_", "c_", "N_", "Msg"}

# Callee (its name, or the attribute called) → (positions, keywords) holding user text.
SINKS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    # Textual
    "notify": ((0,), ("message", "title")),
    "Label": ((0,), ()),
    "Static": ((0,), ()),
    "Content": ((0,), ()),
    "styled": ((0,), ()),
    "Binding": ((2,), ("description", "tooltip")),
    "Input": ((), ("placeholder", "value")),
    "Select": ((), ("prompt",)),
    "Checkbox": ((0,), ()),
    "Button": ((0,), ()),
    "Option": ((0,), ()),
    "SystemCommand": ((0, 1), ()),
    "DiscoveryHit": ((0,), ("help",)),
    "Hit": ((1,), ("help",)),
    "CommandPalette": ((), ("placeholder",)),
    "update": ((0,), ()),
    # argparse
    "ArgumentParser": ((), ("description", "epilog", "usage")),
    "add_parser": ((), ("help", "description", "epilog")),
    "add_subparsers": ((), ("title", "description", "help", "metavar")),
    "add_argument": ((), ("help", "metavar")),
    "add_argument_group": ((0, 1), ("title", "description")),
    # the CLI's output, and what it reports
    "print": ((0,), ()),
    "write": ((0,), ()),
    "say": ((0,), ()),
    "note": ((0,), ()),
    "error": ((0,), ()),
    "Refused": ((0,), ()),
    # reseau's widgets and screens
    "Pane": ((0,), ()),
    "PickScreen": ((0,), ()),
    "ConfirmScreen": ((0,), ()),
    "show": ((0, 1), ()),
    "clear": ((0,), ()),
    "field": ((0,), ()),
    "section": ((0,), ()),
    "line": ((0,), ()),
    "title": ((0,), ()),
    "SaveFailed": ((0,), ()),
    # what a change is called when it could not be saved
    "Operation": ((0,), ()),
    "insert": ((0,), ()),
    "remove": ((0,), ()),
    "ImportFinished": ((1,), ("problem",)),
}
# Calls that show the text they are given, changed a little (cut, made printable...).
PASS_THROUGH = {"one_line", "printable", "fit", "str", "format", "join", "strip", "capitalize"}
# Attributes whose value the user reads.
SHOWN_ATTRIBUTES = {"title", "border_title", "border_subtitle", "sub_title", "tooltip"}

# Literals with letters that are not words to translate.
ALLOWED = {
    " reseau ": "the product's name, shown in the status bar",
    "  n  ": "a key name (the welcome screen)",
    "  m  ": "a key name (the welcome screen)",
    "  ctrl+p  ": "a key name (the welcome screen)",
}
TERMINAL_CODES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Files that print nothing a user of reseau reads.
SKIPPED_FILES = {
    "i18n_extract.py": "the developers' catalog tool",
}


@dataclass(frozen=True)
class Bare:
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r}"


def callee(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def words(text: str) -> bool:
    text = TERMINAL_CODES.sub("", text)  # "\x1b[K" erases a line: a letter, not a word
    return any(ch.isalpha() for ch in text) and text not in ALLOWED


def bare_text(node: ast.AST | None) -> list[str]:
    """The literal words an expression shows, outside any translation call."""
    if node is None:
        return []
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) and words(node.value) else []
    if isinstance(node, ast.JoinedStr):
        found = []
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                if words(part.value):
                    found.append(part.value)
            elif isinstance(part, ast.FormattedValue):
                found += bare_text(part.value)  # its format spec (":%H:%M") is not text
        return found
    if isinstance(node, ast.BinOp):
        return bare_text(node.left) + bare_text(node.right)
    if isinstance(node, ast.IfExp):
        return bare_text(node.body) + bare_text(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [t for v in node.values for t in bare_text(v)]
    if isinstance(node, ast.Call):
        name = callee(node)
        if name in TRANSLATORS:
            return []
        if name == "assemble":  # Content.assemble("text", ("text", "style"), ...)
            return [t for a in node.args for t in bare_text(_first_of_pair(a))]
        if name in SINKS:
            return sink_text(node)
        if name not in PASS_THROUGH:
            return []
        found = [t for a in node.args for t in bare_text(a)]
        found += [t for k in node.keywords for t in bare_text(k.value)]
        if isinstance(node.func, ast.Attribute):  # "text {x}".format(...), " · ".join(...)
            found += bare_text(node.func.value)
        return found
    return []


def _first_of_pair(node: ast.expr) -> ast.expr:
    return node.elts[0] if isinstance(node, ast.Tuple) and node.elts else node


def sink_text(node: ast.Call) -> list[str]:
    positions, keywords = SINKS[callee(node)]
    if callee(node) == "print":
        positions = tuple(range(len(node.args)))
    found = [t for i in positions if i < len(node.args) for t in bare_text(node.args[i])]
    found += [t for k in node.keywords if k.arg in keywords for t in bare_text(k.value)]
    return found


def untranslated(package: Path = PACKAGE) -> list[Bare]:
    found: list[Bare] = []
    for path in sorted(package.rglob("*.py")):
        if path.name in SKIPPED_FILES:
            continue
        rel = path.relative_to(package.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            texts: list[str] = []
            if isinstance(node, ast.Call) and (callee(node) in SINKS or callee(node) == "assemble"):
                texts = bare_text(node)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(
                    isinstance(t, ast.Attribute) and t.attr in SHOWN_ATTRIBUTES for t in targets
                ):
                    texts = bare_text(node.value)
            else:
                continue
            found += [Bare(f"{rel}:{node.lineno}", t) for t in texts]
    return sorted(set(found), key=lambda b: b.where)


def test_every_user_visible_literal_goes_through_translation() -> None:
    bare = untranslated()
    assert not bare, "text shown without translation:\n" + "\n".join(map(str, bare))


def test_the_scan_finds_what_it_is_meant_to_find(tmp_path: Path) -> None:
    """The scanner itself: a few mistakes it must catch, and correct code it must accept."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "bad.py").write_text(
        "self.notify('Saved.')\n"
        "Binding('q', 'quit', 'Quit')\n"
        "parser.add_argument('--x', help=f'the {thing} to use')\n"
        "say('Done: ' + name)\n"
        "Content.assemble(('With: ', 'bold'), names)\n"
        "pane.border_title = 'Contacts'\n"
        'raise Refused("no contact matches {name!r}".format(name=name))\n',
        encoding="utf-8",
    )
    (package / "good.py").write_text(
        "self.notify(_('Saved.'))\n"
        "Binding('q', 'quit', N_('Quit'))\n"
        "parser.add_argument('--x', help=_('the {thing} to use', thing=t))\n"
        "say(f'{a} · {b}')\n"
        "Content.assemble((_('With: '), 'bold'), names)\n"
        "pane.border_title = Content(f'{title} · {count}')\n"
        "b.title(f'{when:%H:%M}')\n",
        encoding="utf-8",
    )
    found = {b.text for b in untranslated(package)}
    assert found == {
        "Saved.",
        "Quit",
        "the ",
        " to use",
        "Done: ",
        "With: ",
        "Contacts",
        "no contact matches {name!r}",
    }
