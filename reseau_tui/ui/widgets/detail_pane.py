"""The detail area: the full note of a meeting, a contact's brief, or a follow-up's draft.

A contact's brief is the one `reseau show` prints: the card, who introduced
them and whom they introduced, what is owed both ways, when keeping in touch is
next due, and the last meetings with what was advised. It is drawn on every
cursor move, so it reads the state's per-contact indexes and the queue's items
of that one person (indexed once per queue), never every meeting.

Everything is built as `Content` from plain strings, so a name like "[/b]" shows
as typed and control characters are neutralised line by line.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reseau_tui.domain.engine import FollowUp, Queue
from reseau_tui.domain.models import Contact, Meeting
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import printable
from reseau_tui.i18n import _, n_
from reseau_tui.services.brief import Brief, OpenPromise, contact_brief
from reseau_tui.services.followups import about, describe, draft
from reseau_tui.services.humanize import clock_time, lateness, long_date, relative_day
from reseau_tui.services.labels import channel_label, circle_label, kind_label, state_label
from reseau_tui.services.matching import lead_contacts


def lines_of(text: str) -> list[str]:
    return [printable(line) for line in text.splitlines()] or [""]


class DetailBuilder:
    """Assembles labelled sections into one `Content`."""

    def __init__(self) -> None:
        self.parts: list[Content] = []

    def title(self, text: str) -> None:
        self.parts.append(Content.styled(printable(text), "bold"))

    def line(self, text: str, style: str = "", *, indent: str = "") -> None:
        self.parts.append(Content.assemble(indent, (printable(text), style)))

    def field(self, label: str, value: str, *, indent: str = "") -> None:
        if not value:
            return
        values = lines_of(value)
        label = _("{label}:", label=label)
        self.parts.append(Content.assemble(indent, (f"{label} ", "bold $text-muted"), values[0]))
        for extra in values[1:]:
            self.parts.append(Content(indent + "  " + extra))

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


class ItemsByContact:
    """The queue's items of each person, built once per queue (the brief asks for one)."""

    def __init__(self) -> None:
        self._queue: Queue | None = None
        self._items: dict[str, list[FollowUp]] = {}

    def of(self, queue: Queue, contact_id: str) -> Queue:
        """The queue as the brief reads it: only this person's items, in queue order."""
        if queue is not self._queue:
            items: dict[str, list[FollowUp]] = {}
            for item in queue.items:
                items.setdefault(item.contact_id, []).append(item)
            self._queue, self._items = queue, items
        return Queue(now=queue.now, items=self._items.get(contact_id, []))


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

    _by_contact: ItemsByContact | None = None

    def show_contact(
        self, c: Contact, state: NetworkState, now: datetime, tz: tzinfo, queue: Queue
    ) -> None:
        """The contact's brief; its card alone while the journal is still being read."""
        if not state.journal_ready:  # the first frame: 100,000 meetings are not parsed yet
            self._show_card(c, state, now, tz)
            return
        if self._by_contact is None:
            self._by_contact = ItemsByContact()
        mine = self._by_contact.of(queue, c.id)
        self.show_brief(contact_brief(state, mine, c.id, now), state, now, tz)

    def show_brief(self, brief: Brief, state: NetworkState, now: datetime, tz: tzinfo) -> None:
        c = brief.contact
        b = DetailBuilder()
        b.title(c.name + (" " + _("(archived)") if c.archived else ""))
        b.line(" · ".join(x for x in (c.role, c.company) if x), "$text-muted")
        b.blank()
        b.field(_("Circle"), circle_label(c.circle))
        b.field(_("Email"), c.email)
        b.field(_("Phone"), c.phone)
        b.field(_("Profile"), c.url)
        b.field(_("Tags"), ", ".join(c.tags))
        if brief.introduced_by is not None:
            b.field(_("Introduced by"), brief.introduced_by.name)
        b.field(_("Introduced you to"), ", ".join(x.name for x in brief.introduced))
        last = brief.met[0].when if brief.met else None
        b.field(_("Last met"), relative_day(last, now, tz) if last else _("never"))
        for m in brief.planned[:1]:
            b.field(_("Next meeting"), f"{relative_day(m.when, now, tz)} {clock_time(m.when, tz)}")
        b.field(_("Keep in touch"), self._keep_in_touch(brief, now, tz))
        for label, promises in (
            (_("You promised"), brief.promised_by_me),
            (_("They promised you"), brief.promised_to_me),
        ):
            b.section(label, [self._promise(p, now, tz) for p in promises])
        b.section(
            _("Open follow-ups"),
            [self._followup(item, state, now, tz) for item in brief.followups],
        )
        if brief.met:
            b.blank()
            if brief.met_count > len(brief.met):
                heading = _(
                    "The last {shown} of {count} meetings",
                    shown=len(brief.met),
                    count=brief.met_count,
                )
            else:
                heading = n_("{count} meeting", "{count} meetings", brief.met_count)
            b.line(heading, "bold $text-muted")
            for m in brief.met:
                where = f" · {m.place}" if m.place else ""
                b.line(f"{long_date(m.when, tz)} · {channel_label(m.channel)}{where}", indent="  ")
                b.field(_("Advice"), m.advice, indent="    ")
                b.field(_("Learned"), m.learned, indent="    ")
                if m.note:
                    b.line(lines_of(m.note)[0], "$text-muted", indent="    ")
        if c.notes:
            b.blank()
            b.field(_("Notes"), c.notes)
        self._set(b.build())

    @staticmethod
    def _keep_in_touch(brief: Brief, now: datetime, tz: tzinfo) -> str:
        item = brief.keep_in_touch
        if brief.cadence_days is None or item is None:
            return ""
        if item.state == "snoozed" and item.snoozed_until:
            return _(
                "every {days} days · snoozed until {day}",
                days=brief.cadence_days,
                day=long_date(item.snoozed_until, tz),
            )
        return _(
            "every {days} days · next due {when}",
            days=brief.cadence_days,
            when=lateness(item.due, item.overdue_at, now, tz),
        )

    @staticmethod
    def _promise(p: OpenPromise, now: datetime, tz: tzinfo) -> str:
        item = p.item
        return _(
            "{text} ({state}, {when})",
            text=p.promise.text,
            state=state_label(item.state),
            when=lateness(item.due, item.overdue_at, now, tz),
        )

    @staticmethod
    def _followup(item: FollowUp, state: NetworkState, now: datetime, tz: tzinfo) -> str:
        line = _(
            "{kind} ({state}, {when})",
            kind=kind_label(item.kind),
            state=state_label(item.state),
            when=lateness(item.due, item.overdue_at, now, tz),
        )
        what = about(item, state, tz, wait=False)
        return f"{line}: {what}" if what else line

    def _show_card(self, c: Contact, state: NetworkState, now: datetime, tz: tzinfo) -> None:
        """The card from what is read before the journal: no meeting is parsed for it."""
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
        b.line(_("The journal is being read…"), "$text-muted")
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
