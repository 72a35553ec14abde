"""`reseau journal` and `reseau show`: looking things up from the shell.

What the user wrote is shown on one printable line (escape sequences cannot
act), dates in the user's language; `--json` gives the records exactly.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from reseau_tui.cli.arguments import accept_dash_offsets
from reseau_tui.cli.context import Context
from reseau_tui.cli.output import json_out, note, say
from reseau_tui.domain.text import one_line
from reseau_tui.i18n import _, current_language, n_
from reseau_tui.services.humanize import clock_time, lateness, long_date, relative_day
from reseau_tui.services.labels import (
    channel_label,
    circle_label,
    kind_label,
    state_label,
    when_examples,
)

if TYPE_CHECKING:  # each command imports what it runs when it runs (see `cli.main`)
    from reseau_tui.domain.engine import FollowUp
    from reseau_tui.domain.models import Contact, Meeting
    from reseau_tui.domain.state import NetworkState
    from reseau_tui.services.brief import Brief, OpenPromise

INDENT = "    "


def register(sub: Any) -> None:
    journal = accept_dash_offsets(
        sub.add_parser(
            "journal",
            help=_("list or search the meetings"),
            description=_(
                "List the meetings, newest first, with their ids. TEXT finds those whose "
                "note, what you learned, advice, leads, promises, place or people contain "
                "every word, ignoring accents and case."
            ),
        )
    )
    journal.add_argument("text", nargs="?", default="", metavar=_("TEXT"))
    journal.add_argument(
        "--with", dest="person", metavar=_("NAME"), help=_("only meetings with this person")
    )
    journal.add_argument(
        "--since",
        metavar=_("WHEN"),
        help=_("from this day on: {examples}", examples=when_examples()),
    )
    journal.add_argument("--until", metavar=_("WHEN"), help=_("up to this day, included"))
    journal.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    journal.set_defaults(handler=run_journal)

    show = sub.add_parser(
        "show",
        help=_("what to know before meeting someone"),
        description=_(
            "The brief of a contact: their card, who introduced them and whom they "
            "introduced, the last meetings and their advice, the promises open both ways, "
            "their open follow-ups, and when keeping in touch is next due."
        ),
    )
    show.add_argument("name", metavar=_("NAME"), help=_("a unique part of the name is enough"))
    show.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    show.set_defaults(handler=run_show)


# --- journal ----------------------------------------------------------------------------


def run_journal(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.meetings import shortest_ids
    from reseau_tui.services.overview import JournalIndex

    network = ctx.network
    state, tz = network.state, network.clock.tz
    person = ctx.find(args.person) if args.person else None
    meetings = state.meetings_with(person.id) if person else state.journal()
    if args.since:
        start = _start_of(ctx, _day(ctx, args.since))
        meetings = [m for m in meetings if m.when >= start]
    if args.until:
        end = _start_of(ctx, _day(ctx, args.until) + timedelta(days=1))
        meetings = [m for m in meetings if m.when < end]
    if args.text.strip():
        matches = JournalIndex().matcher(state, args.text)
        meetings = [m for m in meetings if matches(m)]
    if args.json:
        json_out([meeting_json(state, m) for m in meetings])
        return 0
    if not meetings:
        note(_("No meeting matches.") if _filtered(args) else _("No meetings yet."))
        return 0
    short = shortest_ids(meetings, state)
    for m in meetings:
        for line in meeting_lines(state, m, tz, short[m.id]):
            say(line)
    note(
        n_(
            "{count} meeting. To correct one: reseau meeting edit ID (or delete ID)",
            "{count} meetings. To correct one: reseau meeting edit ID (or delete ID)",
            len(meetings),
        )
    )
    return 0


def _filtered(args: argparse.Namespace) -> bool:
    return bool(args.text.strip() or args.person or args.since or args.until)


def _day(ctx: Context, text: str) -> date:
    """The day a WHEN falls on, in the user's zone: the filters are by whole days."""
    from reseau_tui.domain.when import parse_when

    network = ctx.network
    tz = network.clock.tz
    return parse_when(text, network.now(), tz, language=current_language()).astimezone(tz).date()


def _start_of(ctx: Context, day: date) -> datetime:
    from reseau_tui.domain.when import parse_when

    network = ctx.network
    return parse_when(day.isoformat(), network.now(), network.clock.tz, language="en")


def meeting_json(state: NetworkState, m: Meeting) -> dict[str, Any]:
    """A meeting as stored, with the names of the people met."""
    from reseau_tui.domain.codec import meeting_to_doc

    return meeting_to_doc(m) | {"people": state.names(m.contact_ids)}


def moment(when: datetime, tz: Any) -> str:
    """ "3 December 2026 14:30" / "3 décembre 2026 14:30"."""
    return f"{long_date(when, tz)} {clock_time(when, tz)}"


def meeting_lines(
    state: NetworkState, m: Meeting, tz: Any, short_id: str, *, people: bool = True
) -> list[str]:
    """A meeting as a few printable lines: its id, when, how, where and who, then what was said."""
    head = [moment(m.when, tz), channel_label(m.channel)]
    if m.place:
        head.append(one_line(m.place))
    if people:
        head.append(one_line(", ".join(state.names(m.contact_ids))))
    lines = [f"{short_id}  " + " · ".join(head)]
    texts = [
        (m.note, _("Note: {text}")),
        (m.learned, _("Learned: {text}")),
        (m.advice, _("Advice: {text}")),
        ("; ".join(m.leads), _("Leads: {text}")),
    ]
    for promise in m.promises:
        texts.append(
            (promise.text, _("I promised: {text}") if promise.by_me else _("They promised: {text}"))
        )
    for text, template in texts:
        if text.strip():
            lines.append(INDENT + template.format(text=one_line(text)))
    return lines


# --- show -------------------------------------------------------------------------------


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.domain.engine import Queue
    from reseau_tui.services.brief import contact_brief

    network = ctx.network
    contact = ctx.find(args.name)
    now, tz = network.now(), network.clock.tz
    theirs = Queue(now, network.items_of(contact.id))  # the queue, as far as it is theirs
    brief = contact_brief(network.state, theirs, contact.id, now)
    if args.json:
        json_out(brief_json(network.state, brief, tz))
        return 0
    for line in brief_lines(network.state, brief, now, tz):
        say(line)
    return 0


def brief_lines(state: NetworkState, brief: Brief, now: datetime, tz: Any) -> list[str]:
    from reseau_tui.services.meetings import shortest_ids

    c = brief.contact
    lines = [
        one_line(
            " — ".join(x for x in (c.name, ", ".join(y for y in (c.role, c.company) if y)) if x)
        )
    ]
    if c.archived:
        lines[0] += " " + _("(archived)")
    card = [
        (circle_label(c.circle), _("Circle: {text}")),
        (c.email, _("Email: {text}")),
        (c.phone, _("Phone: {text}")),
        (c.url, _("Profile: {text}")),
        (", ".join(c.tags), _("Tags: {text}")),
        (_birthday(c.birthday, now, tz), _("Birthday: {text}")),
        (c.notes, _("Notes: {text}")),
    ]
    lines += [INDENT + template.format(text=one_line(text)) for text, template in card if text]
    if brief.introduced_by is not None:
        lines.append(_("Introduced by {name}.", name=one_line(brief.introduced_by.name)))
    if brief.introduced:
        names = ", ".join(one_line(x.name) for x in brief.introduced)
        lines.append(_("Introduced you to {names}.", names=names))
    for m in brief.planned:
        lines.append(
            _(
                "Next meeting: {when} ({how}).",
                when=moment(m.when, tz),
                how=channel_label(m.channel),
            )
        )
    short = shortest_ids([*brief.met, *brief.planned], state)
    if brief.met_count > len(brief.met):
        lines.append(
            _("The last {shown} of {count} meetings:", shown=len(brief.met), count=brief.met_count)
        )
    elif brief.met:
        lines.append(n_("{count} meeting:", "{count} meetings:", brief.met_count))
    if brief.met:
        for m in brief.met:
            lines += [INDENT + x for x in meeting_lines(state, m, tz, short[m.id], people=False)]
            others = [cid for cid in m.contact_ids if cid != c.id]
            if others:
                lines.append(
                    INDENT * 2 + _("With: {text}", text=one_line(", ".join(state.names(others))))
                )
    else:
        lines.append(_("Never met yet."))
    for title, promises in (
        (_("You promised:"), brief.promised_by_me),
        (_("They promised you:"), brief.promised_to_me),
    ):
        if promises:
            lines.append(title)
            lines += [INDENT + _promise_line(p, now, tz) for p in promises]
    if brief.followups:
        lines.append(_("Open follow-ups:"))
        for item in brief.followups:
            lines.append(INDENT + _item_line(state, item, now, tz))
    lines.append(_keep_in_touch_line(brief, now, tz))
    return lines


def _promise_line(p: OpenPromise, now: datetime, tz: Any) -> str:
    item = p.item
    return _(
        "{text} ({state}, {when})",
        text=one_line(p.promise.text),
        state=state_label(item.state),
        when=lateness(item.due, item.overdue_at, now, tz),
    )


def _item_line(state: NetworkState, item: FollowUp, now: datetime, tz: Any) -> str:
    from reseau_tui.services.followups import about

    what = one_line(about(item, state, tz))
    line = _(
        "{kind} ({state}, {when})",
        kind=kind_label(item.kind),
        state=state_label(item.state),
        when=lateness(item.due, item.overdue_at, now, tz),
    )
    return f"{line}: {what}" if what else line


def _keep_in_touch_line(brief: Brief, now: datetime, tz: Any) -> str:
    item = brief.keep_in_touch
    if brief.cadence_days is None or item is None:
        return _("No keep-in-touch reminder for them.")
    if item.state == "snoozed" and item.snoozed_until:
        return n_(
            "Keep in touch every {count} day: snoozed until {day}.",
            "Keep in touch every {count} days: snoozed until {day}.",
            brief.cadence_days,
            day=long_date(item.snoozed_until, tz),
        )
    return n_(
        "Keep in touch every {count} day (overdue after {latest}): next due {when} ({day}).",
        "Keep in touch every {count} days (overdue after {latest}): next due {when} ({day}).",
        brief.cadence_days,
        latest=brief.latest_days,
        when=relative_day(item.due, now, tz),
        day=long_date(item.due, tz),
    )


def _birthday(text: str, now: datetime, tz: Any) -> str:
    """ "17 May" / "17 mai", with the year when it is known."""
    from reseau_tui.domain.validation import birthday_parts

    parts = birthday_parts(text) if text else None
    if parts is None:
        return one_line(text)
    year, month, day = parts
    shown = long_date(datetime(2000, month, day, 12, tzinfo=now.tzinfo), tz)
    shown = shown.rsplit(" ", 1)[0]  # the year 2000 stood in for an unknown one
    return f"{shown} {year}" if year else shown


def brief_json(state: NetworkState, brief: Brief, tz: Any) -> dict[str, Any]:
    from reseau_tui.domain.codec import contact_to_doc
    from reseau_tui.services.followups import about

    def person(c: Contact | None) -> dict[str, str] | None:
        return None if c is None else {"id": c.id, "name": c.name}

    def promise(p: OpenPromise) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": p.promise.id,
            "text": p.promise.text,
            "by_me": p.promise.by_me,
            "meeting_id": p.meeting.id,
            "followup_id": p.item.id,
            "state": p.item.state,
            "due": p.item.due.astimezone(tz).isoformat(),
        }
        return data

    kt = brief.keep_in_touch
    return {
        "contact": contact_to_doc(brief.contact),
        "introduced_by": person(brief.introduced_by),
        "introduced": [person(c) for c in brief.introduced],
        "meetings": [meeting_json(state, m) for m in brief.met],
        "meetings_count": brief.met_count,
        "planned": [meeting_json(state, m) for m in brief.planned],
        "promised_by_me": [promise(p) for p in brief.promised_by_me],
        "promised_to_me": [promise(p) for p in brief.promised_to_me],
        "followups": [
            {
                "id": i.id,
                "kind": i.kind,
                "state": i.state,
                "due": i.due.astimezone(tz).isoformat(),
                "overdue_at": i.overdue_at.astimezone(tz).isoformat(),
                "about": about(i, state, tz),
            }
            for i in brief.followups
        ],
        "keep_in_touch": None
        if kt is None
        else {
            "id": kt.id,
            "state": kt.state,
            "due": kt.due.astimezone(tz).isoformat(),
            "overdue_at": kt.overdue_at.astimezone(tz).isoformat(),
            "cadence_days": brief.cadence_days,
            "latest_days": brief.latest_days,
        },
    }
