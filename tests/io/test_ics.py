"""Follow-ups in a calendar: every open item, its due date, its draft, a UID that stays."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import icalendar

from reseau_tui.domain.clock import FixedClock
from reseau_tui.domain.models import create_promise
from reseau_tui.services.exporting import export_ics
from reseau_tui.services.followups import draft
from reseau_tui.services.network import Network


def log_a_meeting(network: Network) -> None:
    anne = network.add_contact("Anne Petit")
    bruno = network.add_contact("Bruno Caron", introduced_by=anne.id)
    network.log_meeting(
        [bruno.id],
        network.now() - timedelta(days=3),
        learned="supply chain",
        promises=(create_promise("send the article"),),
    )
    network.commit()


def todos(data: bytes, kind: str = "VTODO") -> dict[str, icalendar.Component]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(c["UID"]): c for c in cal.walk(kind)}


def moment(component: icalendar.Component, name: str) -> object:
    """The date or date-time a property such as DUE or DTSTART holds, as decoded."""
    value = component[name]
    assert isinstance(value, icalendar.vDDDTypes), value
    return value.dt


def test_every_open_follow_up_is_a_todo_with_due_date_and_draft(network: Network) -> None:
    log_a_meeting(network)
    items = network.queue().items

    found = todos(export_ics(network))

    assert set(found) == {f"{i.id}@reseau" for i in items}
    assert {i.kind for i in items} == {"thank", "thank-introducer", "news", "promise"}
    for item in items:
        todo = found[f"{item.id}@reseau"]
        assert moment(todo, "DUE") == item.due.astimezone(UTC)
        assert draft(item, network.state, network.clock.tz) in str(todo["DESCRIPTION"])
        assert str(todo["STATUS"]) == "NEEDS-ACTION"
    thank = next(i for i in items if i.kind == "thank")
    assert str(found[f"{thank.id}@reseau"]["SUMMARY"]) == "Thank: Bruno Caron"
    introducer = next(i for i in items if i.kind == "thank-introducer")
    assert str(found[f"{introducer.id}@reseau"]["SUMMARY"]) == "Thank introducer: Anne Petit"


def test_uids_stay_the_same_from_one_export_to_the_next(
    network: Network, clock: FixedClock
) -> None:
    log_a_meeting(network)
    first = todos(export_ics(network))

    clock.advance(days=2)
    second = todos(export_ics(network))
    done = next(i for i in network.queue().items if i.kind == "thank")
    network.decide(done, "done")
    third = todos(export_ics(network))

    assert set(second) == set(first)
    assert set(third) == set(first) - {f"{done.id}@reseau"}


def test_events_put_what_is_late_on_today_and_the_rest_on_its_day(network: Network) -> None:
    log_a_meeting(network)
    items = {f"{i.id}-event@reseau": i for i in network.queue().items}

    events = todos(export_ics(network, events=True), "VEVENT")

    today = date(2026, 11, 26)
    assert set(events) == set(items)
    for uid, event in events.items():
        item = items[uid]
        expected = today if item.is_actionable else item.due.astimezone(network.clock.tz).date()
        assert moment(event, "DTSTART") == expected
        assert moment(event, "DTEND") == expected + timedelta(days=1)
    news = next(uid for uid, i in items.items() if i.kind == "news")
    assert moment(events[news], "DTSTART") == date(2027, 2, 21)


def test_terminal_escapes_in_names_do_not_reach_the_calendar(network: Network) -> None:
    evil = network.add_contact("\x1b]0;pwned\x07Eve\x7f")
    network.log_meeting([evil.id], network.now())

    data = export_ics(network)

    assert b"\x1b" not in data and b"\x07" not in data and b"\x7f" not in data
    summaries = {str(c["SUMMARY"]) for c in todos(data).values()}
    assert "Thank: ]0;pwnedEve" in summaries
