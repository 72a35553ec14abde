"""Done, snoozed, dismissed: shared by the queue, the follow-up view and the review.

Each says what it did in a notification; the review passes `tell` instead,
to say it on its own screen: toasts piling up there covered the next draft.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from reseau_tui.domain.engine import FollowUp
from reseau_tui.i18n import _
from reseau_tui.services.followups import describe
from reseau_tui.services.humanize import long_date

if TYPE_CHECKING:
    from reseau_tui.ui.host import ReseauHost


def _who(app: ReseauHost, item: FollowUp) -> tuple[str, str]:
    view = describe(item, app.network.state, app.clock.now(), app.clock.tz)
    return view.kind, view.person


Tell = Callable[[str], None]


def _notifier(app: ReseauHost) -> Tell:
    return lambda text: app.notify(text, markup=False)


def mark_done(
    app: ReseauHost,
    item: FollowUp,
    text: str = "",
    channel: str = "email",
    tell: Tell | None = None,
) -> bool:
    kind, person = _who(app, item)
    if app.change(lambda n: n.decide(item, "done", text=text, channel=channel)) is None:
        return False
    (tell or _notifier(app))(_("Done: {kind}, {person}.", kind=kind, person=person))
    return True


def dismiss(app: ReseauHost, item: FollowUp, tell: Tell | None = None) -> bool:
    kind, person = _who(app, item)
    if app.change(lambda n: n.decide(item, "dismissed")) is None:
        return False
    (tell or _notifier(app))(_("Dismissed: {kind}, {person}.", kind=kind, person=person))
    return True


def snooze(app: ReseauHost, item: FollowUp, until_text: str, tell: Tell | None = None) -> bool:
    """Snooze until a WHEN ("+3d", an ISO date...); False, with a message, if not understood."""
    from reseau_tui.domain.errors import InvalidInput
    from reseau_tui.domain.when import parse_when

    now, tz = app.clock.now(), app.clock.tz
    try:
        until = parse_when(until_text or f"+{app.network.state.settings.snooze_days}d", now, tz)
    except InvalidInput as exc:
        app.notify(_(exc.template, **exc.values), severity="error", markup=False)
        return False
    if until <= now:
        app.notify(_("Pick a date in the future."), severity="error", markup=False)
        return False
    kind, person = _who(app, item)
    if app.change(lambda n: n.decide(item, "snoozed", until=until)) is None:
        return False
    (tell or _notifier(app))(
        _(
            "Snoozed until {day}: {kind}, {person}.",
            day=long_date(until, tz),
            kind=kind,
            person=person,
        )
    )
    return True


def ask_snooze(
    app: ReseauHost,
    item: FollowUp,
    then: Callable[[bool], object] | None = None,
    tell: Tell | None = None,
) -> None:
    """Ask until when (three days by default), then snooze."""
    from reseau_tui.ui.screens.snooze_screen import SnoozeScreen

    default = timedelta(days=app.network.state.settings.snooze_days)

    def decided(answer: str | None) -> None:
        ok = answer is not None and snooze(app, item, answer, tell)
        if then is not None:
            then(ok)

    app.push_screen(SnoozeScreen(default), decided)
