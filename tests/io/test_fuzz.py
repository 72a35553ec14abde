"""Whatever file a user points an importer at, they get a report, never a crash.

Random text and bytes, and the sample files mutated (cut, spliced, lines
duplicated or swapped, bytes flipped), go through every importer. The import
either applies valid contacts or reports problems; it never raises.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.models import validated_contact
from reseau_tui.io import IMPORT_FORMATS, ImportFormat
from reseau_tui.services.importing import import_file
from reseau_tui.services.network import Network
from tests.io.conftest import sample

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
SAMPLES = {
    "vcard": [
        sample(f"vcard/{n}")
        for n in (
            "google-contacts.vcf",
            "apple-contacts.vcf",
            "vcard4-related.vcf",
            "outlook-2.1-quoted-printable.vcf",
            "malformed.vcf",
        )
    ],
    "csv": [sample("csv/contacts.csv")],
    "linkedin": [sample("linkedin/Connections.csv"), sample("linkedin/Connections-2019.csv")],
}
VCARD_WORDS = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:4.0",
        "FN:",
        "N:;;;;",
        "item1.",
        ";TYPE=pref",
        ";ENCODING=QUOTED-PRINTABLE:=C3=A9=",
        ";ENCODING=b:",
        "BDAY:1604-02-30",
        "RELATED;TYPE=met:urn:uuid:",
        "UID:",
        "X-RESEAU-CADENCE:",
        "\r\n ",
        "\\",
        '"',
        ";",
        ",",
        "\n",
        "\x00",
    ]
)


def check(fmt: ImportFormat, data: bytes, skip_invalid: bool) -> None:
    clock = FixedClock.at("2026-11-26T10:00:00", "Europe/Paris")
    with tempfile.TemporaryDirectory() as folder:
        network = Network(Path(folder) / "reseau.json", clock)
        network.add_contact("Nathalie Bernard", email="karim@example.org")
        report = import_file(network, fmt, data, skip_invalid=skip_invalid)
        assert report.applied == (report.changes > 0 and not report.blocked)
        if report.blocked:
            assert report.errors
            assert len(network.state.contacts) == 1
        for contact in network.state.contacts.values():
            assert validated_contact(contact) == contact
        network.commit()
        assert len(Network(network.path, clock).state.contacts) == len(network.state.contacts)


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES[fmt])))
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["cut", "insert", "word", "flip", "dup", "swap"]))
        at = draw(st.integers(0, len(data)))
        if action == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "insert":
            data[at:at] = draw(st.text(max_size=20)).encode("utf-8", "surrogatepass")
        elif action == "word":
            data[at:at] = draw(VCARD_WORDS).encode()
        elif action == "flip" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if action == "dup":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@FUZZ
@given(fmt=st.sampled_from(IMPORT_FORMATS), text=st.text(max_size=300), skip=st.booleans())
def test_random_text(fmt: ImportFormat, text: str, skip: bool) -> None:
    check(fmt, text.encode("utf-8", "surrogatepass"), skip)


@FUZZ
@given(fmt=st.sampled_from(IMPORT_FORMATS), data=st.binary(max_size=300), skip=st.booleans())
def test_random_bytes(fmt: ImportFormat, data: bytes, skip: bool) -> None:
    check(fmt, data, skip)


@FUZZ
@given(data=mutated("vcard"), skip=st.booleans())
def test_mutated_vcards(data: bytes, skip: bool) -> None:
    check("vcard", data, skip)


@FUZZ
@given(data=mutated("csv"), skip=st.booleans())
def test_mutated_csv(data: bytes, skip: bool) -> None:
    check("csv", data, skip)


@FUZZ
@given(data=mutated("linkedin"), skip=st.booleans())
def test_mutated_linkedin(data: bytes, skip: bool) -> None:
    check("linkedin", data, skip)


@FUZZ
@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=30).map(lambda t: f"FN:{t}"),
            st.text(max_size=30).map(lambda t: f"EMAIL:{t}"),
            st.text(max_size=30).map(lambda t: f"RELATED;TYPE=met:{t}"),
            st.text(max_size=30).map(lambda t: f"BDAY:{t}"),
            st.text(max_size=30).map(lambda t: f"X-RESEAU-CIRCLE:{t}"),
            st.text(max_size=30).map(lambda t: f"X-RESEAU-CONNECTED:{t}"),
            st.text(max_size=30).map(lambda t: f"CATEGORIES:{t}"),
            VCARD_WORDS,
        ),
        max_size=12,
    ),
    skip=st.booleans(),
)
def test_cards_built_from_plausible_lines(lines: list[str], skip: bool) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n"
    check("vcard", text.encode("utf-8", "surrogatepass"), skip)
