"""`reseau add` and `reseau contacts`."""

from __future__ import annotations

import argparse
from typing import Any

from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import json_out, note, say, table
from reseau_tui.domain.text import fold
from reseau_tui.i18n import _, n_
from reseau_tui.services.labels import CIRCLE_WORDS, circle_from_text, circle_label, labels_list


def register(sub: Any) -> None:
    add = sub.add_parser(
        "add",
        help=_("add a contact and print its id"),
        description=_("Add a contact and print its id."),
    )
    add.add_argument("name", metavar=_("NAME"), help=_("full name, as you write it"))
    add_contact_options(add)
    add.add_argument(
        "--force",
        action="store_true",
        help=_("add a second person even if a contact has this name, email or profile link"),
    )
    add.set_defaults(handler=run_add)

    ls = sub.add_parser(
        "contacts",
        help=_("list or search contacts"),
        description=_(
            "List contacts; SEARCH matches name, company, role, email "
            "and tags, ignoring accents and case."
        ),
    )
    ls.add_argument("search", nargs="?", default="", metavar=_("SEARCH"))
    ls.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    ls.add_argument("--archived", action="store_true", help=_("include archived contacts"))
    ls.set_defaults(handler=run_contacts)


def add_contact_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--company", default="", metavar=_("COMPANY"))
    p.add_argument("--role", default="", metavar=_("ROLE"))
    p.add_argument("--email", default="", metavar=_("EMAIL"))
    p.add_argument("--phone", default="", metavar=_("PHONE"))
    p.add_argument("--url", default="", metavar=_("URL"), help=_("profile link (LinkedIn...)"))
    circle = p.add_argument(
        "--circle",
        type=circle_arg,
        metavar=_("CIRCLE"),
        help=_("kind of relationship: {circles}", circles=labels_list(CIRCLE_WORDS)),
    )
    # A circle of the user's own is known once the database is open (see `_circle`).
    p.set_defaults(circle_option=(p, circle))
    p.add_argument(
        "--tag", action="append", default=[], metavar=_("TAG"), help=_("a tag (repeatable)")
    )
    p.add_argument("--introduced-by", metavar=_("NAME"), help=_("who put you in touch"))
    p.add_argument(
        "--cadence",
        type=int,
        metavar=_("DAYS"),
        help=_("keep in touch every DAYS days (default: the circle's)"),
    )
    p.add_argument("--note", default="", metavar=_("TEXT"), help=_("notes about this person"))
    p.add_argument(
        "--birthday",
        default="",
        metavar=_("DATE"),
        help=_("YYYY-MM-DD, or MM-DD without the year: a wish is due on the day"),
    )
    p.add_argument(
        "--familiar",
        action="store_true",
        help=_("use the familiar form in French drafts (tutoiement)"),
    )


class _Unresolved(str):
    """A circle that is none of reseau's: maybe one the user added (see `contact_fields`)."""

    __slots__ = ()


def circle_arg(text: str) -> str:
    """`--circle`: an id or a circle's name in English or French ("ami", "ex-collègues")."""
    return circle_from_text(text) or _Unresolved(text)


def _circle(ctx: Context, args: argparse.Namespace) -> str | None:
    """The circle given, or the user's own circle of that name; a usage error if neither."""
    circle: str | None = args.circle
    if not isinstance(circle, _Unresolved):
        return circle
    if not circle.strip():
        return None  # `reseau edit NAME --circle ""`: in no circle
    own = [c for c in ctx.network.state.settings.circle_cadences if c not in CIRCLE_WORDS]
    found = circle_from_text(circle, own)
    if found is None:
        message = _(
            "unknown circle {circle!r}; use one of: {known}",
            circle=str(circle),
            known=", ".join([labels_list(CIRCLE_WORDS), *own]),
        )
        parser, option = args.circle_option
        parser.error(str(argparse.ArgumentError(option, message)))  # exits with status 2
    return found


def contact_fields(ctx: Context, args: argparse.Namespace) -> dict[str, Any]:
    introducer = ctx.find(args.introduced_by).id if args.introduced_by else None
    return {
        "company": args.company,
        "role": args.role,
        "email": args.email,
        "phone": args.phone,
        "url": args.url,
        "circle": _circle(ctx, args),
        "tags": tuple(args.tag),
        "notes": args.note,
        "introduced_by": introducer,
        "cadence_days": args.cadence,
        "familiar": args.familiar,
        "birthday": args.birthday,
    }


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    """Add a person; one who is already a contact (as an import would match them) is refused."""
    from reseau_tui.services.matching import same_person, who_is

    fields = contact_fields(ctx, args)
    if not args.force:
        existing = same_person(
            ctx.network.state, args.name, email=args.email, url=args.url, phone=args.phone
        )
        if existing:
            raise Refused(
                _(
                    "{who} is already a contact (id {id}); nothing was added. "
                    "To add a second person anyway, add --force",
                    who=who_is(existing[0]),
                    id=existing[0].id,
                )
            )
    contact = ctx.network.add_contact(args.name, **fields)
    ctx.commit()
    say(contact.id)
    note(_("Added {name}.", name=contact.name))
    return 0


def run_contacts(ctx: Context, args: argparse.Namespace) -> int:
    network = ctx.network
    found = network.search(args.search, include_archived=args.archived or bool(args.search))
    found.sort(key=lambda c: (fold(c.name), c.name, c.id))  # the same order every run
    if args.json:
        from reseau_tui.domain.codec import contact_to_doc

        json_out([contact_to_doc(c) for c in found])
        return 0
    if not found:
        if args.search:
            note(_("No contact matches {search!r}.", search=args.search))
        else:
            note(_('No contacts yet. Add one: reseau add "Camille Martin" --company Airbus'))
        return 0
    rows = [
        (
            c.name + (" " + _("(archived)") if c.archived else ""),
            c.company,
            c.role,
            circle_label(c.circle),
        )
        for c in found
    ]
    for line in table(rows, (28, 20, 22)):
        say(line)
    note(n_("{count} contact", "{count} contacts", len(found)))
    return 0
