"""Export, import into a fresh database, and get the same network back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
import vobject

from reseau_tui.domain.codec import contact_to_doc
from reseau_tui.domain.models import Settings, create_promise
from reseau_tui.domain.state import META
from reseau_tui.services.exporting import export_csv, export_json, export_vcard
from reseau_tui.services.importing import import_file
from reseau_tui.services.network import Network
from tests.io.conftest import by_name

Fresh = Callable[[str], Network]


def populate(network: Network) -> None:
    now = network.now()
    anne = network.add_contact(
        "Anne Petit",
        company="La Poste; siège",
        role="DRH, groupe",
        email="anne.petit@example.fr",
        phone="+33 1 23 45 67 89",
        url="https://www.linkedin.com/in/annepetit",
        circle="former-colleague",
        tags=("rh", "mentor", "Île-de-France"),
        notes="Ancienne manager.\nTrès bon conseil sur le CV; à relancer.\n\n\\o/",
        cadence_days=45,
        familiar=True,
    )
    network.add_contact(
        "Bruno Caron",
        circle="friend",
        introduced_by=anne.id,
        tags=("Paris, France",),
        connected=now - timedelta(days=400),
    )
    network.add_contact("Chloé Martin", archived=True, email="chloe@example.org")
    bday = network.add_contact("Dan Li", role="=SUM(A1:A9)")
    network.edit_contact(bday.id, birthday="--02-29")
    network.edit_contact(anne.id, birthday="1980-05-17")
    network.commit()


def comparable(network: Network, *, keep_ids: bool) -> dict[str, dict[str, object]]:
    """Contacts by name; introducers by name too, since ids may be new after an import."""
    names = {c.id: c.name for c in network.state.contacts.values()}
    out = {}
    for c in network.state.contacts.values():
        doc = contact_to_doc(c)
        if not keep_ids:
            del doc["id"]
        if c.introduced_by:
            doc["introduced_by"] = names[c.introduced_by]
        out[c.name] = doc
    return out


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_round_trip_keeps_every_field_and_id(
    network: Network, fresh: Fresh, version: str
) -> None:
    populate(network)
    exported = export_vcard(network, version)  # type: ignore[arg-type]

    copy = fresh("copy")
    report = import_file(copy, "vcard", exported)
    copy.commit()

    assert (report.contacts.new, report.problems) == (4, [])
    assert comparable(copy, keep_ids=True) == comparable(network, keep_ids=True)


def test_vcard_export_reads_in_vobject_as_other_apps_see_it(network: Network) -> None:
    populate(network)

    cards = {c.fn.value: c for c in vobject.readComponents(export_vcard(network, "4.0").decode())}

    anne, bruno = cards["Anne Petit"], cards["Bruno Caron"]
    assert anne.version.value == "4.0"
    assert anne.categories.value == ["rh", "mentor", "Île-de-France"]
    assert anne.org.value == ["La Poste; siège"]
    assert anne.note.value == "Ancienne manager.\nTrès bon conseil sur le CV; à relancer.\n\n\\o/"
    assert bruno.related.value == "Anne Petit"
    assert bruno.related.params["TYPE"] == ["met"]
    assert cards["Dan Li"].bday.value == "--0229"


def test_vcard3_names_the_introducer_as_apple_does(network: Network) -> None:
    populate(network)

    cards = {c.fn.value: c for c in vobject.readComponents(export_vcard(network, "3.0").decode())}

    related = cards["Bruno Caron"].contents["x-abrelatednames"][0]
    assert related.value == "Anne Petit"
    assert cards["Dan Li"].bday.value == "1604-02-29"
    assert cards["Dan Li"].bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]


def test_vcard_lines_are_folded_at_75_octets(network: Network) -> None:
    network.add_contact("Zoë Long", notes="é" * 500 + " fin")

    lines = export_vcard(network).split(b"\r\n")

    assert max(len(line) for line in lines) <= 75
    assert all(line.decode("utf-8") for line in lines if line)  # never cut inside a character


def test_csv_round_trip(network: Network, fresh: Fresh) -> None:
    populate(network)
    exported = export_csv(network)

    copy = fresh("copy")
    report = import_file(copy, "csv", exported)

    assert (report.contacts.new, report.problems) == (4, [])
    assert comparable(copy, keep_ids=False) == comparable(network, keep_ids=False)


def test_csv_export_keeps_formulas_out_of_spreadsheets(network: Network) -> None:
    network.add_contact('=HYPERLINK("http://evil")', phone="+33 6 12 34 56 78", role="-2+3")

    rows = export_csv(network).decode().splitlines()

    assert rows[1].startswith('"\'=HYPERLINK(""http://evil"")"')
    assert ",+33 6 12 34 56 78," in rows[1]  # a phone number stays as it is
    assert ",'-2+3," in rows[1]


def full_network(network: Network) -> None:
    populate(network)
    people = by_name(network)
    anne, bruno = people["Anne Petit"], people["Bruno Caron"]
    when = network.now() - timedelta(days=3)
    meeting = network.log_meeting(
        [anne.id, bruno.id],
        when,
        channel="call",
        place="Café de la Gare",
        learned="supply chain",
        leads=("Thales",),
        promises=(create_promise("send the article", due=when.date() + timedelta(days=5)),),
    )
    network.add_milestone("Signed with Airbus", network.now() - timedelta(days=1))
    queue = network.queue()
    item = next(i for i in queue.items if i.meeting_id == meeting.id)
    network.decide(item, "done", channel="email", text="Merci !")
    other = next(i for i in queue.items if i.id != item.id)
    network.decide(other, "snoozed", until=network.now() + timedelta(days=2))
    network.save_settings(Settings(thank_overdue_hours=24, language="fr"))
    network.commit()


def without_meta(network: Network) -> dict[str, object]:
    return {k: v for k, v in network.store.tables.items() if k != META and v}


def test_json_backup_restores_an_identical_database(network: Network, fresh: Fresh) -> None:
    full_network(network)
    backup = export_json(network)

    copy = fresh("copy")
    report = import_file(copy, "json", backup)
    copy.commit()

    assert report.problems == [] and report.applied
    assert without_meta(Network(copy.path)) == without_meta(network)
    assert copy.queue().items == network.queue().items
    assert export_json(copy) == backup


def test_json_backup_merges_by_id_into_a_database_in_use(network: Network, fresh: Fresh) -> None:
    full_network(network)
    backup = export_json(network)
    anne = by_name(network)["Anne Petit"]

    other = fresh("other")
    other.add_contact("Someone New")
    other.save_settings(Settings(thank_overdue_hours=72))
    first = import_file(other, "json", backup)
    assert (first.contacts.new, first.others["settings"].unchanged) == (4, 1)
    # The user then retypes a field and clears another.
    other.edit_contact(anne.id, company="La Poste (typed by me)", phone="")
    before_meetings = dict(other.state.meetings)

    report = import_file(other, "json", backup)

    merged = other.state.contacts[anne.id]
    assert merged.company == "La Poste (typed by me)"  # never overwritten
    assert merged.phone == "+33 1 23 45 67 89"  # an empty field filled
    assert (report.contacts.merged, report.contacts.unchanged) == (1, 3)
    assert report.others["meetings"].unchanged == 1
    assert other.state.meetings == before_meetings
    assert other.state.settings.thank_overdue_hours == 72  # the user's settings stay
    assert "Someone New" in by_name(other)


def test_export_is_stable_text(network: Network) -> None:
    populate(network)

    assert export_vcard(network) == export_vcard(network)
    assert export_csv(network) == export_csv(network)


def test_round_trip_keeps_the_connection_instant(network: Network, fresh: Fresh) -> None:
    network.add_contact("Eve", connected=datetime.fromisoformat("2025-10-14T00:00:00+02:00"))

    copy = fresh("copy")
    import_file(copy, "vcard", export_vcard(network))
    other = fresh("other")
    import_file(other, "csv", export_csv(network))

    assert by_name(copy)["Eve"].connected == by_name(other)["Eve"].connected
    assert by_name(copy)["Eve"].connected == by_name(network)["Eve"].connected


def test_csv_for_excel_opens_with_accents_and_columns_and_comes_back(
    network: Network, fresh: Fresh
) -> None:
    """French Excel splits on semicolons and needs a byte-order mark to read UTF-8."""
    populate(network)
    network.add_contact("Zoë N'Diaye", company="Société Générale; Paris", role="1,5 jours")
    exported = export_csv(network, excel=True)

    assert exported.startswith(b"\xef\xbb\xbf")
    header, *rows = exported.decode("utf-8-sig").splitlines()
    assert header.split(";")[:3] == ["name", "company", "role"]
    zoe = next(r for r in rows if r.startswith("Zoë"))
    assert '"Société Générale; Paris"' in zoe and ";1,5 jours;" in zoe

    copy = fresh("copy")
    report = import_file(copy, "csv", exported)
    assert report.problems == []
    assert comparable(copy, keep_ids=False) == comparable(network, keep_ids=False)
