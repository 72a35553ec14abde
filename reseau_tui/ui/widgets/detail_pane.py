"""The detail area: the full note of a meeting, a contact's card, or a follow-up's draft.

Everything is built as `Content` from plain strings, so a name like "[/b]" shows
as typed and control characters are neutralised line by line.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.models import Contact, Meeting
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import printable
from reseau_tui.i18n import _
from reseau_tui.services.followups import describe, draft
from reseau_tui.services.humanize import clock_time, long_date, relative_day
from reseau_tui.services.labels import channel_label, circle_label, state_label
from reseau_tui.services.matching import lead_contacts


def lines_of(text: str) -> list[str]:
    return [printable(line) for line in text.splitlines()] or [""]


class DetailBuilder:
    """Assembles labelled sections into one `Content`."""

    def __init__(self) -> None:
        self.parts: list[Content] = []

    def title(self, text: str) -> None:
        self.parts.append(Content.styled(printable(text), "bold"))

    def line(self, text: str, style: str = "") -> None:
        self.parts.append(
            Content.styled(printable(text), style) if style else Content(printable(text))
        )

    def field(self, label: str, value: str) -> None:
        if not value:
            return
        values = lines_of(value)
        label = _("{label}:", label=label)
        self.parts.append(Content.assemble((f"{label} ", "bold $text-muted"), values[0]))
        for extra in values[1:]:
            self.parts.append(Content("  " + extra))

    def section(self, label: str, items: list[str]) -> None:
        if not items:
            return
        self.parts.append(Content.styled(label, "bold $text-muted"))
        for item in items:
            for i, text in enumerate(lines_of(item)):
                self.parts.append(Content(("  • " if i == 0 else "    ") + text))

    def blank(self) -> None:
        self.parts.append(Content(""))

    def build(self) -> Content:
        return Content("\n").join(self.parts)


class DetailPane(VerticalScroll):
    """Scrollable, focusable for long notes; shows whatever the focused pane points at."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-body")

    _shown: Content | None = None

    def _set(self, content: Content) -> None:
        # The same text again (a timer tick, another pane's change) is left alone: an
        # update lays out the whole screen and would scroll a long note back up.
        shown = self._shown
        if shown is not None and (content.plain, content.spans) == (shown.plain, shown.spans):
            return
        self._shown = content
        self.query_one("#detail-body", Static).update(content)
        self.scroll_home(animate=False)

    def clear(self, hint: str = "") -> None:
        self._set(Content.styled(hint, "$text-muted"))

    def show_meeting(self, m: Meeting, state: NetworkState, tz: tzinfo) -> None:
        b = DetailBuilder()
        where = f" · {m.place}" if m.place else ""
        b.title(
            f"{channel_label(m.channel).capitalize()} · {long_date(m.when, tz)} "
            f"{m.when.astimezone(tz):%H:%M}{where}"
        )
        b.field(_("With"), ", ".join(state.names(m.contact_ids)))
        b.blank()
        b.field(_("Note"), m.note)
        b.field(_("Learned"), m.learned)
        b.field(_("Advice"), m.advice)
        known = lead_contacts(state, m.leads)  # leads that became contacts (or were already)
        b.section(_("Leads"), [_("{lead} ✓ contact", lead=x) if x in known else x for x in m.leads])
        promises = [
            p.text if p.by_me else _("they promised: {text}", text=p.text) for p in m.promises
        ]
        b.section(_("Promises"), promises)
        self._set(b.build())

    def show_contact(
        self, c: Contact, state: NetworkState, now: datetime, tz: tzinfo, owed: list[FollowUp]
    ) -> None:
        b = DetailBuilder()
        b.title(c.name + (" " + _("(archived)") if c.archived else ""))
        b.line(" · ".join(x for x in (c.role, c.company) if x), "$text-muted")
        b.blank()
        b.field(_("Circle"), circle_label(c.circle))
        b.field(_("Email"), c.email)
        b.field(_("Phone"), c.phone)
        b.field(_("Profile"), c.url)
        b.field(_("Tags"), ", ".join(c.tags))
        if c.introduced_by and c.introduced_by in state.contacts:
            b.field(_("Introduced by"), state.contacts[c.introduced_by].name)
        introduced = [x.name for x in state.introduced(c.id)]
        b.field(_("Introduced you to"), ", ".join(introduced))
        last = state.last_met_as_of(c.id, now)  # a meeting still to come is not met yet
        b.field(_("Last met"), relative_day(last, now, tz) if last else _("never"))
        planned = state.next_meeting(c.id, now)
        if planned is not None:
            b.field(
                _("Next meeting"), f"{relative_day(planned, now, tz)} {clock_time(planned, tz)}"
            )
        cadence = state.settings.cadence_for(c)
        if cadence:
            b.field(_("Keep in touch"), _("every {days} days", days=cadence))
        b.section(
            _("Owed"),
            [
                _("{kind}: {when}", kind=view.kind, when=view.when)
                for view in (describe(i, state, now, tz, wait=False) for i in owed)
            ],
        )
        if c.notes:
            b.blank()
            b.field(_("Notes"), c.notes)
        self._set(b.build())

    def show_item(self, item: FollowUp, state: NetworkState, now: datetime, tz: tzinfo) -> None:
        view = describe(item, state, now, tz)
        b = DetailBuilder()
        b.title(f"{view.kind} · {view.person}")
        b.line(f"{state_label(item.state)} · {view.when} · {view.about}", "$text-muted")
        b.blank()
        for text in lines_of(draft(item, state, tz)):
            b.line(text)
        b.blank()
        b.line(_("enter: open and edit · d: done · z: snooze · x: dismiss"), "$text-muted")
        self._set(b.build())
