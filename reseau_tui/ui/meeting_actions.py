"""Correcting the journal from the app: `e` edits the highlighted meeting, `D` deletes it.

The edit is the meeting form filled in with what the meeting holds; the delete
asks first. Both go through the journal's services, so the queue follows: a
meeting moved moves its thank-yous, a deleted one takes its open follow-ups
with it and keeps what was already done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reseau_tui.domain.models import Meeting
from reseau_tui.i18n import _
from reseau_tui.services.humanize import long_date
from reseau_tui.services.meetings import MeetingNotFound, delete_meeting

if TYPE_CHECKING:
    from reseau_tui.ui.host import ReseauHost


def edit(app: ReseauHost, meeting: Meeting) -> None:
    from reseau_tui.ui.screens.meeting_form import MeetingForm, meeting_values

    state = app.network.state
    people = [state.contacts[cid] for cid in meeting.contact_ids if cid in state.contacts]
    values = meeting_values(meeting, app.clock.tz)
    app.push_screen(MeetingForm(people=people, values=values, editing=meeting))


def delete(app: ReseauHost, meeting: Meeting) -> None:
    from reseau_tui.ui.screens.confirm_screen import ConfirmScreen

    names = ", ".join(app.network.state.names(meeting.contact_ids))
    day = long_date(meeting.when, app.clock.tz)

    def answered(yes: bool | None) -> None:
        if not yes:
            return

        def tell(_deleted: Meeting) -> tuple[str, str]:
            return (
                _(
                    "Deleted the meeting with {names} of {day}; its open follow-ups went "
                    "with it, what was done stays recorded.",
                    names=names,
                    day=day,
                ),
                _("deleting the meeting with {names}", names=names),
            )

        try:
            app.change(lambda network: delete_meeting(network, meeting.id), tell=tell)
        except MeetingNotFound:
            app.notify(_("This meeting was already deleted elsewhere."), markup=False)
            app.refresh_views()

    # One short line: the dialog's question does not wrap. What goes with it is said after.
    question = _("Delete the meeting with {names} of {day}?", names=names, day=day)
    app.push_screen(ConfirmScreen(question), answered)
