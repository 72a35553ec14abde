"""`reseau settings`: list the engine's settings, set one, or put one back to its default."""

from __future__ import annotations

import argparse
from typing import Any

from reseau_tui.cli.context import Context, Refused
from reseau_tui.cli.output import cell_width, json_out, note, say, table
from reseau_tui.domain.text import one_line
from reseau_tui.i18n import _
from reseau_tui.services.settings import (
    SettingView,
    change_setting,
    list_settings,
    reset_setting,
    setting_view,
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "settings",
        help=_("list or change the settings (signature, delays)"),
        description=_(
            "Without arguments, list every setting with its value; (default) marks "
            "those left as they come. With KEY VALUE, change one."
        ),
    )
    p.add_argument("key", nargs="?", metavar=_("KEY"), help=_("the setting, as listed"))
    p.add_argument("value", nargs="?", metavar=_("VALUE"), help=_("its new value"))
    p.add_argument("--reset", metavar=_("KEY"), help=_("put this setting back to its default"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(handler=run_settings)


def run_settings(ctx: Context, args: argparse.Namespace) -> int:
    network = ctx.network
    if args.reset is not None:
        if args.key is not None:
            raise Refused(_("give either --reset KEY or KEY VALUE, not both"))
        view = reset_setting(network, args.reset)
        ctx.commit()
        return _done(view, args.json, _("{key} is back to its default: {value}."))
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
    if as_json:
        json_out(_json(view))
    note(message.format(key=view.key, value=_shown(view.value)))
    return 0


def _show(views: list[SettingView]) -> None:
    rows = [
        (
            v.key,
            _shown(v.value) + (" " + _("(default)") if v.is_default else ""),
            v.about,
        )
        for v in views
    ]
    # The value column fits the plain values (up to a cap); a table of circles is cut.
    plain = [r[1] for r, v in zip(rows, views, strict=True) if not isinstance(v.value, dict)]
    widths = [max(cell_width(r[0]) for r in rows), min(max(map(cell_width, plain or [""])), 40)]
    for line in table(rows, widths):
        say(line)


def _shown(value: Any) -> str:
    """A value as one printable line: text as typed, "(empty)" for none, a table in short."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {'–' if v is None else v}" for k, v in value.items())
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
