"""`reseau meeting edit` and `reseau meeting delete`: correcting the journal from the shell.

The ID is the one `reseau journal` shows (its first characters are enough). The
queue follows: a moved date moves the meeting's open follow-ups, a follow-up
already done stays done, a deleted meeting's open follow-ups go.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reseau_tui.cli.arguments import accept_dash_offsets
from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.followups import channel_arg
from reseau_tui.cli.lookup import meeting_lines, moment
from reseau_tui.cli.output import note, say
from reseau_tui.domain.text import fold, one_line
from reseau_tui.i18n import _, current_language
from reseau_tui.services.labels import CHANNEL_WORDS, labels_list, when_examples

if TYPE_CHECKING:
    from reseau_tui.domain.models import Meeting

_YES = ("y", "yes", "o", "oui")


def register(sub: Any) -> list[argparse.ArgumentParser]:
    """Adds `reseau meeting` and returns its own commands (which take --db and --lang too)."""
    meeting = sub.add_parser(
        "meeting",
        help=_("correct or delete a meeting of the journal"),
        description=_(
            "Correct a meeting (reseau meeting edit ID ...) or delete it (reseau meeting "
            "delete ID). The ids are listed by reseau journal."
        ),
    )
    actions = meeting.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    edit = accept_dash_offsets(
        actions.add_parser(
            "edit",
            help=_("change what a meeting says"),
            description=_(
                "Change the fields given, and only those. Its follow-ups follow: a new "
                "date moves the open ones; one already done stays done."
            ),
        )
    )
    edit.add_argument("id", metavar=_("ID"), help=_("the meeting's id, or its first characters"))
    edit.add_argument(
        "--when",
        metavar=_("WHEN"),
        help=_("when it happened: {examples}", examples=when_examples()),
    )
    edit.add_argument(
        "--with",
        dest="people",
        metavar=_("NAME[,NAME...]"),
        help=_("who you met, in place of those listed"),
    )
    edit.add_argument(
        "--channel",
        type=channel_arg,
        metavar=_("CHANNEL"),
        help=_("how you met: {channels}", channels=labels_list(CHANNEL_WORDS)),
    )
    edit.add_argument("--place", metavar=_("PLACE"), help=_("where you met"))
    edit.add_argument("--note", metavar=_("TEXT"), help=_("what you want to remember"))
    edit.add_argument("--learned", metavar=_("TEXT"), help=_("what you learned"))
    edit.add_argument("--advice", metavar=_("TEXT"), help=_("advice you were given"))
    edit.set_defaults(handler=run_edit)

    delete = actions.add_parser(
        "delete",
        help=_("delete a meeting logged by mistake"),
        description=_(
            "Delete a meeting. Its open follow-ups go with it; what you already did "
            "about them stays recorded. Asks first, unless --yes is given."
        ),
    )
    delete.add_argument("id", metavar=_("ID"), help=_("the meeting's id, or its first characters"))
    delete.add_argument("--yes", action="store_true", help=_("delete without asking"))
    delete.set_defaults(handler=run_delete)
    return [edit, delete]


def _found(ctx: Context, wanted: str) -> Meeting:
    from reseau_tui.services.meetings import AmbiguousMeeting, MeetingNotFound, find_meeting

    state = ctx.network.state
    try:
        return find_meeting(state, wanted)
    except MeetingNotFound:
        raise Refused(
            _("no meeting has the id {id!r}. See the ids with: reseau journal", id=wanted)
        ) from None
    except AmbiguousMeeting as exc:
        ids = ", ".join(m.id for m in exc.candidates[:5])
        raise Refused(
            _("{id!r} begins several meeting ids ({ids}); give more of it", id=wanted, ids=ids)
        ) from None


def run_edit(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.domain.when import parse_when
    from reseau_tui.services.meetings import edit_meeting

    network = ctx.network
    meeting = _found(ctx, args.id)
    changes: dict[str, Any] = {}
    if args.when is not None:
        tz = network.clock.tz
        changes["when"] = parse_when(args.when, network.now(), tz, language=current_language())
    if args.people is not None:
        names = [n.strip() for n in args.people.split(",") if n.strip()]
        if not names:
            raise Refused(_("give at least one name"))
        changes["contact_ids"] = [ctx.find(name).id for name in names]
    for key in ("channel", "place", "note", "learned", "advice"):
        value = getattr(args, key)
        if value is not None:
            changes[key] = value
    if not changes:
        raise Refused(
            _(
                "nothing to change: give --when, --with, --channel, --place, --note, "
                "--learned or --advice"
            )
        )
    edited = edit_meeting(network, meeting.id, **changes)
    ctx.commit()
    say(edited.id)
    note(
        _(
            "Edited the meeting of {when} with {people}. Its follow-ups follow: reseau due",
            when=moment(edited.when, network.clock.tz),
            people=", ".join(network.state.names(edited.contact_ids)),
        )
    )
    return 0


def run_delete(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.meetings import delete_meeting

    network = ctx.network
    meeting = _found(ctx, args.id)
    tz = network.clock.tz
    what = _(
        "the meeting of {when} with {people}",
        when=moment(meeting.when, tz),
        people=", ".join(network.state.names(meeting.contact_ids)),
    )
    if not args.yes:
        if not (sys.stdin and sys.stdin.isatty()):
            raise Refused(
                _(
                    "not deleted: asking first needs a terminal; to delete {what} "
                    "without asking, add --yes",
                    what=what,
                )
            )
        for line in meeting_lines(network.state, meeting, tz, meeting.id):
            note(line)
        print(
            one_line(_("Delete {what}? Its open follow-ups go with it. [y/N]", what=what)),
            end=" ",
            file=sys.stderr,
            flush=True,
        )
        if fold(sys.stdin.readline()) not in _YES:
            note(_("Nothing was deleted."))
            return 1
    delete_meeting(network, meeting.id)
    ctx.commit()
    note(_("Deleted {what}.", what=what))
    return 0
