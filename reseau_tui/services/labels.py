"""The words for the product's fixed vocabularies (kinds, states, channels, circles, fields)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, tzinfo
from functools import cache

from reseau_tui.domain.text import fold
from reseau_tui.i18n import LANGUAGES, LOCALE_DIR, N_, _, c_, load_po
from reseau_tui.services.humanize import clock_time, long_date


def kind_label(kind: str, *, short: bool = False) -> str:
    """What a follow-up is; `short` for a row's narrow column ("Merci au relais")."""
    if short and kind == "thank-introducer":
        return c_("short", "Thank introducer")
    return {
        "thank": _("Thank"),
        "thank-introducer": _("Thank introducer"),
        "news": _("News"),
        "promise": _("Promise"),
        "keep-in-touch": _("Keep in touch"),
        "birthday": _("Birthday"),
    }.get(kind, kind)


def state_label(state: str, *, short: bool = False) -> str:
    if short and state == "overdue":
        return c_("short", "overdue")
    return {
        "upcoming": _("upcoming"),
        "due": _("due"),
        "overdue": _("overdue"),
        "snoozed": _("snoozed"),
    }.get(state, state)


# The fixed vocabularies, by id: the English words are message ids, translated where shown.
CHANNEL_WORDS = {
    "coffee": N_("coffee"),
    "call": N_("call"),
    "video": N_("video"),
    "event": N_("event"),
    "visit": N_("visit"),
    "email": N_("email"),
    "linkedin": N_("LinkedIn"),
    "sms": N_("SMS"),
    "whatsapp": N_("WhatsApp"),
    "other": N_("other"),
}
CIRCLE_WORDS = {
    "family": N_("family"),
    "friend": N_("friend"),
    "colleague": N_("colleague"),
    "former-colleague": N_("former colleague"),
    "client": N_("client"),
    "supplier": N_("supplier"),
    "alumni": N_("alumni"),
    "recruiter": N_("recruiter"),
    "acquaintance": N_("acquaintance"),
}
# Other words people type for them (the labels of both languages are understood anyway).
_TYPED = {
    "call": ("phone", "telephone", "téléphone"),
    "video": ("visioconférence", "zoom", "teams"),
    "email": ("mail", "courriel"),
    "sms": ("text", "texto"),
    "friend": ("amie",),
    "former-colleague": ("ancien collègue", "ancienne collègue", "ex-colleague"),
    "supplier": ("subcontractor", "sous-traitant", "fournisseuse"),
    "recruiter": ("recruteuse",),
}


def channel_label(channel: str, *, short: bool = False) -> str:
    if short and channel == "event":
        return c_("short", "event")
    return _(CHANNEL_WORDS[channel]) if channel in CHANNEL_WORDS else channel


def circle_label(circle: str | None) -> str:
    if circle is None:
        return ""
    return _(CIRCLE_WORDS[circle]) if circle in CIRCLE_WORDS else circle


def channel_from_text(text: str) -> str | None:
    """The channel someone means: its id or its name in English or French ("café")."""
    return _from_text(text, CHANNEL_WORDS)


def circle_from_text(text: str, custom: Iterable[str] = ()) -> str | None:
    """The circle someone means: "former-colleague", "ex-collègues", "ami", "Amis"...

    `custom`: the circles the user added (their id is their name), understood too.
    """
    found = _from_text(text, CIRCLE_WORDS)
    if found is not None:
        return found
    key = _typed_key(text)
    return next((c for c in custom if c not in CIRCLE_WORDS and _typed_key(c) == key), None)


def _from_text(text: str, words: dict[str, str]) -> str | None:
    if text in words:
        return text
    key = _typed_key(text)
    if not key:
        return None
    for ident, message in words.items():
        typed = {ident, *_in_every_language(message), *_TYPED.get(ident, ())}
        if key in {_typed_key(t) for t in typed}:
            return ident
    return None


def _typed_key(text: str) -> str:
    """A key where accents, case, hyphens and a plural "s" do not matter: "Ex-Collègues"."""
    words = re.split(r"[\s\-_'’.]+", fold(text))
    return "".join(w[:-1] if len(w) > 2 and w.endswith("s") else w for w in words)


def _in_every_language(message: str) -> set[str]:
    found = {message}
    for language in LANGUAGES:
        translated = _catalog(language).get(message)
        if isinstance(translated, str) and translated:
            found.add(translated)
    return found


@cache
def _catalog(language: str) -> dict[str, str | list[str]]:
    return {} if language == "en" else load_po(LOCALE_DIR / f"{language}.po")


def labels_list(words: dict[str, str]) -> str:
    """ "coffee, call, video..." in the current language, for help and error messages."""
    return ", ".join(_(w) for w in words.values())


def table_name(table: str) -> str:
    """A table of the database or of a backup, as the user calls it."""
    return {
        "contacts": _("contacts"),
        "meetings": _("meetings"),
        "milestones": _("milestones"),
        "actions": _("follow-up decisions"),
        "settings": _("settings"),
    }.get(table, table)


# Field names that errors carry (`InvalidInput.field`, `Problem.field`) but that the
# catalog tool cannot read as a literal where they are raised (they come from a loop).
FIELDS = (N_("archived"), N_("familiar"), N_("tags"), N_("contact"))


# A contact's fields as reports and merge notes name them (message ids).
CONTACT_FIELD_WORDS = {
    "name": N_("name"),
    "company": N_("company"),
    "role": N_("role"),
    "email": N_("email"),
    "phone": N_("phone"),
    "url": N_("profile link"),
    "notes": N_("notes"),
    "birthday": N_("birthday"),
    "circle": N_("circle"),
    "cadence_days": N_("keep-in-touch cadence"),
    "tags": N_("tags"),
    "surname": N_("surname"),
    "connected": N_("connected on"),
    "archived": N_("archived"),
    "familiar": N_("familiar form"),
    "introduced_by": N_("introduced by"),
}


def field_label(field: str) -> str:
    """The field an error is about, translated; "meetings: when" (a backup's table, then
    the field) too."""
    table, sep, name = field.rpartition(": ")
    return f"{table_name(table)}: {_(name)}" if sep else _(field)


WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


def moment_label(when: datetime, tz: tzinfo) -> str:
    """ "Monday 30 November 2026 at 10:00" / "lundi 30 novembre 2026 à 10:00": what a
    snooze or a date typed as "lundi" or "in 2 weeks" turned out to mean."""
    local = when.astimezone(tz)
    return _(
        "{weekday} {date} at {time}",
        weekday=_(WEEKDAYS[local.weekday()]),
        date=long_date(local, tz),
        time=clock_time(local, tz),
    )


# WHEN examples for hints and help, as each language writes them. They are the ones the
# parser's refusals give (domain/when.py); a test checks each is understood.
PAST_WHEN_EXAMPLES = N_("today 14:30, yesterday 6pm, monday, 15/12, 3 Dec, -2d, 2026-11-26")
FUTURE_WHEN_EXAMPLES = N_("tomorrow 9:00, monday, next thursday, in 2 weeks, 15/12, 3 Dec, +3d")


def when_examples(*, future: bool = False) -> str:
    """Examples of a WHEN in the current language; `future`: only dates to come."""
    return _(FUTURE_WHEN_EXAMPLES if future else PAST_WHEN_EXAMPLES)
