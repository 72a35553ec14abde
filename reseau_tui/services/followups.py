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


def describe(
    item: FollowUp,
    state: NetworkState,
    now: datetime,
    tz: tzinfo,
    *,
    short: bool = False,
    wait: bool = True,
) -> FollowUpView:
    """The words for one follow-up; user text is left as typed (display code makes it safe).

    With `short`, `when` fits a narrow column (the queue's, the `due` table's).
    With `wait` False, `about` is "…" while the meetings are still being read.
    """
    person = state.contacts[item.contact_id].name if item.contact_id in state.contacts else "?"
    if item.state == "snoozed" and item.snoozed_until:
        day = _snooze_end(item.snoozed_until, now, tz, short)
        if short:
            when = c_("short", "snoozed until {day}", day=day)
        else:
            when = _("snoozed until {day}", day=day)
    else:
        when = lateness(item.due, item.overdue_at, now, tz, short=short)
    return FollowUpView(
        item, kind_label(item.kind), person, about(item, state, tz, wait=wait), when
    )


def _snooze_end(until: datetime, now: datetime, tz: tzinfo, short: bool = False) -> str:
    """ "today", "tomorrow", else the date: "until in 3 days" does not read."""
    days = (until.astimezone(tz).date() - now.astimezone(tz).date()).days
    if days in (0, 1):
        return relative_day(until, now, tz)
    return long_date(until, tz, short=short)


def about(item: FollowUp, state: NetworkState, tz: tzinfo, *, wait: bool = True) -> str:
    meeting = state.meeting(item.meeting_id or "", wait=wait)
    pending = meeting is None and bool(item.meeting_id) and not state.meetings_parsed
    if item.kind == "promise" and meeting:
        promise = next((p for p in meeting.promises if p.id == item.promise_id), None)
        if promise:
            text = one_line(promise.text, 200)
            return text if promise.by_me else _("they promised: {text}", text=text)
    if item.kind == "thank-introducer":
        return _("introduced {names}", names=", ".join(state.names(item.introduced_ids)))
    if item.milestone_id and item.milestone_id in state.milestones:
        return state.milestones[item.milestone_id].text
    if item.kind == "keep-in-touch":
        if item.since is None:
            return _("no contact logged yet")
        return _("last contact {day}", day=long_date(item.since, tz))
    if meeting:
        where = f" · {meeting.place}" if meeting.place else ""
        return f"{channel_label(meeting.channel)} {long_date(meeting.when, tz)}{where}"
    return "…" if pending else ""


def _people(names: list[str]) -> str:
    """ "Zoë", "Zoë and Yann", "Zoë, Yann and Anne"."""
    if len(names) < 2:
        return "".join(names)
    return _("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])


def draft(item: FollowUp, state: NetworkState, tz: tzinfo) -> str:
    """A short message to send, filled from the meeting; the user edits it before sending."""
    contact = state.contacts.get(item.contact_id)
    if contact is None:
        return ""
    ctx = "familiar" if contact.familiar else "formal"
    first = first_name(contact.name)
    milestone = state.milestones.get(item.milestone_id or "")
    meeting = state.meeting(item.meeting_id or "")
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
        body = c_(
            ctx,
            "Hello {first},\n\nI wanted to let you know that I met {names} on {day}, "
            "thanks to you. It was a really useful conversation.",
            first=first,
            names=_people(state.names(item.introduced_ids)),
            day=day,
        )
        if learned:
            body += " " + c_(ctx, "I learned a lot about {learned}.", learned=learned)
        return body + "\n\n" + c_(ctx, "Thank you for the introduction!\n\nBest regards")
    if item.kind == "news":
        if milestone:
            return c_(
                ctx,
                "Hello {first},\n\nI wanted to share some news: {news}. Our "
                "conversation played a real part in it, and I wanted you to know. Thank you "
                "again!\n\nBest regards",
                first=first,
                news=one_line(milestone.text, 300),
            )
        if learned:
            body = c_(
                ctx,
                "Hello {first},\n\nWe met on {day}, and you told me about {learned}. I "
                "wanted to give you some news since then: [what your advice led to].",
                first=first,
                day=day,
                learned=learned,
            )
        else:
            body = c_(
                ctx,
                "Hello {first},\n\nWe met on {day}, and I wanted to give you some news "
                "since then: [what your advice led to].",
                first=first,
                day=day,
            )
        return body + "\n\n" + c_(ctx, "Thank you again for your time.\n\nBest regards")
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
    if item.since is None:
        return c_(
            ctx,
            "Hello {first},\n\nI was thinking of you. How are things going? I would be glad "
            "to catch up.\n\nBest regards",
            first=first,
        )
    return c_(
        ctx,
        "Hello {first},\n\nWe have not spoken since {since}, and I was thinking of you. "
        "How are things going? I would be glad to catch up.\n\nBest regards",
        first=first,
        since=long_date(item.since, tz),
    )
