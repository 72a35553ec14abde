"""The domain is pure: importing it must not load the UI toolkit or the database library."""

from __future__ import annotations

import subprocess
import sys


def test_domain_imports_neither_textual_rich_nor_tinydb() -> None:
    code = (
        "import sys\n"
        "import reseau_tui.domain.models, reseau_tui.domain.engine, reseau_tui.domain.state\n"
        "import reseau_tui.domain.when, reseau_tui.domain.codec, reseau_tui.domain.clock\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich', 'tinydb'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_printing_commands_do_not_load_textual() -> None:
    code = (
        "import sys\n"
        "import reseau_tui.cli.main\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('textual'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
