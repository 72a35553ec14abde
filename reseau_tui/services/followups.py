"""Follow-ups as people read them: a label, a person, what it is about, and a draft message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import first_name, one_line
from reseau_tui.i18n import _, c_
from reseau_tui.services.humanize import lateness, long_date, relative_day
from reseau_tui.services.labels import channel_label, kind_label


@dataclass(frozen=True)
class FollowUpView:
    item: FollowUp
    kind: str
    person: str
    about: str
    when: str


def describe(item: FollowUp, state: NetworkState, now: datetime, tz: tzinfo) -> FollowUpView:
    """The words for one follow-up; user text is left as typed (display code makes it safe)."""
    person = state.contacts[item.contact_id].name if item.contact_id in state.contacts else "?"
    if item.state == "snoozed" and item.snoozed_until:
        when = _("snoozed until {day}", day=relative_day(item.snoozed_until, now, tz))
    else:
        when = lateness(item.due, item.overdue_at, now, tz)
    return FollowUpView(item, kind_label(item.kind), person, about(item, state, tz), when)


def about(item: FollowUp, state: NetworkState, tz: tzinfo) -> str:
    meeting = state.meetings.get(item.meeting_id or "")
    if item.kind == "promise" and meeting:
        promise = next((p for p in meeting.promises if p.id == item.promise_id), None)
        if promise:
            text = one_line(promise.text, 200)
            return text if promise.by_me else _("they promised: {text}", text=text)
    if item.kind == "thank-introducer":
        return _("introduced {names}", names=", ".join(state.names(item.introduced_ids)))
    if item.milestone_id and item.milestone_id in state.milestones:
        return state.milestones[item.milestone_id].text
    if item.kind == "keep-in-touch" and item.since:
        return _("last contact {day}", day=long_date(item.since, tz))
    if meeting:
        where = f" · {meeting.place}" if meeting.place else ""
        return f"{channel_label(meeting.channel)} {long_date(meeting.when, tz)}{where}"
    return ""


def draft(item: FollowUp, state: NetworkState, tz: tzinfo) -> str:
    """A short message to send, filled from the meeting; the user edits it before sending."""
    contact = state.contacts.get(item.contact_id)
    if contact is None:
        return ""
    ctx = "familiar" if contact.familiar else "formal"
    first = first_name(contact.name)
    meeting = state.meetings.get(item.meeting_id or "")
    day = long_date(meeting.when, tz) if meeting else ""
    learned = one_line(meeting.learned, 200) if meeting and meeting.learned else ""
    if item.kind == "thank":
        body = c_(
            ctx,
            "Hello {first},\n\nThank you for taking the time to meet me on {day}. "
            "I really appreciated our conversation and your advice.",
            first=first,
            day=day,
        )
        if learned:
            body += "\n\n" + c_(
                ctx, "What you told me about {learned} was especially helpful.", learned=learned
            )
        return body + "\n\n" + c_(ctx, "I will keep you posted.\n\nBest regards")
    if item.kind == "thank-introducer":
        names = ", ".join(state.names(item.introduced_ids))
        return c_(
            ctx,
            "Hello {first},\n\nI wanted to let you know that I met {names} on {day}, "
            "thanks to you. It was a really useful conversation. Thank you for the "
            "introduction!\n\nBest regards",
            first=first,
            names=names,
            day=day,
        )
    if item.kind == "news":
        milestone = state.milestones.get(item.milestone_id or "")
        if milestone:
            return c_(
                ctx,
                "Hello {first},\n\nI wanted to share some news: {news}. Our "
                "conversation played a real part in it, and I wanted you to know. Thank you "
                "again!\n\nBest regards",
                first=first,
                news=one_line(milestone.text, 300),
            )
        return c_(
            ctx,
            "Hello {first},\n\nWe met on {day}, and I wanted to give you some news "
            "since then: [what your advice led to].\n\nThank you again for your time.\n\n"
            "Best regards",
            first=first,
            day=day,
        )
    if item.kind == "promise" and meeting:
        promise = next((p for p in meeting.promises if p.id == item.promise_id), None)
        text = one_line(promise.text, 300) if promise else ""
        if promise is not None and not promise.by_me:
            return c_(
                ctx,
                "Hello {first},\n\nI hope all is well. When we met on {day}, you kindly "
                "offered this: {text}. Would that still be possible?\n\nThank you!",
                first=first,
                day=day,
                text=text,
            )
        return c_(
            ctx,
            "Hello {first},\n\nAs promised when we met on {day}: {text}.\n\nBest regards",
            first=first,
            day=day,
            text=text,
        )
    since = long_date(item.since, tz) if item.since else ""
    return c_(
        ctx,
        "Hello {first},\n\nWe have not spoken since {since}, and I was thinking of you. "
        "How are things going? I would be glad to catch up.\n\nBest regards",
        first=first,
        since=since,
    )
