"""`reseau forget NAME`: erase a person from the database (and, if asked, from its backups)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import note, say
from reseau_tui.domain.text import one_line
from reseau_tui.i18n import _, n_

if TYPE_CHECKING:
    from reseau_tui.services.privacy import Forgetting


def register(sub: Any) -> None:
    forget = sub.add_parser(
        "forget",
        help=_("erase a person and everything about them"),
        description=_(
            "Erase a person: the contact, their follow-ups and decisions, their presence "
            "in meetings (a meeting left with nobody is removed), promises assigned to "
            "them and introductions by them. Older backups keep them unless "
            "--purge-backups is given."
        ),
    )
    forget.add_argument("name", metavar=_("NAME"), help=_("the person's name (or contact id)"))
    forget.add_argument(
        "--purge-backups",
        action="store_true",
        help=_("also rewrite the backups next to the database without this person"),
    )
    forget.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    forget.set_defaults(handler=run_forget)


def _confirm(question: str) -> bool:
    print(one_line(question), end=" ", file=sys.stderr, flush=True)
    answer = sys.stdin.readline() if sys.stdin else ""
    return answer.strip().lower() in ("y", "yes", "o", "oui")


def _removed(plan: Forgetting) -> str:
    parts = [_("the contact")] if plan.contact else []
    if plan.meetings_removed:
        parts.append(
            n_(
                "{count} meeting with nobody else",
                "{count} meetings with nobody else",
                plan.meetings_removed,
            )
        )
    if plan.meetings_left:
        parts.append(
            n_(
                "their place in {count} meeting with others",
                "their place in {count} meetings with others",
                plan.meetings_left,
            )
        )
    if plan.promises:
        parts.append(n_("{count} promise", "{count} promises", plan.promises))
    if plan.decisions:
        parts.append(
            n_("{count} follow-up decision", "{count} follow-up decisions", plan.decisions)
        )
    if plan.introductions:
        parts.append(
            n_(
                "{count} 'introduced by' link",
                "{count} 'introduced by' links",
                plan.introductions,
            )
        )
    return ", ".join(parts)


def run_forget(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.matching import AmbiguousName, NameNotFound, resolve_name
    from reseau_tui.services.privacy import (
        copies_holding,
        find_in_backups,
        plan_forget,
        purge_backups,
    )

    network = ctx.network
    tz = network.clock.tz
    try:
        contact = resolve_name(network.state, args.name)
        contact_id, name = contact.id, contact.name
    except AmbiguousName:
        ctx.find(args.name)  # raises the usual "matches several contacts" refusal
        raise
    except NameNotFound:
        contact_id = args.name if args.name in network.state.contacts else ""
        if not contact_id:
            found = find_in_backups(network.path, args.name) if args.purge_backups else None
            if found is None:
                raise Refused(_("no contact matches {name!r}", name=args.name)) from None
            contact_id, name = found
        else:
            name = network.state.contacts[contact_id].name
    plan = plan_forget(network.state, contact_id, tz, name)
    if not args.yes:
        what = _removed(plan) or _("nothing left in the database")
        question = _(
            "Forget {name}? This removes {what}. It cannot be undone. [y/N]",
            name=name,
            what=what,
        )
        if args.purge_backups:
            question = _(
                "Forget {name}, in the database and its backups? This removes {what}. "
                "It cannot be undone. [y/N]",
                name=name,
                what=what,
            )
        if not _confirm(question):
            note(_("Nothing was forgotten."))
            return 1
    first = plan
    ctx.apply_planned(plan, lambda: plan_forget(network.state, contact_id, tz, name))
    network.forget_findings()
    if first.operation is not None:
        say(one_line(_("Forgot {name}: {what}.", name=name, what=_removed(first))))
    else:
        say(one_line(_("{name} is no longer in the database.", name=name)))
    if first.mentions:
        say(
            one_line(
                n_(
                    "Their name still appears in the text of {count} other record "
                    "(notes you wrote); edit it if needed.",
                    "Their name still appears in the text of {count} other records "
                    "(notes you wrote); edit them if needed.",
                    first.mentions,
                )
            )
        )
    if args.purge_backups:
        purged = purge_backups(network.path, contact_id, tz)
        say(
            n_(
                "Rewrote {count} backup without them.",
                "Rewrote {count} backups without them.",
                len(purged.rewritten),
            )
        )
        if purged.removed:
            say(
                n_(
                    "Removed {count} backup that could not be read (so not rewritten).",
                    "Removed {count} backups that could not be read (so not rewritten).",
                    len(purged.removed),
                )
            )
    elif holding := copies_holding(network.path):
        # The save that forgot them kept the version before it, as every save does.
        say(
            one_line(
                n_(
                    "{count} older backup next to the database still holds them. To rewrite "
                    "it without them: reseau forget {id} --purge-backups",
                    "{count} older backups next to the database still hold them. To rewrite "
                    "them without them: reseau forget {id} --purge-backups",
                    len(holding),
                    id=contact_id,
                )
            )
        )
    waiting = network.conflict_copies()
    if waiting:
        note(
            _(
                "A sync conflict copy is waiting and may still hold them: run reseau sync, "
                "then forget them again."
            )
        )
    return 0
