"""Collect every message id from the sources: `python -m reseau_tui.i18n_extract [--check]`.

Reads `reseau_tui/**/*.py` with `ast` (nothing is imported or run) and finds:

- the messages of `_()`, `N_()`, `Msg()`, `n_()` (singular and plural), `c_()` and
  `nc_()` (with their context; a context that is not a literal is one of the draft
  contexts, "formal" and "familiar", and both are collected);
- the English templates of the domain's errors, which the CLI and the app translate
  when they show them: `InvalidInput(field, template)`, `Problem(template, field=)`,
  `_Unreadable(template)`, `DamagedDatabase(path, problem)`, `SaveError(path, problem)`,
  `OperationConflict(operation, reason)`, `ConfigProblem(path, template)`, the
  importers' `problem(field, template)` and `warn(field, template)`, and the field names
  given to `clean_text`, `check_instant`, `check_date` and `check_year`;
- argparse's own texts ("usage: ", "options"...), listed below, under the msgctxt
  "argparse".

It writes `locale/reseau.pot` (the template translators' tools start from) and merges
it into `locale/fr.po`: new messages are added untranslated, existing translations are
kept, and translations of messages gone from the code are kept as obsolete (`#~`)
entries at the end. With `--check` it writes nothing and exits 1 if either file is out
of date.
"""

from __future__ import annotations

import ast
import re
import string
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reseau_tui.i18n import (
    ARGPARSE_CONTEXT,
    DRAFT_CONTEXTS,
    LOCALE_DIR,
    SHORT_CONTEXT,
    PoEntry,
    parse_po,
)

PACKAGE = Path(__file__).parent
POT = LOCALE_DIR / "reseau.pot"
CATALOGS = {"fr": LOCALE_DIR / "fr.po"}

# Callee name → (positions of message ids among its arguments, keywords that hold one).
CALLS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "_": ((0,), ()),
    "N_": ((0,), ()),
    "Msg": ((0,), ()),
    "InvalidInput": ((0, 1), ()),
    "Problem": ((0,), ("field",)),
    "_Unreadable": ((0,), ()),
    "DamagedDatabase": ((1,), ()),
    "SaveError": ((1,), ()),
    "OperationConflict": ((1,), ()),
    "ConfigProblem": ((1,), ()),
    "problem": ((0, 1), ()),
    "warn": ((0, 1), ()),
    "clean_text": ((0,), ()),
    "check_instant": ((0,), ()),
    "check_date": ((0,), ()),
    "check_year": ((0,), ()),
}

# argparse's texts that a user of `reseau` can see, from Python 3.11 to 3.13 (a test
# checks that the running Python's argparse has no other). Plurals are (singular, plural).
ARGPARSE_MESSAGES: tuple[str | tuple[str, str], ...] = (
    "usage: ",
    "positional arguments",
    "options",
    "subcommands",
    "%(heading)s:",
    "show this help message and exit",
    "show program's version number and exit",
    " (default: %(default)s)",
    "%(prog)s: error: %(message)s\n",
    "%(prog)s: warning: %(message)s\n",
    "argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s",
    "unrecognized arguments: %s",
    "the following arguments are required: %s",
    "one of the arguments %s is required",
    "not allowed with argument %s",
    "ignored explicit argument %r",
    "expected one argument",
    "expected at most one argument",
    "expected at least one argument",
    ("expected %s argument", "expected %s arguments"),
    "invalid choice: %(value)r (choose from %(choices)s)",
    "invalid %(type)s value: %(value)r",
    "unknown parser %(parser_name)r (choices: %(choices)s)",
    "can't open '%(filename)s': %(error)s",
    'argument "-" with mode %r',
    "unexpected option string: %s",
    "argument '%(argument_name)s' is deprecated",
    "option '%(option)s' is deprecated",
    "command '%(parser_name)s' is deprecated",
    # Mistakes in a program's own parser, not in what the user typed: kept so that
    # the catalog covers argparse entirely.
    "%r is not callable",
    "'required' is an invalid argument for positionals",
    ".__call__() not defined",
    "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r",
    ("conflicting option string: %s", "conflicting option strings: %s"),
    "conflicting subparser alias: %s",
    "conflicting subparser: %s",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "mutually exclusive arguments must be optional",
)

CONTEXT_NOTES = {
    "formal": "Draft message, vouvoiement (the default).",
    "familiar": "Draft message, tutoiement (contacts marked familiar).",
    SHORT_CONTEXT: "Compact wording for a narrow column (14 characters): abbreviate if needed.",
    ARGPARSE_CONTEXT: "argparse's own text: keep its %-placeholders as they are.",
}


@dataclass
class Message:
    msgid: str
    context: str | None = None
    plural: str | None = None
    references: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.msgid if self.context is None else f"{self.context}\x04{self.msgid}"


@dataclass
class Extraction:
    messages: dict[str, Message] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # f-strings given as message ids

    def add(
        self, msgid: str, where: str, context: str | None = None, plural: str | None = None
    ) -> None:
        if not msgid:
            return
        message = Message(msgid, context, plural)
        found = self.messages.setdefault(message.key, message)
        if plural and not found.plural:
            found.plural = plural
        if where not in found.references:
            found.references.append(where)


def source_files(package: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)


def extract(package: Path = PACKAGE) -> Extraction:
    """Every message id in the package's sources, then argparse's."""
    found = Extraction()
    for path in source_files(package):
        where = path.relative_to(package.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        for node in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
            _collect(node, where, found)
    for message in ARGPARSE_MESSAGES:
        if isinstance(message, tuple):
            found.add(message[0], "argparse", ARGPARSE_CONTEXT, message[1])
        else:
            found.add(message, "argparse", ARGPARSE_CONTEXT)
    return found


def callee(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else ""


def literals(node: ast.expr | None) -> list[str]:
    """The strings an argument can be: a literal, or either branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return literals(node.body) + literals(node.orelse)
    return []


def _collect(node: ast.Call, where: str, found: Extraction) -> None:
    name = callee(node)
    line = f"{where}:{node.lineno}"
    args = node.args
    for arg in args:
        if name in ("_", "n_", "c_", "nc_", "N_", "Msg") and isinstance(arg, ast.JoinedStr):
            found.problems.append(f"{line}: an f-string given to {name}() cannot be translated")
    if name == "n_" and len(args) >= 2:
        for singular, plural in zip(literals(args[0]), literals(args[1]), strict=False):
            found.add(singular, where, plural=plural)
        return
    if name == "nc_" and len(args) >= 3:
        for context in literals(args[0]) or list(DRAFT_CONTEXTS):
            for singular, plural in zip(literals(args[1]), literals(args[2]), strict=False):
                found.add(singular, where, context=context, plural=plural)
        return
    if name == "c_" and len(args) >= 2:
        contexts = literals(args[0]) or list(DRAFT_CONTEXTS)
        for context in contexts:
            for msgid in literals(args[1]):
                found.add(msgid, where, context=context)
        return
    if name not in CALLS:
        return
    positions, keywords = CALLS[name]
    for i in positions:
        if i < len(args):
            for msgid in literals(args[i]):
                found.add(msgid, where)
    for kw in node.keywords:
        if kw.arg in keywords:
            for msgid in literals(kw.value):
                found.add(msgid, where)


# --- writing .po files ------------------------------------------------------------------

POT_HEADER = {
    "Project-Id-Version": "reseau",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}
HEADERS = {
    "fr": {
        **POT_HEADER,
        "Language": "fr",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    }
}


def quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def po_string(keyword: str, text: str) -> list[str]:
    """`keyword "text"`, or one line per line of a multi-line text, as gettext writes it."""
    parts = text.splitlines(keepends=True)
    if len(parts) <= 1:
        return [f"{keyword} {quote(text)}"]
    return [f'{keyword} ""', *(quote(p) for p in parts)]


def flags(message: Message) -> str:
    text = message.msgid + (message.plural or "")
    if message.context == ARGPARSE_CONTEXT:
        return "python-format" if "%" in text else ""
    has_braces = any(name is not None for _l, name, _s, _c in _format_fields(text))
    return "python-brace-format" if has_braces else ""


def _format_fields(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(string.Formatter().parse(text))
    except ValueError:
        return []


def render_entry(
    message: Message,
    strings: dict[int, str] | None = None,
    *,
    obsolete: bool = False,
    comments: Iterable[str] = (),
) -> list[str]:
    """One entry; `comments` are the translator's own ("# ..."), kept from the catalog."""
    lines: list[str] = list(comments)
    if not obsolete:
        if message.context in CONTEXT_NOTES:
            lines.append(f"#. {CONTEXT_NOTES[message.context]}")
        lines.extend(f"#: {ref}" for ref in message.references)
        if flag := flags(message):
            lines.append(f"#, {flag}")
    body: list[str] = []
    if message.context is not None:
        body += po_string("msgctxt", message.context)
    body += po_string("msgid", message.msgid)
    strings = strings or {}
    if message.plural is not None:
        body += po_string("msgid_plural", message.plural)
        for i in range(max(len(strings), 2)):
            body += po_string(f"msgstr[{i}]", strings.get(i, ""))
    else:
        body += po_string("msgstr", strings.get(0, ""))
    lines += [f"#~ {line}" for line in body] if obsolete else body
    return lines


def render_header(fields: dict[str, str], comment: str) -> list[str]:
    return [
        *(f"# {line}" if line else "#" for line in comment.splitlines()),
        'msgid ""',
        'msgstr ""',
        *(quote(f"{k}: {v}\n") for k, v in fields.items()),
    ]


def render_pot(messages: Iterable[Message]) -> str:
    blocks = [
        render_header(
            POT_HEADER,
            "Messages of reseau, to translate.\n"
            "Generated by `python -m reseau_tui.i18n_extract`: do not edit by hand.",
        )
    ]
    blocks += [render_entry(m) for m in messages]
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


def merge(po_text: str, messages: Iterable[Message], language: str) -> str:
    """The catalog for `messages`, keeping the translations `po_text` already has."""
    current = parse_po(po_text)
    obsolete = parse_po(_obsolete_lines(po_text))
    header = current.pop("", None)
    comment = (
        "\n".join(line[2:] if line.startswith("# ") else "" for line in header.comments)
        if header and header.comments
        else f"reseau in {language}: {HEADERS.get(language, {}).get('Language', language)}."
    )
    blocks = [render_header(HEADERS.get(language, POT_HEADER), comment)]
    wanted = list(messages)
    keys = {m.key for m in wanted}
    for message in wanted:
        known = current.get(message.key) or obsolete.get(message.key)
        notes = translator_comments(known.comments) if known else []
        blocks.append(render_entry(message, known.strings if known else None, comments=notes))
    gone = {**obsolete, **current}
    for key, entry in gone.items():
        if key and key not in keys and any(entry.strings.values()):
            old = Message(entry.msgid, entry.context, entry.plural)
            blocks.append(render_entry(old, entry.strings, obsolete=True))
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


def translator_comments(comments: Iterable[str]) -> list[str]:
    """The "# ..." lines a translator wrote, not those the tool writes (#. #: #,)."""
    return [c for c in comments if c == "#" or c.startswith("# ")]


def _obsolete_lines(po_text: str) -> str:
    return "\n".join(line[3:] for line in po_text.splitlines() if line.startswith("#~ "))


def ordered(found: Extraction) -> list[Message]:
    return list(found.messages.values())


def outputs(package: Path = PACKAGE) -> Iterator[tuple[Path, str]]:
    """(path, text) of the template and of each catalog, as they should be."""
    messages = ordered(extract(package))
    yield POT, render_pot(messages)
    for language, path in CATALOGS.items():
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        yield path, merge(text, messages, language)


def untranslated(po_text: str) -> list[str]:
    """Message ids of `po_text` that lack a translation (or one of their plural forms)."""
    missing = []
    for key, entry in parse_po(po_text).items():
        if not key:
            continue
        forms = [entry.strings.get(i, "") for i in range(2 if entry.plural is not None else 1)]
        if not all(forms):
            missing.append(entry.msgid)
    return missing


def main(argv: list[str]) -> int:
    check = "--check" in argv
    found = extract()
    for problem in found.problems:
        print(problem, file=sys.stderr)
    stale = []
    for path, text in outputs():
        try:
            before = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            before = ""
        if before == text:
            continue
        stale.append(path)
        if not check:
            path.write_text(text, encoding="utf-8")
    for path in stale:
        verb = "out of date" if check else "written"
        print(f"{path.relative_to(PACKAGE.parent)}: {verb}")
    print(f"{len(found.messages)} messages")
    for language, path in CATALOGS.items():
        missing = untranslated(path.read_text(encoding="utf-8")) if path.exists() else []
        if missing:
            print(f"{language}: {len(missing)} untranslated")
    return 1 if (check and stale) or found.problems else 0


# Placeholders, for the tests and for translators' checks: `{name!r}` and `%(name)s`.
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdrifgxXeEc%]")


def placeholders(text: str, *, percent: bool = False) -> list[str]:
    """The placeholders of a message, sorted, with their conversion: ["name!r", "count"]."""
    if percent:
        return sorted(m.group(0) for m in _PERCENT.finditer(text) if m.group(0) != "%%")
    return sorted(
        name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        for _l, name, spec, conversion in _format_fields(text)
        if name is not None
    )


def entries(po_text: str) -> dict[str, PoEntry]:
    return {k: v for k, v in parse_po(po_text).items() if k}


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
