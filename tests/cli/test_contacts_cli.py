"""`reseau add` and `reseau contacts`, tried as a new user would from a shell."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reseau_tui import __version__
from reseau_tui.cli.main import main
from reseau_tui.services.network import Network

ZOE = "[/b] Zoë N'Diaye"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def reseau(
    *args: str | bytes, program: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as a separate process, with this test's environment (RESEAU_DB, TZ, ...)."""
    argv: list[str | bytes] = [*(program or [sys.executable, "-m", "reseau_tui"]), *args]
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env=os.environ.copy(),
        timeout=60,
        check=False,
    )


class Cli:
    """The same command run in this process (fast), for the many cases that need no new process."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            status = main(list(args))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
        out, err = self.capsys.readouterr()
        return status, out, err

    def add(self, *args: str) -> str:
        status, out, err = self("add", *args)
        assert status == 0, err
        return out.strip()

    def json(self, *args: str) -> list[dict[str, object]]:
        status, out, err = self("contacts", "--json", *args)
        assert status == 0, err
        found: list[dict[str, object]] = json.loads(out)
        return found


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


# --- a new user, in a real shell -----------------------------------------------------


def test_a_new_user_adds_a_contact_lists_it_and_finds_it(db_path: Path) -> None:
    done = reseau("add", ZOE, "--company", "X", "--tag", "t")

    assert done.returncode == 0, done.stderr
    zoe = done.stdout.strip()
    assert UUID.match(zoe)
    assert done.stdout == zoe + "\n"
    assert f"Added {ZOE}." in done.stderr
    assert db_path.stat().st_mode & 0o777 == 0o600

    listing = reseau("contacts")
    assert listing.returncode == 0, listing.stderr
    [line] = listing.stdout.splitlines()
    assert line.startswith(ZOE)
    assert line.split()[-1] == "X"
    assert "1 contact" in listing.stderr

    for search in ("zoe", "ZOE"):
        found = reseau("contacts", search)
        assert found.returncode == 0
        assert found.stdout == listing.stdout

    as_json = reseau("contacts", "--json")
    assert as_json.returncode == 0
    [doc] = json.loads(as_json.stdout)
    assert doc["id"] == zoe
    assert doc["name"].encode("utf-8") == ZOE.encode("utf-8")
    assert doc["company"] == "X"
    assert doc["tags"] == ["t"]


def test_a_name_that_is_not_valid_utf8_is_refused(db_path: Path) -> None:
    done = reseau("add", b"Zo\xeb N'Diaye")  # typed in a Latin-1 terminal

    assert done.returncode == 1
    assert done.stdout == ""
    assert "reseau: name: contains an invalid character (lone surrogate)" in done.stderr
    assert not db_path.exists()


def test_bad_input_exits_1_from_a_real_shell(db_path: Path) -> None:
    done = reseau("add", "")

    assert done.returncode == 1
    assert done.stderr.strip() == "reseau: name: must not be empty"
    assert not db_path.exists()


def test_usage_errors_exit_2_from_a_real_shell(db_path: Path) -> None:
    done = reseau("add", "Camille", "--cadence", "often")

    assert done.returncode == 2
    assert "usage: reseau" in done.stderr
    assert "invalid int value: 'often'" in done.stderr
    assert not db_path.exists()


def test_version_and_help_from_a_real_shell() -> None:
    for program in (
        [sys.executable, "-m", "reseau_tui"],
        [str(Path(sys.executable).with_name("reseau"))],
    ):
        version = reseau("--version", program=program)
        assert version.returncode == 0, version.stderr
        assert version.stdout.strip() == f"reseau {__version__}"

    help_ = reseau("--help")
    assert help_.returncode == 0
    assert "add" in help_.stdout and "contacts" in help_.stdout and "--db" in help_.stdout


def test_a_fresh_machine_keeps_the_database_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RESEAU_DB")

    done = reseau("add", ZOE)

    assert done.returncode == 0, done.stderr
    [path] = (tmp_path / "home" / "data").rglob("reseau.json")
    assert done.stdout.strip() in path.read_text(encoding="utf-8")


# --- listing and searching ------------------------------------------------------------


def test_contacts_lists_everyone_with_their_company(cli: Cli) -> None:
    cli.add(ZOE, "--company", "X", "--tag", "t")
    cli.add("Camille Martin", "--company", "Airbus", "--role", "Engineer")

    status, out, err = cli("contacts")

    assert status == 0
    rows = {line.split("  ")[0].strip(): line for line in out.splitlines()}
    assert set(rows) == {ZOE, "Camille Martin"}
    assert "Airbus" in rows["Camille Martin"] and "Engineer" in rows["Camille Martin"]
    assert "2 contacts" in err


def test_search_ignores_case_and_accents(cli: Cli) -> None:
    zoe = cli.add(ZOE, "--company", "X", "--tag", "t")
    cli.add("Camille Martin")

    for search in ("zoe", "ZOE", "Zoë", "ZOË", "n'diaye", "DIAYE", "zoe n'd", "[/b]"):
        assert [c["id"] for c in cli.json(search)] == [zoe], search


def test_lefevre_finds_lefevre_with_its_accent(cli: Cli) -> None:
    anne = cli.add("Anne Lefèvre")
    cli.add("Camille Martin")

    for search in ("lefevre", "LEFEVRE", "Lefèvre", "LEFÈVRE", "lefévre", "anne lef"):
        status, out, _err = cli("contacts", search)
        assert status == 0
        assert out.startswith("Anne Lefèvre"), search
        assert [c["id"] for c in cli.json(search)] == [anne], search


def test_search_covers_company_role_email_and_tags(cli: Cli) -> None:
    camille = cli.add(
        "Camille Martin",
        "--company",
        "Société Générale",
        "--role",
        "Développeuse",
        "--email",
        "camille@example.org",
        "--tag",
        "fintech",
    )
    cli.add("Léa Petit")

    for search in ("societe", "developpeuse", "example.org", "FINTECH"):
        assert [c["id"] for c in cli.json(search)] == [camille], search


def test_a_search_that_matches_nobody_says_so(cli: Cli) -> None:
    cli.add(ZOE)

    status, out, err = cli("contacts", "thales")

    assert status == 0
    assert out == ""
    assert "No contact matches 'thales'" in err
    assert cli.json("thales") == []


def test_looking_at_an_empty_network_writes_nothing(cli: Cli, db_path: Path) -> None:
    status, out, err = cli("contacts")

    assert status == 0
    assert out == ""
    assert "No contacts yet" in err
    assert cli.json() == []
    assert not db_path.exists()


# --- JSON for scripts --------------------------------------------------------------


def test_json_gives_the_name_byte_for_byte_and_every_field_that_is_set(cli: Cli) -> None:
    camille = cli.add("Camille Martin")
    zoe = cli.add(
        ZOE,
        "--company",
        "X",
        "--role",
        "CTO",
        "--email",
        "zoe@example.org",
        "--phone",
        "+33 6 12 34 56 78",
        "--url",
        "https://www.linkedin.com/in/zoe",
        "--circle",
        "former-colleague",
        "--tag",
        "t",
        "--tag",
        "aero",
        "--introduced-by",
        "Camille",
        "--cadence",
        "30",
        "--note",
        "Met at the alumni evening",
        "--familiar",
    )

    found = {c["id"]: c for c in cli.json()}

    assert set(found[camille]) == {"id", "name", "created"}
    zoe_doc = found[zoe]
    assert {k: v for k, v in zoe_doc.items() if k != "created"} == {
        "id": zoe,
        "name": ZOE,
        "company": "X",
        "role": "CTO",
        "email": "zoe@example.org",
        "phone": "+33 6 12 34 56 78",
        "url": "https://www.linkedin.com/in/zoe",
        "circle": "former-colleague",
        "tags": ["t", "aero"],
        "introduced_by": camille,
        "cadence_days": 30,
        "notes": "Met at the alumni evening",
        "familiar": True,
    }
    created = str(zoe_doc["created"])
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+0[12]:00$", created)


def test_a_decomposed_accent_comes_back_decomposed_and_is_still_found(cli: Cli) -> None:
    decomposed = "Zoe\u0308 N'Diaye"  # what some keyboards and macOS file names produce
    zoe = cli.add(decomposed)

    [doc] = cli.json("zoë")

    assert doc["id"] == zoe
    assert doc["name"] == decomposed


def test_terminal_escapes_in_a_name_are_kept_as_data_but_never_reach_the_terminal(
    cli: Cli,
) -> None:
    name = "Eve \x1b]0;pwned\x07 \u202eevil \x9b31m"
    eve = cli.add(name)

    _status, table, _err = cli("contacts")
    _status, as_json, _err = cli("contacts", "--json")

    for shown in (table, as_json):
        assert not {"\x1b", "\x07", "\u202e", "\x9b"} & set(shown)
    [doc] = json.loads(as_json)
    assert doc == {"id": eve, "name": name, "created": doc["created"]}


def test_archived_contacts_are_listed_only_when_asked_or_searched(
    cli: Cli, network: Network
) -> None:
    gone = network.add_contact("Old Colleague", archived=True)
    network.commit()
    cli.add(ZOE)

    assert [c["name"] for c in cli.json()] == [ZOE]
    assert [c["id"] for c in cli.json("old")] == [gone.id]
    status, out, _err = cli("contacts", "--archived")
    assert status == 0
    assert "Old Colleague (archived)" in out


# --- refusals: exit 1, a message, nothing written --------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", ""], "name: must not be empty"),
        (["add", "   "], "name: must not be empty"),
        (["add", "x" * 301], "name: is too long (301 characters; at most 300)"),
        (["add", "Camille", "--note", "n" * 100_001], "notes: is too long (100,001 characters"),
        (["add", "Camille", "--cadence", "0"], "cadence: must be between 1 and 3650 days"),
        (["add", "Camille", "--introduced-by", "Nobody"], "no contact matches 'Nobody'"),
        (["add", "Camille", "--company", "a\x00b"], "company: contains a NUL byte"),
        (["add", "Camille", "--tag", "a\x00b"], "tag: contains a NUL byte"),
        (["add", "Zo\udceb"], "name: contains an invalid character (lone surrogate)"),
    ],
)
def test_bad_input_exits_1_with_a_message_and_writes_nothing(
    cli: Cli, args: list[str], message: str, db_path: Path
) -> None:
    cli.add("Léa Petit")
    before = db_path.read_bytes()

    status, out, err = cli(*args)

    assert status == 1
    assert out == ""
    assert err.startswith("reseau: ")
    assert message in err
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["add"],
        ["add", "Camille", "--cadence", "often"],
        ["add", "Camille", "--circle", "besties"],
        ["add", "Camille", "--bogus"],
        ["contacts", "a", "b"],
        ["frobnicate"],
        ["--db"],
    ],
)
def test_usage_errors_exit_2_and_write_nothing(cli: Cli, args: list[str], db_path: Path) -> None:
    status, out, err = cli(*args)

    assert status == 2
    assert "usage: reseau" in err
    assert out == ""
    assert not db_path.exists()


def test_help_for_add_lists_its_options(cli: Cli) -> None:
    status, out, _err = cli("add", "--help")

    assert status == 0
    for option in ("--company", "--role", "--email", "--phone", "--url", "--circle", "--tag"):
        assert option in out
    assert "--introduced-by" in out and "--cadence" in out and "--note" in out


def test_db_option_chooses_the_file(cli: Cli, tmp_path: Path, db_path: Path) -> None:
    other = tmp_path / "elsewhere.json"

    status, out, _err = cli("--db", str(other), "add", ZOE)
    zoe = out.strip()

    assert status == 0
    assert not db_path.exists()
    assert [c["id"] for c in cli.json()] == []
    _status, listing, _err = cli("--db", str(other), "contacts", "--json")
    assert [c["id"] for c in json.loads(listing)] == [zoe]
