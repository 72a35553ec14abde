"""The engine's settings as the user reads and changes them: one key, one typed value.

Generic over the scalar fields of `Settings`: a whole number is checked against
the range the file's own check accepts, a text is cleaned as any typed text is
(no NUL, no control characters, a sane length). A rule added to `Settings` later
can be set at once, with no change here. A change writes only its own field, so
two writers changing two different settings both keep theirs.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from reseau_tui.domain.errors import InvalidInput
from reseau_tui.domain.models import Settings
from reseau_tui.domain.state import SETTINGS, SETTINGS_KEY
from reseau_tui.domain.text import one_line
from reseau_tui.domain.validation import clean_text
from reseau_tui.i18n import N_, Num, _
from reseau_tui.services.network import Network
from reseau_tui.store import Operation

# Whole numbers of days or hours, as the check of a loaded file accepts them.
NUMBER_RANGE = (0, 36_500)
TEXT_LIMIT = 200  # a name, a phone number or a title: one line

_HINTS = typing.get_type_hints(Settings)

# What each setting is for; a setting added later and not listed here simply has none.
ABOUT = {
    "thank_overdue_hours": N_("hours before a thank-you is overdue"),
    "news_after_days": N_("days after a meeting before news is due"),
    "news_overdue_days": N_("days before news is overdue"),
    "promise_default_days": N_("days to keep a promise that has no date"),
    "keep_in_touch_overdue_days": N_("days before a keep-in-touch message is overdue"),
    "milestone_lookback_days": N_("days back a milestone's news reaches"),
    "snooze_days": N_("days a snooze lasts by default"),
    "signature_name": N_("your name, at the end of every draft"),
    "signature_line": N_("a line under your name (a phone, a title)"),
}

# Fields that are not one plain value, and why they cannot be set with a key and a value.
NOT_HERE = {
    "circle_cadences": N_("each circle's keep-in-touch cadence: not settable here yet"),
    "language": N_("not used: the language comes from --lang or the config file"),
}


@dataclass(frozen=True)
class SettingView:
    """One setting as listed: its key, value, default, and whether a key and value set it."""

    key: str
    value: Any
    default: Any
    settable: bool
    about: str

    @property
    def is_default(self) -> bool:
        return bool(self.value == self.default)


def _kind(key: str) -> type | None:
    """`int` or `str` for a setting a key and a value can set, else None."""
    hint = _HINTS.get(key)
    if key in NOT_HERE:
        return None
    return hint if hint in (int, str) else None


def settable_keys() -> list[str]:
    return [f.name for f in fields(Settings) if _kind(f.name) is not None]


def list_settings(settings: Settings) -> list[SettingView]:
    """Every setting, in the order `Settings` declares them."""
    defaults = Settings()
    views = []
    for f in fields(Settings):
        key = f.name
        value, default = getattr(settings, key), getattr(defaults, key)
        if isinstance(value, Mapping):
            value, default = dict(value), dict(default)
        settable = _kind(key) is not None
        about = ABOUT.get(key) if settable else NOT_HERE.get(key, N_("not settable here"))
        views.append(SettingView(key, value, default, settable, _(about) if about else ""))
    return views


def parse_value(key: str, text: str) -> int | str:
    """The typed value of `text` for the setting `key`; raises `InvalidInput`."""
    kind = _check_key(key)
    if kind is int:
        low, high = NUMBER_RANGE
        digits = text.strip()
        if not (digits.isascii() and digits.isdigit()) or not low <= int(digits) <= high:
            raise InvalidInput(
                key,
                "must be a whole number from {low} to {high}",
                low=Num(low),
                high=Num(high),
            )
        return int(digits)
    return one_line(clean_text(key, text, limit=TEXT_LIMIT))


def change_setting(network: Network, key: str, text: str) -> SettingView:
    """Set one setting from what the user typed; the caller commits."""
    value = parse_value(key, text)
    if network.store.db.records(SETTINGS).has(SETTINGS_KEY):
        op = Operation.update(_("set {key}", key=key), SETTINGS, SETTINGS_KEY, {key: value})
    else:
        op = Operation.insert(_("set {key}", key=key), SETTINGS, {"id": SETTINGS_KEY, key: value})
    network.apply(op)
    return setting_view(network.state.settings, key)


def reset_setting(network: Network, key: str) -> SettingView:
    """Back to the default: the stored value is removed, so a later default applies too."""
    _check_key(key)
    if network.store.db.records(SETTINGS).has(SETTINGS_KEY):
        network.apply(
            Operation.update(_("reset {key}", key=key), SETTINGS, SETTINGS_KEY, {}, unset=(key,))
        )
    return setting_view(network.state.settings, key)


def setting_view(settings: Settings, key: str) -> SettingView:
    """One setting as listed; raises `InvalidInput` for a key `Settings` does not have."""
    found = [v for v in list_settings(settings) if v.key == key]
    if not found:
        raise _unknown(key)
    return found[0]


def _check_key(key: str) -> type:
    kind = _kind(key)
    if kind is not None:
        return kind
    if key in _HINTS:
        raise InvalidInput(key, NOT_HERE.get(key, N_("not settable here")))
    raise _unknown(key)


def _unknown(key: str) -> InvalidInput:
    return InvalidInput(
        "setting",
        "unknown setting {key!r}; use one of: {known}",
        key=key,
        known=", ".join(settable_keys()),
    )
