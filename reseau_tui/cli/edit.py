"""`reseau edit NAME`: change some fields of a contact, and only those.

It takes the options of `reseau add`; an option not given leaves its field as
it is (so what another program wrote there stays), and an empty value empties
a text field (`--birthday ""`).
"""

from __future__ import annotations

import argparse
from typing import Any

from reseau_tui.cli.contacts import add_contact_options, contact_fields
from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import note, say
from reseau_tui.i18n import _

# The options of `reseau add` by the field each sets (tags: --tag, notes: --note...).
_OPTIONS = {
    "company": "company",
    "role": "role",
    "email": "email",
    "phone": "phone",
    "url": "url",
    "circle": "circle",
    "tag": "tags",
    "introduced_by": "introduced_by",
    "cadence": "cadence_days",
    "note": "notes",
    "familiar": "familiar",
    "birthday": "birthday",
}


def register(sub: Any) -> None:
    edit = sub.add_parser(
        "edit",
        help=_("change a contact's details"),
        description=_(
            "Change the fields given, and only those: reseau edit camille --birthday 05-17."
        ),
    )
    edit.add_argument("name", metavar=_("NAME"), help=_("a unique part of the name is enough"))
    edit.add_argument("--name", dest="new_name", metavar=_("NAME"), help=_("a new full name"))
    add_contact_options(edit)
    # Not given: None, so that only the options given change their field.
    edit.set_defaults(handler=run_edit, **dict.fromkeys(_OPTIONS))


def run_edit(ctx: Context, args: argparse.Namespace) -> int:
    contact = ctx.find(args.name)
    given = {option for option in _OPTIONS if getattr(args, option) is not None}
    if not given and args.new_name is None:
        raise Refused(_("nothing to change: give the options to change (see reseau edit --help)"))
    for option in _OPTIONS.keys() - given:  # what `reseau add` would take for "not given"
        setattr(args, option, [] if option == "tag" else "")
    fields = contact_fields(ctx, args)
    changes: dict[str, Any] = {_OPTIONS[o]: fields[_OPTIONS[o]] for o in given}
    if args.new_name is not None:
        changes["name"] = args.new_name
    edited = ctx.network.edit_contact(contact.id, **changes)
    ctx.commit()
    say(edited.id)
    note(_("Edited {name}.", name=edited.name))
    return 0
