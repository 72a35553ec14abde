"""`reseau log`, `due`, `done`, `snooze`, `dismiss` and `milestone`: the after, from the shell."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reseau_tui.cli.arguments import accept_dash_offsets
from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import cell_width, error, json_out, note, say, table
from reseau_tui.i18n import _, current_language, n_
from reseau_tui.services.labels import (
    CHANNEL_WORDS,
    channel_from_text,
    labels_list,
    moment_label,
    state_label,
    when_examples,
)

if TYPE_CHECKING:  # each command imports what it runs when it runs (see `cli.main`)
    from reseau_tui.domain.engine import FollowUp
    from reseau_tui.domain.models import Contact


class _Ahead(str):
    """A WHEN typed where only a date to come makes sense (`--until`, `--at`,
    `--promise-due`): `lundi` there is the next Monday, not the last one."""

    __slots__ = ()


def channel_arg(text: str) -> str:
    """`--channel`: an id or a channel's name in English or French ("café", "visio")."""
    channel = channel_from_text(text)
    if channel is None:
        raise argparse.ArgumentTypeError(
            _(
                "unknown channel {channel!r}; use one of: {known}",
                channel=text,
                known=labels_list(CHANNEL_WORDS),
            )
        )
    return channel


def register(sub: Any) -> None:
    log = accept_dash_offsets(
        sub.add_parser(
            "log",
            help=_("record a meeting"),
            description=_("Record a meeting with one or more contacts."),
        )
    )
    log.add_argument(
        "names",
        metavar=_("NAME[,NAME...]"),
        help=_("who you met; a unique part of the name is enough"),
    )
    log.add_argument(
        "--when",
        default="now",
        metavar=_("WHEN"),
        help=_("when it happened: {examples}", examples=when_examples()),
    )
    log.add_argument(
        "--channel",
        type=channel_arg,
        default="coffee",
        metavar=_("CHANNEL"),
        help=_("how you met: {channels}", channels=labels_list(CHANNEL_WORDS)),
    )
    log.add_argument("--place", default="", metavar=_("PLACE"), help=_("where you met"))
    log.add_argument("--note", default="", metavar=_("TEXT"), help=_("what you want to remember"))
    log.add_argument("--learned", default="", metavar=_("TEXT"), help=_("what you learned"))
    log.add_argument("--advice", default="", metavar=_("TEXT"), help=_("advice you were given"))
    log.add_argument(
        "--lead",
        action="append",
        default=[],
        metavar=_("TEXT"),
        help=_("a name or company you were given (repeatable)"),
    )
    log.add_argument(
        "--promise",
        action="append",
        default=[],
        metavar=_("TEXT"),
        help=_("something you promised (repeatable)"),
    )
    log.add_argument(
        "--promised-to-me",
        action="append",
        default=[],
        metavar=_("TEXT"),
        help=_("something they promised you (repeatable)"),
    )
    log.add_argument(
        "--promise-due", type=_Ahead, metavar=_("WHEN"), help=_("when the promises are due")
    )
    log.add_argument(
        "--new", action="store_true", help=_("create the names that are not contacts yet")
    )
    log.add_argument(
        "--introduced-by",
        metavar=_("NAME"),
        help=_("with --new: who introduced the new contacts"),
    )
    log.add_argument(
        "--thanked",
        action="store_true",
        help=_("you already thanked them (and whoever introduced them): nothing to thank for"),
    )
    log.set_defaults(handler=run_log)

    due = accept_dash_offsets(
        sub.add_parser(
            "due",
            help=_("show the follow-ups that are due"),
            description=_(
                "Show who needs a thank-you, news, a kept promise or a keep-in-touch message."
            ),
        )
    )
    due.add_argument(
        "--at", type=_Ahead, metavar=_("WHEN"), help=_("as of another time, to plan ahead")
    )
    due.add_argument("--all", action="store_true", help=_("include upcoming and snoozed items"))
    due.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    due.set_defaults(handler=run_due)

    done = sub.add_parser("done", help=_("mark a follow-up done"))
    done.add_argument(
        "id", metavar=_("ID|NAME"), help=_("the follow-up's id, or the person's name")
    )
    done.add_argument(
        "--channel",
        type=channel_arg,
        default="email",
        metavar=_("CHANNEL"),
        help=_("how you sent it: {channels}", channels=labels_list(CHANNEL_WORDS)),
    )
    done.add_argument("--note", default="", metavar=_("TEXT"), help=_("the text you actually sent"))
    done.set_defaults(handler=run_done)

    snooze = accept_dash_offsets(
        sub.add_parser("snooze", help=_("put a follow-up off until a date"))
    )
    snooze.add_argument(
        "id", metavar=_("ID|NAME"), help=_("the follow-up's id, or the person's name")
    )
    snooze.add_argument(
        "--until",
        required=True,
        type=_Ahead,
        metavar=_("WHEN"),
        help=_("when to be reminded again: {examples}", examples=when_examples(future=True)),
    )
    snooze.set_defaults(handler=run_snooze)

    dismiss = sub.add_parser("dismiss", help=_("drop a follow-up for good"))
    dismiss.add_argument(
        "id", metavar=_("ID"), help=_("the follow-up's id, as reseau due shows it")
    )
    dismiss.set_defaults(handler=run_dismiss)

    milestone = accept_dash_offsets(
        sub.add_parser(
            "milestone",
            help=_("record news to share with those who helped"),
            description=_(
                "Record a milestone (a new job, a decided "
                "direction...): everyone met since the previous one "
                "is owed news."
            ),
        )
    )
    milestone.add_argument("text", metavar=_("TEXT"), help=_("what happened, in a few words"))
    milestone.add_argument(
        "--when", default="now", metavar=_("WHEN"), help=_("when it happened (default: now)")
    )
    milestone.set_defaults(handler=run_milestone)


def _when(ctx: Context, text: str) -> datetime:
    """The instant of a WHEN, read in the user's language (French: 3/4 is 3 April)."""
    from reseau_tui.domain.when import parse_when

    network = ctx.network
    return parse_when(
        text,
        network.now(),
        network.clock.tz,
        language=current_language(),
        future=isinstance(text, _Ahead),
    )


def run_log(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services import journal
    from reseau_tui.services.journal import NewPerson
    from reseau_tui.services.matching import who_is

    network = ctx.network
    when = _when(ctx, args.when)
    names = [n.strip() for n in args.names.split(",") if n.strip()]
    if not names:
        raise Refused(_("give at least one name"))
    introducer = ctx.find(args.introduced_by).id if args.introduced_by else None
    met: list[str | NewPerson] = []
    already: list[Contact] = []  # with --new: names that are contacts already
    for name in names:
        try:
            found = ctx.find(name)
        except Refused:
            if _exists_ambiguously(ctx, name):
                raise
            if not args.new:
                raise Refused(
                    _(
                        "no contact matches {name!r}; to add them as you log the meeting, "
                        "add --new",
                        name=name,
                    )
                ) from None
            met.append(NewPerson(name, introducer))
            continue
        met.append(found.id)
        if args.new:
            already.append(found)
    due = _when(ctx, args.promise_due).date() if args.promise_due else None
    logged = journal.log_meeting(
        network,
        met,
        when=when,
        channel=args.channel,
        place=args.place,
        note=args.note,
        learned=args.learned,
        advice=args.advice,
        leads=args.lead,
        promised=args.promise,
        promised_to_me=args.promised_to_me,
        promises_due=due,
        thanked=args.thanked,
    )
    ctx.commit()
    say(logged.meeting.id)
    for contact in already:  # --new never makes a second person of someone known
        note(_("{who} is already a contact: the meeting is with them.", who=who_is(contact)))
    for contact in logged.created:
        note(_("New contact: {name}.", name=contact.name))
    people = ", ".join(network.state.names(logged.meeting.contact_ids))
    planned = journal.planned_message(logged.meeting, people, network.now(), network.clock.tz)
    if planned is not None:
        note(planned)
    elif args.thanked:
        note(
            n_(
                "Logged a meeting with {people}, already thanked: {count} thank-you "
                "recorded as done.",
                "Logged a meeting with {people}, already thanked: {count} thank-yous "
                "recorded as done.",
                len(logged.thanked),
                people=people,
            )
        )
    else:
        note(_("Logged a meeting with {people}. Remember to thank them: reseau due", people=people))
    return 0


def _exists_ambiguously(ctx: Context, name: str) -> bool:
    from reseau_tui.services.matching import AmbiguousName, resolve_name

    try:
        resolve_name(ctx.network.state, name)
    except AmbiguousName:
        return True
    except LookupError:
        return False
    return False


def run_due(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.followups import describe

    network = ctx.network
    tz = network.clock.tz
    now = network.now()
    at = _when(ctx, args.at) if args.at else now
    items = network.queue(at).items if args.all else network.actionable(at if args.at else None)
    if args.json:
        from reseau_tui.cli.items import item_json

        json_out([item_json(ctx, i, at) for i in items])
        return 0
    if not items:
        upcoming = len(network.queue(at).items)
        note(_("Nothing due. You are up to date."))
        if upcoming and not args.all:
            note(
                n_(
                    "{count} more upcoming or snoozed: reseau due --all",
                    "{count} more upcoming or snoozed: reseau due --all",
                    upcoming,
                )
            )
        return 0
    rows = []
    for item in items:
        view = describe(item, network.state, at, tz, short=True)
        rows.append(
            (
                state_label(item.state, short=True).upper(),
                item.id,
                view.kind,
                view.person,
                view.when,
                view.about,
            )
        )
    # Columns as wide as their longest cell (up to a cap), so "what about" keeps the rest.
    caps = (8, 15, 18, 24, 22)  # "overdue since 14:30", "snoozed until 12 Dec" whole
    widths = [min(max(cell_width(r[k]) for r in rows), cap) for k, cap in enumerate(caps)]
    for line in table(rows, widths):
        say(line)
    note(
        n_(
            "{count} follow-up. Mark one done: reseau done ID",
            "{count} follow-ups. Mark one done: reseau done ID",
            len(items),
        )
    )
    return 0


def _with_id(ctx: Context, wanted: str) -> FollowUp | None:
    """The open follow-up with this id (or a unique beginning of it), if there is one."""
    items = ctx.network.queue().items
    exact = [i for i in items if i.id == wanted]
    found = exact or [i for i in items if len(wanted) >= 4 and i.id.startswith(wanted)]
    if len(found) > 1:
        raise Refused(_("{id!r} matches several follow-ups; give more of the id", id=wanted))
    return found[0] if found else None


def _open_item(ctx: Context, wanted: str) -> FollowUp:
    """The open follow-up with this id (or a unique beginning of it)."""
    item = _with_id(ctx, wanted)
    if item is not None:
        return item
    raise Refused(
        _(
            "no open follow-up has the id {id!r} (already done or dismissed?). "
            "See the ids with: reseau due --all",
            id=wanted,
        )
    )


def _item_of(ctx: Context, wanted: str) -> FollowUp | None:
    """The follow-up an id names, or else the one item due for the person so named.

    None when that person has several items due: they are listed, with their ids,
    for the user to pick one (the command then fails, having changed nothing).
    """
    item = _with_id(ctx, wanted)
    if item is not None:
        return item
    person = _person(ctx, wanted)
    if person is None:
        raise Refused(
            _(
                "no open follow-up has the id {id!r}, and no contact has that name. "
                "See the ids with: reseau due --all",
                id=wanted,
            )
        )
    queue = ctx.network.queue()
    due = [i for i in queue.actionable() if i.contact_id == person.id]
    if len(due) == 1:
        return due[0]
    if not due:
        later = sum(1 for i in queue.items if i.contact_id == person.id)
        if later:
            raise Refused(
                n_(
                    "{person} has nothing due; {count} follow-up is upcoming or snoozed "
                    "(reseau due --all)",
                    "{person} has nothing due; {count} follow-ups are upcoming or snoozed "
                    "(reseau due --all)",
                    later,
                    person=person.name,
                )
            )
        raise Refused(_("{person} has nothing due.", person=person.name))
    error(
        n_(
            "{person} has {count} follow-up due; give its id:",
            "{person} has {count} follow-ups due; give one of their ids:",
            len(due),
            person=person.name,
        )
    )
    from reseau_tui.services.followups import describe

    network = ctx.network
    now, tz = network.now(), network.clock.tz
    rows = []
    for candidate in due:
        view = describe(candidate, network.state, now, tz, short=True)
        rows.append((candidate.id, view.kind, view.when, view.about))
    for line in table(rows, (15, 18, 16)):
        note("  " + line)
    return None


def _person(ctx: Context, name: str) -> Contact | None:
    """The contact a name means; None if nobody; an ambiguous name is refused, listing them."""
    from reseau_tui.services.matching import AmbiguousName, NameNotFound

    try:
        return ctx.network.find(name)
    except NameNotFound:
        return None
    except AmbiguousName:
        return ctx.find(name)  # refuses, naming the candidates


def _names(ctx: Context, item: FollowUp) -> dict[str, str]:
    """The kind and person of an item, for the confirmation line."""
    from reseau_tui.services.followups import describe

    view = describe(item, ctx.network.state, ctx.network.now(), ctx.network.clock.tz)
    return {"kind": view.kind, "person": view.person}


def run_done(ctx: Context, args: argparse.Namespace) -> int:
    item = _item_of(ctx, args.id)
    if item is None:
        return 1
    ctx.network.decide(item, "done", channel=args.channel, text=args.note)
    ctx.commit()
    note(_("Done: {kind}, {person}.", **_names(ctx, item)))
    return 0


def run_snooze(ctx: Context, args: argparse.Namespace) -> int:
    until = _when(ctx, args.until)
    if until.timestamp() <= ctx.network.now().timestamp():
        raise Refused(
            _(
                "--until must be in the future: {moment} has passed",
                moment=moment_label(until, ctx.network.clock.tz),
            )
        )
    item = _item_of(ctx, args.id)
    if item is None:
        return 1
    ctx.network.decide(item, "snoozed", until=until)
    ctx.commit()
    note(
        _(
            "Snoozed until {moment}: {kind}, {person}.",
            moment=moment_label(until, ctx.network.clock.tz),
            **_names(ctx, item),
        )
    )
    return 0


def run_dismiss(ctx: Context, args: argparse.Namespace) -> int:
    item = _open_item(ctx, args.id)
    ctx.network.decide(item, "dismissed")
    ctx.commit()
    note(_("Dismissed: {kind}, {person}.", **_names(ctx, item)))
    return 0


def run_milestone(ctx: Context, args: argparse.Namespace) -> int:
    network = ctx.network
    milestone = network.add_milestone(args.text, _when(ctx, args.when))
    ctx.commit()
    say(milestone.id)
    owed = {i.contact_id for i in network.queue().items if i.milestone_id == milestone.id}
    note(
        n_(
            "Milestone recorded: {count} person is owed this news (reseau due).",
            "Milestone recorded: {count} people are owed this news (reseau due).",
            len(owed),
        )
    )
    return 0
