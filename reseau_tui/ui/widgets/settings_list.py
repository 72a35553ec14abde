"""The settings as a list: each one's key and value, whether it is the default, what it does.

Two lines a setting, so the description is read where the value is (under it,
slightly indented: at 50 columns a column of its own would leave it no room); values a
user typed (a signature) are drawn as data, never as markup.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reseau_tui.domain.text import one_line
from reseau_tui.i18n import _
from reseau_tui.services.settings import SettingView


def shown_value(view: SettingView, value: Any) -> str:
    """A value as the user reads it and types it back: yes/no, none, a number, a text."""
    if view.kind == "flag":
        return _("yes") if value else _("no")
    if value is None:
        return _("none")
    if view.kind == "text":
        return one_line(str(value), 60) if value else _("(empty)")
    return str(value)


class SettingsList(OptionList):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: list[SettingView] = []

    def show(self, views: list[SettingView]) -> None:
        """Every setting; the one highlighted stays so (by key) when the list is redrawn."""
        before = self.highlighted_view
        self.views = views
        width = max((cell_len(v.key) for v in views), default=0) + 2
        self.clear_options()
        self.add_options(Option(self._line(v, width), id=v.key) for v in views)
        keys = [v.key for v in views]
        if before is not None and before.key in keys:
            self.highlighted = keys.index(before.key)
        elif views:
            self.highlighted = 0

    @property
    def highlighted_view(self) -> SettingView | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.views):
            return None
        return self.views[self.highlighted]

    @staticmethod
    def _line(view: SettingView, width: int) -> Content:
        key = view.key + " " * (width - cell_len(view.key))
        value = shown_value(view, view.value)
        if not view.settable:
            mark: tuple[str, str] = (_("not settable here"), "$text-muted")
        elif view.is_default:
            mark = (_("default"), "$text-muted")
        else:
            mark = (_("default: {value}", value=shown_value(view, view.default)), "$warning")
        return Content.assemble(
            (key, "bold"),
            (value, "bold $accent"),
            "  ",
            mark,
            "\n",
            ("  " + view.about, "$text-muted"),
        )
