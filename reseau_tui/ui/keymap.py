"""The user's own keys: the config file's `[keys]` table, checked, then given to Textual.

    [keys]
    review = "R"
    review-done = "f"

Each entry names a binding by its id and gives the key (or keys, "f,F") that
replaces its default. An entry reseau cannot use (an id no binding has, a key
that is no key, a key another binding of the same screen already answers to) is
reported once at start and ignored: the default key keeps working. Hints, the
footer, the help screen and the palette all read the keys from here, so what
they show is what the user pressed.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character

from reseau_tui.config import ConfigProblem, configured_keys
from reseau_tui.i18n import _
from reseau_tui.locations import config_file

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from textual.app import App

    from reseau_tui.ui.localized_app import LocalizedApp

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED_KEYS = frozenset(k.value for k in Keys)


def normalized(key: str) -> str:
    """A key as Textual names it in bindings: "?" is "question_mark", "/" is "slash"."""
    if len(key) != 1 or key.isalnum():
        return key
    name = unicodedata.name(key, key).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)


def user_keys(app: App[Any] | None) -> dict[str, str]:
    """The `[keys]` the app took (binding id → keys), as `apply_keymap` kept them."""
    return dict(getattr(app, "user_keys", {})) if app is not None else {}


def is_key(key: str) -> bool:
    """Whether Textual can bind `key` ("R", "ctrl+r", "f5", "question_mark", "?")."""
    *modifiers, last = key.split("+") if key != "+" else ["+"]
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return False
    if len(last) == 1:
        return last.isprintable() and not last.isspace()
    return last in _NAMED_KEYS or key_to_character(last) is not None


def places(app_bindings: Iterable[BindingType]) -> list[list[BindingType]]:
    """The bindings that answer together: a key may be used once in each of these."""
    from reseau_tui.ui.screens.confirm_screen import ConfirmScreen
    from reseau_tui.ui.screens.contact_form import ContactForm
    from reseau_tui.ui.screens.followup_screen import FollowUpScreen
    from reseau_tui.ui.screens.help_screen import HelpScreen
    from reseau_tui.ui.screens.import_screen import ImportScreen
    from reseau_tui.ui.screens.main_screen import MainScreen
    from reseau_tui.ui.screens.meeting_form import MeetingForm
    from reseau_tui.ui.screens.pick_screen import PickScreen
    from reseau_tui.ui.screens.review_screen import ReviewScreen
    from reseau_tui.ui.screens.settings_screen import SettingsScreen
    from reseau_tui.ui.screens.snooze_screen import SnoozeScreen
    from reseau_tui.ui.screens.sync_screen import SyncScreen
    from reseau_tui.ui.widgets.contact_list import ContactList
    from reseau_tui.ui.widgets.journal_list import JournalList
    from reseau_tui.ui.widgets.queue_list import QueueList
    from reseau_tui.ui.widgets.row_list import RowList

    everywhere = [*app_bindings, *MainScreen.BINDINGS]
    lists = [
        [*everywhere, *RowList.BINDINGS, *widget.BINDINGS]
        for widget in (ContactList, JournalList, QueueList)
    ]
    screens = (
        ConfirmScreen,
        ContactForm,
        FollowUpScreen,
        HelpScreen,
        ImportScreen,
        MeetingForm,
        PickScreen,
        ReviewScreen,
        SettingsScreen,
        SnoozeScreen,
        SyncScreen,
    )
    return [everywhere, *lists, *(list(screen.BINDINGS) for screen in screens)]


def _keys_of(binding: Binding, keymap: dict[str, str]) -> list[str]:
    keys = keymap.get(binding.id or "", binding.key) if binding.id else binding.key
    return [normalized(k.strip()) for k in keys.split(",")]


def checked_keymap(
    wanted: dict[str, str], path: Path, groups: Iterable[list[BindingType]]
) -> tuple[dict[str, str], list[ConfigProblem]]:
    """The entries of `wanted` that can be used, and a problem for each of the others."""
    bound = [[b for b in group if isinstance(b, Binding)] for group in groups]
    known = {b.id for group in bound for b in group if b.id}
    problems: list[ConfigProblem] = []
    usable: dict[str, str] = {}
    for name, keys in wanted.items():
        if name not in known:
            problems.append(
                ConfigProblem(path, "names {name} in [keys]: no key has that id", name=name)
            )
        elif not all(is_key(k.strip()) for k in keys.split(",")):
            problems.append(
                ConfigProblem(
                    path, 'sets {name} = "{key}" in [keys]: that is not a key', name=name, key=keys
                )
            )
        else:
            usable[name] = keys
    clashing: dict[str, str] = {}
    for place in bound:
        owners: dict[str, set[str]] = {}
        for binding in place:
            for key in _keys_of(binding, usable):
                owners.setdefault(key, set()).add(binding.id or binding.action)
        for binding in place:
            if not binding.id or binding.id not in usable:
                continue
            for key in _keys_of(binding, usable):
                others = owners[key] - {binding.id}
                if others and binding.id not in clashing:
                    clashing[binding.id] = sorted(others)[0]
    for name, other in clashing.items():
        problems.append(
            ConfigProblem(
                path,
                'sets {name} = "{key}" in [keys]: {other} already uses that key',
                name=name,
                key=usable.pop(name),
                other=other,
            )
        )
    return usable, problems


def apply_keymap(app: LocalizedApp, path: Path | None = None) -> None:
    """Give Textual the user's keys; say once what in `[keys]` is ignored, and why."""
    path = path or config_file()
    wanted, problems = configured_keys(path)
    # Checking keys against every screen's bindings imports every screen: only when
    # there are keys to check (most people have none), not at each start.
    usable, more = checked_keymap(wanted, path, places(type(app).BINDINGS)) if wanted else ({}, [])
    app.set_keymap(usable)
    app.user_keys = usable  # read back by `user_keys`, for hints, help and palette
    for problem in [*problems, *more]:
        app.notify(
            _("{problem}; it is ignored.", problem=problem.describe()),
            severity="warning",
            markup=False,
            timeout=15,
        )


def key_name(key: str) -> str:
    """A key as the user's keyboard names it ("escape" is "échap" in French)."""
    return {
        "question_mark": "?",
        "slash": "/",
        "pageup": _("page up"),
        "pagedown": _("page down"),
        "escape": _("escape"),
        "enter": _("enter"),
        "space": _("space"),
        "home": _("home"),
        "end": _("end"),
    }.get(key, key)


def shown_keys(
    app: App[Any] | None, binding: Binding, *, first: bool = False, sep: str = " / "
) -> str:
    """The key(s) `binding` answers to now, after the user's `[keys]`: "d", "escape / q"."""
    keymap = user_keys(app)
    if binding.key_display and not (binding.id and binding.id in keymap):
        return binding.key_display
    keys = [k.strip() for k in (keymap.get(binding.id or "") or binding.key).split(",")]
    return key_name(keys[0]) if first else sep.join(key_name(k) for k in keys)


def key_for(app: App[Any] | None, bindings: Iterable[BindingType], binding_id: str) -> str:
    """The first key of the binding `binding_id` among `bindings`, as the user set it."""
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id == binding_id:
            return shown_keys(app, binding, first=True)
    raise KeyError(binding_id)


def key_list(
    app: App[Any] | None, bindings: Iterable[BindingType], binding_id: str, *, sep: str = " / "
) -> str:
    """Every key of the binding `binding_id`, "escape / q", as the user set them."""
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id == binding_id:
            return shown_keys(app, binding, sep=sep)
    raise KeyError(binding_id)


def hint(
    app: App[Any] | None, bindings: Iterable[BindingType], *parts: tuple[str, str] | str
) -> str:
    """ "d done · c copy · …": each (binding id, words) with the key bound now.

    Words are message ids, translated here; a part given as plain text (already
    translated: "tab next field") is shown as it is.
    """
    bindings = list(bindings)
    return " · ".join(
        part if isinstance(part, str) else f"{key_for(app, bindings, part[0])} {_(part[1])}"
        for part in parts
    )
