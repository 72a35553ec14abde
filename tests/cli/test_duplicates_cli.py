"""`reseau add` and `reseau log --new` never make a second person of someone known silently.

The rule is the import's: same profile link, else same email, else the same
name, accents, case and apostrophes aside ("camille martin" is Camille Martin).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reseau_tui.domain.clock import FixedClock
from tests.cli.support import Shell, on_fixed_clock


@pytest.fixture
def reseau(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Shell:
    on_fixed_clock(monkeypatch, clock)
    shell = Shell(capsys)
    shell.ok(
        "add",
        "Camille Martin",
        "--company",
        "Airbus",
        "--email",
        "Camille.Martin@airbus.example",
        "--url",
        "https://www.linkedin.com/in/camille-martin/",
    )
    return shell


def names(reseau: Shell) -> list[str]:
    return [line.split("  ")[0] for line in reseau.ok("contacts").splitlines()]


@pytest.mark.parametrize(
    "args",
    [
        ["camille martin"],
        ["Camille MARTIN", "--company", "Thales"],
        ["C. Martin", "--email", "camille.martin@AIRBUS.example"],
        ["Camille M.", "--url", "linkedin.com/in/camille-martin"],
    ],
    ids=["name", "name-other-company", "email", "profile-link"],
)
def test_add_refuses_someone_known_naming_them(
    reseau: Shell, db_path: Path, args: list[str]
) -> None:
    before = db_path.read_bytes()
    assert reseau("add", *args) == 1
    assert "Camille Martin (Airbus) is already a contact" in reseau.err
    assert "--force" in reseau.err
    assert reseau.out == ""  # no id for a script to take as the new person's
    assert db_path.read_bytes() == before


def test_add_force_adds_a_second_person_of_the_same_name(reseau: Shell) -> None:
    reseau.ok("add", "Camille Martin", "--company", "Thales", "--force")
    assert names(reseau) == ["Camille Martin", "Camille Martin"]


def test_add_is_not_refused_for_a_namesake_with_another_profile(reseau: Shell) -> None:
    """Two people may share a name: different profile links say they are two."""
    reseau.ok("add", "Camille Martin", "--url", "https://linkedin.com/in/camille-martin-2")
    assert names(reseau) == ["Camille Martin", "Camille Martin"]


def test_log_new_uses_the_known_person_and_says_so(reseau: Shell) -> None:
    reseau.ok("log", "camille martin,Inès Garnier", "--new")
    assert "Camille Martin (Airbus) is already a contact: the meeting is with them." in reseau.err
    assert "New contact: Inès Garnier." in reseau.err
    assert names(reseau) == ["Camille Martin", "Inès Garnier"]
