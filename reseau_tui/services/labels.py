"""The words for the product's fixed vocabularies (kinds, states, channels, circles)."""

from __future__ import annotations

from reseau_tui.i18n import _


def kind_label(kind: str) -> str:
    return {
        "thank": _("Thank"),
        "thank-introducer": _("Thank introducer"),
        "news": _("News"),
        "promise": _("Promise"),
        "keep-in-touch": _("Keep in touch"),
    }.get(kind, kind)


def state_label(state: str) -> str:
    return {
        "upcoming": _("upcoming"),
        "due": _("due"),
        "overdue": _("overdue"),
        "snoozed": _("snoozed"),
    }.get(state, state)


def channel_label(channel: str) -> str:
    return {
        "coffee": _("coffee"),
        "call": _("call"),
        "video": _("video"),
        "event": _("event"),
        "visit": _("visit"),
        "email": _("email"),
        "other": _("other"),
    }.get(channel, channel)


def circle_label(circle: str | None) -> str:
    if circle is None:
        return ""
    return {
        "family": _("family"),
        "friend": _("friend"),
        "colleague": _("colleague"),
        "former-colleague": _("former colleague"),
        "client": _("client"),
        "supplier": _("supplier"),
        "alumni": _("alumni"),
        "recruiter": _("recruiter"),
        "acquaintance": _("acquaintance"),
    }.get(circle, circle)
