"""Text as it is shown and searched: one line, French spacing kept, names folded."""

from __future__ import annotations

from reseau_tui.domain.text import fold, one_line

NBSP = "\u00a0"


def test_one_line_joins_lines_but_keeps_french_no_break_spaces() -> None:
    assert (
        one_line(f"Fait{NBSP}: Nouvelles,\n  Camille\tMartin ")
        == f"Fait{NBSP}: Nouvelles, Camille Martin"
    )
    assert one_line(f"«{NBSP}café{NBSP}»") == f"«{NBSP}café{NBSP}»"


def test_fold_ignores_case_accents_and_apostrophes() -> None:
    assert fold("Zoë N'Diaye") == fold("ZOE N’DIAYE") == fold("zoe ndiaye") == "zoe ndiaye"
    assert fold("Hélène  Lefèvre") == "helene lefevre"
