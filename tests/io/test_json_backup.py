"""The JSON backup refuses what it cannot restore faithfully, and says where."""

from __future__ import annotations

from collections.abc import Callable

import orjson

from reseau_tui.services.exporting import export_json
from reseau_tui.services.importing import ImportReport, import_file
from reseau_tui.services.network import Network
from tests.io.conftest import by_name
from tests.io.test_round_trip import full_network, without_meta

Fresh = Callable[[str], Network]


def problems(report: ImportReport) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.name, p.message()) for p in report.problems]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_truncated_file_is_refused_with_its_line(fresh: Fresh) -> None:
    copy = fresh("copy")

    report = import_file(copy, "json", b'{"format": "reseau-backup",\n "contacts": [\n')

    assert report.fatal and copy.state.contacts == {}
    assert report.problems[0].line == 3
    assert report.problems[0].message().startswith("the file is not JSON")


def test_backup_from_a_newer_version_is_refused(fresh: Fresh) -> None:
    data = b'{"format": "reseau-backup", "schema_version": 99, "contacts": []}'

    report = import_file(fresh("copy"), "json", data)

    assert problems(report) == [
        (
            None,
            "",
            "the backup was written by a newer reseau (schema 99; this one reads up to 1)",
        )
    ]


def test_bad_records_are_reported_with_line_and_nothing_is_restored(
    network: Network, fresh: Fresh
) -> None:
    full_network(network)
    people = by_name(network)
    text = export_json(network).decode()
    bruno_id, chloe_id = people["Bruno Caron"].id, people["Chloé Martin"].id
    text = text.replace('"circle": "friend"', '"circle": "best friend"')
    doc = orjson.loads(text)
    for contact in doc["contacts"]:
        if contact["id"] == chloe_id:
            del contact["created"]
    text = orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode()

    copy = fresh("copy")
    report = import_file(copy, "json", text.encode())

    assert report.blocked and not report.applied
    assert problems(report) == sorted(
        [
            (
                line_of(text, f'"id": "{bruno_id}"'),
                "Bruno Caron",
                "contacts: circle: unknown circle 'best friend'; use one of: family, friend, "
                "colleague, former-colleague, client, supplier, alumni, recruiter, acquaintance",
            ),
            (
                line_of(text, f'"id": "{chloe_id}"'),
                "Chloé Martin",
                "contacts: the record has the wrong shape (KeyError: 'created')",
            ),
        ]
    )
    assert copy.state.contacts == {}


def test_a_database_file_or_its_backup_copy_restores_too(network: Network, fresh: Fresh) -> None:
    full_network(network)

    copy = fresh("copy")
    report = import_file(copy, "json", network.path.read_bytes())
    copy.commit()

    assert report.problems == []
    assert without_meta(copy) == without_meta(network)


def test_the_same_id_twice_is_a_problem(network: Network, fresh: Fresh) -> None:
    network.add_contact("Anne")
    doc = orjson.loads(export_json(network))
    doc["contacts"].append(dict(doc["contacts"][0], name="Anne bis"))

    report = import_file(fresh("copy"), "json", orjson.dumps(doc))

    assert [p.message() for p in report.errors] == ["contacts: id: appears twice in contacts"]
