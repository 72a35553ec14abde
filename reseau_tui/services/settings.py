"""The engine's rules as the user reads and changes them: one key, one typed value.

Every rule has a key, a one-line description and its own range: the thank-you
window, whether introducers are thanked, the news delay, how far back a
milestone reaches, the default promise delay, the snooze, birthdays, and each
circle's keep-in-touch intervals (`cadence.friend`, the ideal: due then;
`latest.friend`: overdue after it). Circles the user adds are listed with the
others, and only those can be removed.

A change writes only its own field, so two writers changing two different
settings (two circles too: each has fields of its own) both keep theirs. The
queue follows at once: a change to the settings makes the live queue scan again.
The app's settings screen and `reseau settings` both call these functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from reseau_tui.domain.codec import CADENCE as CADENCE_FIELD
from reseau_tui.domain.codec import LATEST as LATEST_FIELD
from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import CIRCLES, Settings
from reseau_tui.domain.state import SETTINGS, SETTINGS_KEY
from reseau_tui.domain.text import fold, one_line
from reseau_tui.domain.validation import MAX_CADENCE, MAX_DAYS, clean_text
from reseau_tui.i18n import N_, Num, _
from reseau_tui.services.labels import circle_from_text, circle_label
from reseau_tui.services.network import Network
from reseau_tui.store import Operation

TEXT_LIMIT = 200  # a name, a phone number or a title: one line
CADENCE_RANGE = (1, MAX_CADENCE)  # as a contact's own cadence
CADENCE, LATEST = "cadence.", "latest."  # a circle's keys: cadence.friend, latest.friend

Kind = Literal["hours", "days", "flag", "text", "cadence", "latest", "fixed"]


@dataclass(frozen=True)
class Rule:
    """A setting that is one field of `Settings`: its key, its field, what it takes."""

    key: str
    field: str
    kind: Kind
    about: str  # a message id: what it is for, in one line
    low: int = 0
    high: int = 0


RULES: tuple[Rule, ...] = (
    Rule(
        "thank_window_hours",
        "thank_overdue_hours",
        "hours",
        N_("hours after a meeting before its thank-you is overdue"),
        1,
        8760,
    ),
    Rule(
        "thank_introducers",
        "thank_introducers",
        "flag",
        N_("thank whoever introduced you, once (yes/no)"),
    ),
    Rule(
        "thank_lapse_days",
        "thank_lapse_days",
        "days",
        N_("days until an unsent thank-you is missed (0: never)"),
        0,
        MAX_CADENCE,
    ),
    Rule(
        "news_after_days",
        "news_after_days",
        "days",
        N_("days after a meeting before news is due"),
        1,
        MAX_CADENCE,
    ),
    Rule(
        "news_overdue_days",
        "news_overdue_days",
        "days",
        N_("days before news is overdue"),
        0,
        MAX_CADENCE,
    ),
    Rule(
        "milestone_lookback_days",
        "milestone_lookback_days",
        "days",
        N_("days back a milestone's news reaches"),
        1,
        MAX_DAYS,
    ),
    Rule(
        "promise_default_days",
        "promise_default_days",
        "days",
        N_("days to keep a promise that has no date"),
        0,
        MAX_CADENCE,
    ),
    Rule(
        "snooze_days",
        "snooze_days",
        "days",
        N_("days a snooze lasts by default"),
        1,
        MAX_CADENCE,
    ),
    Rule(
        "birthdays",
        "birthdays",
        "flag",
        N_("a birthday wish on the day (yes/no)"),
    ),
    Rule(
        "birthday_notice_days",
        "birthday_notice_days",
        "days",
        N_("days ahead a birthday wish is listed"),
        0,
        60,
    ),
    Rule(
        "birthday_lapse_days",
        "birthday_lapse_days",
        "days",
        N_("days after a birthday until an unsent wish goes"),
        1,
        60,
    ),
    Rule(
        "keep_in_touch_overdue_days",
        "keep_in_touch_overdue_days",
        "days",
        N_("days from ideal to overdue where no latest is set"),
        0,
        MAX_CADENCE,
    ),
)
SIGNATURE: tuple[Rule, ...] = (
    Rule("signature_name", "signature_name", "text", N_("your name, at the end of every draft")),
    Rule(
        "signature_line",
        "signature_line",
        "text",
        N_("a line under your name (a phone, a title)"),
    ),
)
LANGUAGE = Rule(
    "language",
    "language",
    "fixed",
    N_("not used: the language comes from --lang or the config file"),
)
# Names the settings had before, still understood.
ALIASES = {"thank_overdue_hours": "thank_window_hours"}
_BY_KEY = {r.key: r for r in (*RULES, *SIGNATURE, LANGUAGE)}

_YES = {"yes", "y", "true", "on", "1", "oui", "o", "vrai"}
_NO = {"no", "n", "false", "off", "0", "non", "faux"}
_NONE = {"none", "never", "off", "no", "-", "–", "aucun", "aucune", "jamais", "non"}
_CIRCLE_NAME = re.compile(r"^[^\W\d_][\w-]{0,39}$")  # a letter first; no dot (keys use one)


@dataclass(frozen=True)
class SettingView:
    """One setting as listed: its key, value, default, and whether a key and value set it.

    `kind` tells the app which field to show ("flag": yes or no; "cadence": days or
    none; "latest", "hours", "days": a number; "text"; "fixed": not settable here),
    `circle` the circle of a cadence or latest key, `custom` a circle the user added.
    """

    key: str
    value: Any
    default: Any
    settable: bool
    about: str
    kind: Kind = "text"
    circle: str | None = None
    custom: bool = False
    low: int = 0
    high: int = 0

    @property
    def is_default(self) -> bool:
        return bool(self.value == self.default)


def list_settings(settings: Settings) -> list[SettingView]:
    """Every setting: the rules, each circle's two intervals, the signature, the language."""
    views = [_view(settings, r) for r in RULES]
    for circle in circles(settings):
        views.append(_circle_view(settings, circle, "cadence"))
        views.append(_circle_view(settings, circle, "latest"))
    views.extend(_view(settings, r) for r in (*SIGNATURE, LANGUAGE))
    return views


def settable_keys(settings: Settings | None = None) -> list[str]:
    return [v.key for v in list_settings(settings or Settings()) if v.settable]


def circles(settings: Settings) -> list[str]:
    """The built-in circles in their order, then those the user added, in theirs."""
    return [*CIRCLES, *(c for c in settings.circle_cadences if c not in CIRCLES)]


def parse_value(settings: Settings, key: str, text: str) -> Any:
    """The typed value of `text` for the setting `key`; raises `InvalidInput`."""
    view = _settable(settings, key)
    typed = text.strip()
    if view.kind == "flag":
        word = fold(typed)
        if word in _YES or word in _NO:
            return word in _YES
        raise InvalidInput(view.key, "must be yes or no")
    if view.kind == "text":
        return one_line(clean_text(view.key, text, limit=TEXT_LIMIT))
    if view.kind == "cadence" and fold(typed) in _NONE:
        return None
    if view.kind == "cadence":
        return _number(view.key, typed, *CADENCE_RANGE, none_too=True)
    number = _number(view.key, typed, view.low, view.high)
    if view.kind == "latest":
        ideal = settings.circle_cadences.get(view.circle or "")
        if ideal is None:
            raise InvalidInput(
                view.key,
                "{circle} has no keep-in-touch cadence: set {key} first",
                circle=circle_label(view.circle),
                key=CADENCE + (view.circle or ""),
            )
        if number < ideal:
            raise InvalidInput(
                view.key,
                "must be at least the ideal interval ({key} is {days})",
                key=CADENCE + (view.circle or ""),
                days=Num(ideal),
            )
    return number


def change_setting(network: Network, key: str, text: str) -> SettingView:
    """Set one setting from what the user typed; the caller commits. Raises `InvalidInput`."""
    settings = network.state.settings
    view = setting_view(settings, key)
    value = parse_value(settings, key, text)
    if view.kind == "cadence" and value is not None:
        latest = settings.circle_latest.get(view.circle or "")
        if latest is not None and value > latest:
            raise InvalidInput(
                view.key,
                "must be at most the latest interval ({key} is {days})",
                key=LATEST + (view.circle or ""),
                days=Num(latest),
            )
    _write(network, _("set {key}", key=view.key), {_field(view): value})
    return setting_view(network.state.settings, view.key)


def reset_setting(network: Network, key: str) -> SettingView:
    """Back to the default: the stored value is removed, so a later default applies too."""
    settings = network.state.settings
    view = _settable(settings, key)
    stored = _stored(network)
    field = _field(view)
    fields: dict[str, Any] = {}
    unset: list[str] = []
    table = stored.get("circle_cadences")
    if view.kind == "cadence" and (
        view.custom or (isinstance(table, Mapping) and view.circle in table)
    ):
        # A circle of the user's stays one (with no reminder); an older file's table of
        # circles would show through a field simply removed.
        fields[field] = view.default
    elif field in stored:
        unset.append(field)
    if view.kind == "cadence" and view.default is not None:
        latest = settings.circle_latest.get(view.circle or "")
        if latest is not None and latest < view.default:  # the latest cannot come before it
            unset.append(LATEST_FIELD + (view.circle or ""))
    _write(network, _("reset {key}", key=view.key), fields, tuple(unset))
    return setting_view(network.state.settings, view.key)


def add_circle(network: Network, name: str, cadence: int | None = None) -> str:
    """A circle of the user's own ("mentors"), with an ideal cadence or none; returns its id."""
    settings = network.state.settings
    circle = clean_text("circle", name, limit=40).strip().lower().replace(" ", "-")
    if not _CIRCLE_NAME.match(circle):
        raise InvalidInput(
            "circle",
            "{name!r} cannot name a circle: letters, digits and hyphens, starting with a letter",
            name=name,
        )
    same = circle_from_text(name, circles(settings)) or circle_from_text(circle, circles(settings))
    if same is not None or circle in settings.circle_cadences:
        raise InvalidInput(
            "circle", "there is already a circle {circle}", circle=circle_label(same or circle)
        )
    if cadence is not None:
        _number("cadence", str(cadence), *CADENCE_RANGE)
    _write(network, _("add the circle {circle}", circle=circle), {CADENCE_FIELD + circle: cadence})
    return circle


def remove_circle(network: Network, name: str) -> str:
    """Remove a circle the user added, if nobody is in it; returns its id."""
    settings = network.state.settings
    circle = circle_from_text(name, circles(settings))
    if circle is None:
        raise _unknown_circle(settings, name)
    if circle in CIRCLES:
        raise InvalidInput(
            "circle",
            "{circle} comes with reseau and stays; to stop its reminders: "
            "reseau settings {key} none",
            circle=circle_label(circle),
            key=CADENCE + circle,
        )
    members = sum(1 for c in network.state.contacts.values() if c.circle == circle)
    if members:
        raise InvalidInput(
            "circle",
            "{circle} still has contacts ({count}): move them to another circle first",
            count=Num(members),
            circle=circle,
        )
    stored = _stored(network)
    fields: dict[str, Any] = {}
    table = stored.get("circle_cadences")
    if isinstance(table, Mapping) and circle in table:  # an older file: its table of circles
        fields["circle_cadences"] = {k: v for k, v in table.items() if k != circle}
    unset = tuple(f for f in (CADENCE_FIELD + circle, LATEST_FIELD + circle) if f in stored)
    _write(network, _("remove the circle {circle}", circle=circle), fields, unset=unset)
    return circle


# --- inside ---------------------------------------------------------------------------


def _view(settings: Settings, rule: Rule) -> SettingView:
    value, default = getattr(settings, rule.field), getattr(Settings(), rule.field)
    settable = rule.kind != "fixed"
    return SettingView(
        rule.key, value, default, settable, _about(rule), rule.kind, low=rule.low, high=rule.high
    )


def _circle_view(settings: Settings, circle: str, kind: str) -> SettingView:
    custom = circle not in CIRCLES
    name = circle_label(circle)
    if kind == "cadence":
        value = settings.circle_cadences.get(circle)
        default = CIRCLES.get(circle)
        about = (
            _(
                "{circle} (yours): ideal days between contacts, or none",
                circle=name,
            )
            if custom
            else _("{circle}: ideal days between contacts, or none", circle=name)
        )
        return SettingView(
            CADENCE + circle, value, default, True, about, "cadence", circle, custom, *CADENCE_RANGE
        )
    value = settings.circle_latest_of(circle)
    ideal = settings.circle_cadences.get(circle)
    default = None if ideal is None else ideal + settings.keep_in_touch_overdue_days
    about = _("{circle}: overdue after so many days apart", circle=name)
    return SettingView(
        LATEST + circle, value, default, True, about, "latest", circle, custom, *CADENCE_RANGE
    )


def _about(rule: Rule) -> str:
    return _(rule.about)


def _settable(settings: Settings, key: str) -> SettingView:
    view = setting_view(settings, key)
    if not view.settable:
        raise InvalidInput(view.key, _BY_KEY[view.key].about if view.key in _BY_KEY else "")
    return view


def setting_view(settings: Settings, key: str) -> SettingView:
    """One setting as listed; raises `InvalidInput` for a key there is no setting for.

    Circles are understood by their names in either language: `cadence.ami`.
    """
    key = key.strip()
    key = ALIASES.get(key, key)
    if key in _BY_KEY:
        return _view(settings, _BY_KEY[key])
    for prefix, kind in ((CADENCE, "cadence"), (LATEST, "latest")):
        if key.startswith(prefix):
            circle = circle_from_text(key[len(prefix) :], circles(settings))
            if circle is None:
                raise _unknown_circle(settings, key[len(prefix) :])
            return _circle_view(settings, circle, kind)
    raise InvalidInput(
        "setting",
        "unknown setting {key!r}; use one of: {known}",
        key=key,
        known=", ".join(settable_keys(settings)),
    )


def _unknown_circle(settings: Settings, name: str) -> InvalidInput:
    return InvalidInput(
        "circle",
        "unknown circle {circle!r}; use one of: {known} "
        "(to add one: reseau settings --add-circle NAME)",
        circle=name,
        known=", ".join(circles(settings)),
    )


def _number(key: str, text: str, low: int, high: int, *, none_too: bool = False) -> int:
    if text.isascii() and text.isdigit() and low <= int(text) <= high:
        return int(text)
    if none_too:
        raise InvalidInput(
            key,
            "must be a whole number of days from {low} to {high}, or none",
            low=Num(low),
            high=Num(high),
        )
    raise InvalidInput(
        key, "must be a whole number from {low} to {high}", low=Num(low), high=Num(high)
    )


def _field(view: SettingView) -> str:
    """The field of the settings document that holds this setting."""
    if view.circle is not None:
        return (CADENCE_FIELD if view.kind == "cadence" else LATEST_FIELD) + view.circle
    return _BY_KEY[view.key].field


def _stored(network: Network) -> Mapping[str, Any]:
    return network.store.db.records(SETTINGS).record(SETTINGS_KEY) or {}


def _write(
    network: Network, label: str, fields: Mapping[str, Any], unset: tuple[str, ...] = ()
) -> None:
    """One operation on the settings document (created with the first setting changed)."""
    if not fields and not unset:
        return
    if network.store.db.records(SETTINGS).has(SETTINGS_KEY):
        network.apply(Operation.update(label, SETTINGS, SETTINGS_KEY, fields, unset))
    elif fields:
        network.apply(Operation.insert(label, SETTINGS, {"id": SETTINGS_KEY, **fields}))
