"""Follow-ups as people read them: a label, a person, what it is about, and a draft message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import partial

from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.state import NetworkState
from reseau_tui.domain.text import first_name, one_line
from reseau_tui.i18n import _, c_
from reseau_tui.services.humanize import lateness, long_date, relative_day, short_day
from reseau_tui.services.labels import channel_label, kind_label
from reseau_tui.services.promise_shapes import promise_shapes


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
        when = c_("short", "until {day}", day=day) if short else _("snoozed until {day}", day=day)
    else:
        when = lateness(item.due, item.overdue_at, now, tz, short=short)
    kind = kind_label(item.kind, short=short)
    dated = partial(short_day, now=now, tz=tz) if short else partial(long_date, tz=tz)
    return FollowUpView(item, kind, person, about(item, state, tz, wait=wait, day=dated), when)


def _snooze_end(until: datetime, now: datetime, tz: tzinfo, short: bool = False) -> str:
    """ "today", "tomorrow", else the date: "until in 3 days" does not read."""
    days = (until.astimezone(tz).date() - now.astimezone(tz).date()).days
    if days in (0, 1):
        return relative_day(until, now, tz)
    return short_day(until, now, tz) if short else long_date(until, tz)


def about(
    item: FollowUp,
    state: NetworkState,
    tz: tzinfo,
    *,
    wait: bool = True,
    day: Callable[[datetime], str] | None = None,
) -> str:
    """What an item is about; `day` writes its dates (a row's are short: "25 Aug")."""
    day = day or (lambda at: long_date(at, tz))
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
    if item.kind == "birthday":
        return _("birthday on {day}", day=day(item.due))
    if item.kind == "keep-in-touch":
        if item.since is None:
            return _("no contact logged yet")
        return _("last contact {day}", day=day(item.since))
    if meeting:
        where = f" · {meeting.place}" if meeting.place else ""
        return f"{channel_label(meeting.channel)} {day(meeting.when)}{where}"
    return "…" if pending else ""


def _people(names: list[str]) -> str:
    """ "Zoë", "Zoë and Yann", "Zoë, Yann and Anne"."""
    if len(names) < 2:
        return "".join(names)
    return _("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])


def draft(item: FollowUp, state: NetworkState, tz: tzinfo) -> str:
    """A short message to send, filled from the meeting; the user edits it before sending.

    What the user wrote (what was learned, the advice, a promise) is quoted as
    written, never spliced into a sentence of ours, and the message ends with the
    signature of the settings when one is set.
    """
    contact = state.contacts.get(item.contact_id)
    if contact is None:
        return ""
    text = _message(item, state, tz, "familiar" if contact.familiar else "formal", contact.name)
    return _signed(text, state.settings.signature_name, state.settings.signature_line)


def _signed(text: str, name: str, line: str) -> str:
    signature = [one_line(part) for part in (name, line) if part.strip()]
    return "\n".join([text, *signature])


def _quoted(text: str) -> str:
    """“what the user wrote” in English, « ce qu'il a écrit » in French: one line, no end stop."""
    return _("“{text}”", text=one_line(text, 200).rstrip(" .;,:"))


def _message(item: FollowUp, state: NetworkState, tz: tzinfo, ctx: str, name: str) -> str:
    hello = c_(ctx, "Hello {first},", first=first_name(name))
    milestone = state.milestones.get(item.milestone_id or "")
    meeting = state.meeting(item.meeting_id or "")
    day = long_date(meeting.when, tz) if meeting else ""
    channel = meeting.channel if meeting else ""
    said = (meeting.learned or meeting.advice) if meeting else ""
    if item.kind == "thank":
        parts = [
            _thanks_for(ctx, channel, day)
            + " "
            + c_(ctx, "I really appreciated our conversation and your advice.")
        ]
        if said:
            parts.append(
                c_(ctx, "What you told me was especially helpful: {quote}.", quote=_quoted(said))
            )
        return _paragraphs(hello, *parts, c_(ctx, "I will keep you posted.\n\nBest regards"))
    if item.kind == "thank-introducer":
        parts = [_met_thanks_to_you(ctx, channel, _people(state.names(item.introduced_ids)), day)]
        if said:
            parts.append(c_(ctx, "One thing I took away: {quote}.", quote=_quoted(said)))
        return _paragraphs(
            hello, *parts, c_(ctx, "Thank you for the introduction!\n\nBest regards")
        )
    if item.kind == "news":
        if milestone:
            return c_(
                ctx,
                "Hello {first},\n\nI wanted to share some news: {news}. Our "
                "conversation played a real part in it, and I wanted you to know. Thank you "
                "again!\n\nBest regards",
                first=first_name(name),
                news=one_line(milestone.text, 300),
            )
        occasion = _occasion(channel, day)
        if said:
            news = c_(
                ctx,
                "During {occasion}, you told me: {quote}. I wanted to give you some news "
                "since then: [what your advice led to].",
                occasion=occasion,
                quote=_quoted(said),
            )
        else:
            news = c_(
                ctx,
                "I wanted to give you some news since {occasion}: [what your advice led to].",
                occasion=occasion,
            )
        return _paragraphs(hello, news, c_(ctx, "Thank you again for your time.\n\nBest regards"))
    if item.kind == "birthday":
        return c_(
            ctx,
            "Hello {first},\n\nHappy birthday! I hope you have a wonderful day, and a "
            "great year ahead.\n\nBest regards",
            first=first_name(name),
        )
    if item.kind == "promise" and meeting:
        promise = next((p for p in meeting.promises if p.id == item.promise_id), None)
        text = promise.text if promise else ""
        occasion = _occasion(channel, day)
        if promise is not None and not promise.by_me:
            asked = c_(
                ctx,
                "I hope all is well. During {occasion}, you kindly offered this: {quote}. "
                "Would that still be possible?",
                occasion=occasion,
                quote=_quoted(text),
            )
            return _paragraphs(hello, asked, c_(ctx, "Thank you in advance!\n\nBest regards"))
        return _paragraphs(hello, _promise_kept(ctx, text, occasion), c_(ctx, "Best regards"))
    if item.since is None:
        return c_(
            ctx,
            "Hello {first},\n\nI was thinking of you. How are things going? I would be glad "
            "to catch up.\n\nBest regards",
            first=first_name(name),
        )
    return c_(
        ctx,
        "Hello {first},\n\nWe have not spoken since {since}, and I was thinking of you. "
        "How are things going? I would be glad to catch up.\n\nBest regards",
        first=first_name(name),
        since=long_date(item.since, tz),
    )


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(parts)


def _thanks_for(ctx: str, channel: str, day: str) -> str:
    """The first thanks, for what the meeting was: a call is not "meeting me"."""
    if channel == "coffee":
        return c_(ctx, "Thank you for taking the time to meet me for a coffee on {day}.", day=day)
    if channel == "call":
        return c_(ctx, "Thank you for your time on the phone on {day}.", day=day)
    if channel == "video":
        return c_(ctx, "Thank you for taking the time for a video call on {day}.", day=day)
    if channel == "event":
        return c_(ctx, "It was a pleasure to meet you at the event on {day}.", day=day)
    if channel == "visit":
        return c_(ctx, "Thank you for welcoming me on {day}.", day=day)
    if channel == "email":
        return c_(ctx, "Thank you for taking the time to write to me on {day}.", day=day)
    # Any other way of being in touch (a channel added later too): nothing it was not.
    return c_(ctx, "Thank you for your time on {day}.", day=day)


def _met_thanks_to_you(ctx: str, channel: str, names: str, day: str) -> str:
    """What the introducer made happen, said for what it was: met, spoke, wrote."""
    if channel in ("coffee", "event", "visit"):
        return c_(
            ctx,
            "I wanted to let you know that I met {names} on {day}, thanks to you. "
            "It was a really useful conversation.",
            names=names,
            day=day,
        )
    if channel in ("call", "video"):
        return c_(
            ctx,
            "I wanted to let you know that I spoke with {names} on {day}, thanks to you. "
            "It was a really useful conversation.",
            names=names,
            day=day,
        )
    if channel == "email":
        return c_(
            ctx,
            "I wanted to let you know that I exchanged emails with {names} on {day}, "
            "thanks to you. It was a really useful exchange.",
            names=names,
            day=day,
        )
    return c_(
        ctx,
        "I wanted to let you know that I was in touch with {names} on {day}, thanks to "
        "you. It was a really useful exchange.",
        names=names,
        day=day,
    )


def _occasion(channel: str, day: str) -> str:
    """The meeting named for what it was, as the object of a sentence: "our call on …"."""
    if channel == "coffee":
        return _("our coffee on {day}", day=day)
    if channel == "call":
        return _("our call on {day}", day=day)
    if channel == "video":
        return _("our video call on {day}", day=day)
    if channel == "event":
        return _("our meeting at the event on {day}", day=day)
    if channel == "visit":
        return _("my visit on {day}", day=day)
    if channel == "email":
        return _("our email exchange on {day}", day=day)
    return _("our exchange on {day}", day=day)


def _promise_kept(ctx: str, text: str, occasion: str) -> str:
    """A promise of mine, said to the person it was made to.

    The note is the user's shorthand ("introduce her to Thomas", "lui envoyer
    l'article"): the commonest two, an introduction and something to send, are
    turned to "you" in the language of the draft; anything else is quoted.
    """
    intro, send = promise_shapes()
    note = one_line(text, 300).rstrip(" .;,:")
    found = intro.match(note)
    if found:
        return c_(
            ctx,
            "As promised during {occasion}, I am introducing you to {who}.",
            occasion=occasion,
            who=found["who"],
        )
    found = send.match(note)
    if found:
        return c_(
            ctx,
            "As promised during {occasion}, I am sending you {what}.",
            occasion=occasion,
            what=found["what"],
        )
    return c_(
        ctx,
        "As promised during {occasion}, I am following up on this: {quote}.",
        occasion=occasion,
        quote=_quoted(text),
    )
