"""`reseau duplicates` and `reseau merge`: possible duplicates listed, merged only on purpose."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import json_out, note, say
from reseau_tui.domain.text import one_line
from reseau_tui.i18n import _, n_

if TYPE_CHECKING:
    from reseau_tui.domain.models import Contact
    from reseau_tui.services.duplicates import Merging, Pair


def register(sub: Any) -> None:
    dup = sub.add_parser(
        "duplicates",
        help=_("list contacts that may be the same person"),
        description=_(
            "List pairs of contacts with the same name, email or profile link. An import "
            "keeps apart two records of one name whose emails, phones or links disagree; "
            "if they are one person, merge them with reseau merge."
        ),
    )
    dup.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    dup.set_defaults(handler=run_duplicates)

    merge = sub.add_parser(
        "merge",
        help=_("merge two contacts who are the same person"),
        description=_(
            "Merge the second contact into the first: the first keeps its fields, gets the "
            "ones it lacks, and notes the second's other values; the second's meetings, "
            "promises, introductions and follow-up decisions move to the first, and the "
            "second is removed."
        ),
    )
    merge.add_argument("kept", metavar=_("KEEP"), help=_("the contact to keep (name or id)"))
    merge.add_argument(
        "other", metavar=_("OTHER"), help=_("the contact merged into it (name or id)")
    )
    merge.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    merge.set_defaults(handler=run_merge)


def _why(pair: Pair) -> str:
    return {
        "name": _("same name"),
        "email": _("same email"),
        "url": _("same profile link"),
    }[pair.why]


def _card(c: Contact) -> str:
    """One line telling a contact apart from another of the same name."""
    details = [d for d in (c.company, c.email, c.phone, c.url) if d]
    text = c.name + (f" ({', '.join(details)})" if details else "")
    if c.archived:
        text += " " + _("(archived)")
    return one_line(f"{c.id} {text}")


def run_duplicates(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.domain.codec import contact_to_doc
    from reseau_tui.services.duplicates import possible_pairs

    pairs = possible_pairs(ctx.network.state)
    if args.json:
        json_out(
            [
                {"why": p.why, "contacts": [contact_to_doc(p.first), contact_to_doc(p.second)]}
                for p in pairs
            ]
        )
        return 0
    if not pairs:
        note(_("No possible duplicates."))
        return 0
    for pair in pairs:
        say(one_line(_("{why}:", why=_why(pair))))
        say("  " + _card(pair.first))
        say("  " + _card(pair.second))
        say(
            "  "
            + one_line(
                _("to merge: reseau merge {kept} {other}", kept=pair.first.id, other=pair.second.id)
            )
        )
    note(n_("{count} possible duplicate", "{count} possible duplicates", len(pairs)))
    return 0


def _contact(ctx: Context, wanted: str) -> Contact:
    """A contact by id (as `reseau duplicates` shows them) or by name."""
    found = ctx.network.state.contacts.get(wanted.strip())
    return found if found is not None else ctx.find(wanted)


def _moved(plan: Merging) -> str:
    parts = []
    if plan.meetings:
        parts.append(n_("{count} meeting", "{count} meetings", plan.meetings))
    if plan.promises:
        parts.append(n_("{count} promise", "{count} promises", plan.promises))
    if plan.introductions:
        parts.append(n_("{count} introduction", "{count} introductions", plan.introductions))
    if plan.decisions:
        parts.append(
            n_("{count} follow-up decision", "{count} follow-up decisions", plan.decisions)
        )
    return ", ".join(parts)


def _confirm(question: str) -> bool:
    print(one_line(question), end=" ", file=sys.stderr, flush=True)
    answer = sys.stdin.readline() if sys.stdin else ""
    return answer.strip().lower() in ("y", "yes", "o", "oui")


def run_merge(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.duplicates import CannotMerge, plan_merge

    network = ctx.network
    kept, other = _contact(ctx, args.kept), _contact(ctx, args.other)
    tz = network.clock.tz
    try:
        plan = plan_merge(network.state, kept.id, other.id, tz)
    except CannotMerge:
        raise Refused(_("{name} is one contact: give two different ones", name=kept.name)) from None
    if not args.yes:
        question = _(
            "Merge {other} ({other_id}) into {kept} ({kept_id})? {other} is then removed. [y/N]",
            other=other.name,
            other_id=other.id,
            kept=kept.name,
            kept_id=kept.id,
        )
        if not _confirm(question):
            note(_("Nothing was merged."))
            return 1
    first = plan
    ctx.apply_planned(plan, lambda: plan_merge(network.state, kept.id, other.id, tz))
    moved = _moved(first)
    if moved:
        say(
            one_line(
                _(
                    "Merged {other} into {kept}; moved: {moved}.",
                    other=other.name,
                    kept=kept.name,
                    moved=moved,
                )
            )
        )
    else:
        say(one_line(_("Merged {other} into {kept}.", other=other.name, kept=kept.name)))
    if first.noted:
        say(
            one_line(
                _(
                    "Their other values ({fields}) are in the notes of {kept}.",
                    fields=", ".join(_(f) for f in first.noted),
                    kept=kept.name,
                )
            )
        )
    return 0
