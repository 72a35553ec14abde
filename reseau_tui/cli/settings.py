"""`reseau settings`: list the engine's rules, set one, put one back, add or remove a circle."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import cell_width, json_out, note, say, table
from reseau_tui.domain.text import one_line
from reseau_tui.i18n import _

if TYPE_CHECKING:
    from reseau_tui.services.settings import SettingView


def register(sub: Any) -> None:
    p = sub.add_parser(
        "settings",
        help=_("list or change the rules (thank-you window, circles, signature...)"),
        description=_(
            "Without arguments, list every setting with its value and what it is for; "
            "(default) marks those left as they come. With KEY VALUE, change one: "
            "reseau settings thank_window_hours 24, reseau settings cadence.friend 60, "
            "reseau settings latest.friend 90, reseau settings thank_introducers no."
        ),
    )
    p.add_argument("key", nargs="?", metavar=_("KEY"), help=_("the setting, as listed"))
    p.add_argument("value", nargs="?", metavar=_("VALUE"), help=_("its new value"))
    p.add_argument("--reset", metavar=_("KEY"), help=_("put this setting back to its default"))
    p.add_argument(
        "--add-circle", metavar=_("NAME"), help=_("add a circle of your own (mentors, club...)")
    )
    p.add_argument(
        "--remove-circle", metavar=_("NAME"), help=_("remove a circle you added (nobody in it)")
    )
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(handler=run_settings)


def run_settings(ctx: Context, args: argparse.Namespace) -> int:
    from reseau_tui.services.settings import (
        add_circle,
        change_setting,
        list_settings,
        remove_circle,
        reset_setting,
        setting_view,
    )

    network = ctx.network
    actions = [a for a in (args.reset, args.add_circle, args.remove_circle) if a is not None]
    if len(actions) > 1 or (actions and args.key is not None):
        raise Refused(
            _("give one of KEY VALUE, --reset KEY, --add-circle NAME or --remove-circle NAME")
        )
    if args.reset is not None:
        view = reset_setting(network, args.reset)
        ctx.commit()
        return _done(view, args.json, _("{key} is back to its default: {value}."))
    if args.add_circle is not None:
        circle = add_circle(network, args.add_circle)
        ctx.commit()
        note(
            _(
                "Added the circle {circle}. Its keep-in-touch cadence: "
                "reseau settings cadence.{circle} DAYS",
                circle=circle,
            )
        )
        return _json_if(args.json, setting_view(network.state.settings, f"cadence.{circle}"))
    if args.remove_circle is not None:
        circle = remove_circle(network, args.remove_circle)
        ctx.commit()
        note(_("Removed the circle {circle}.", circle=circle))
        return 0
    if args.key is None:
        views = list_settings(network.state.settings)
        if args.json:
            json_out([_json(v) for v in views])
            return 0
        _show(views)
        note(_("Change one: reseau settings KEY VALUE; undo: reseau settings --reset KEY"))
        return 0
    if args.value is None:
        one = setting_view(network.state.settings, args.key)
        if args.json:
            json_out(_json(one))
        else:
            _show([one])
        return 0
    view = change_setting(network, args.key, args.value)
    ctx.commit()
    return _done(view, args.json, _("{key} set to {value}."))


def _done(view: SettingView, as_json: bool, message: str) -> int:
    _json_if(as_json, view)
    note(message.format(key=view.key, value=_shown(view)))
    return 0


def _json_if(as_json: bool, view: SettingView) -> int:
    if as_json:
        json_out(_json(view))
    return 0


def _show(views: list[SettingView]) -> None:
    rows = [
        (v.key, _shown(v) + (" " + _("(default)") if v.is_default else ""), v.about) for v in views
    ]
    widths = [max(cell_width(r[0]) for r in rows), min(max(cell_width(r[1]) for r in rows), 40)]
    for line in table(rows, widths):
        say(line)


def _shown(view: SettingView) -> str:
    """A value as one printable line: text as typed, yes or no, "none" for no reminder."""
    value = view.value
    if view.kind == "flag":
        return _("yes") if value else _("no")
    if view.kind in ("cadence", "latest") and value is None:
        return _("none")
    if value is None or value == "":
        return _("(empty)")
    return one_line(str(value))


def _json(view: SettingView) -> dict[str, Any]:
    return {
        "key": view.key,
        "value": view.value,
        "default": view.default,
        "is_default": view.is_default,
        "settable": view.settable,
    }
