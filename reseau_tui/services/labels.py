"""The words for the product's fixed vocabularies (kinds, states, channels, circles, fields)."""

from __future__ import annotations

from reseau_tui.i18n import N_, _, c_


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


def channel_label(channel: str, *, short: bool = False) -> str:
    if short and channel == "event":
        return c_("short", "event")
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


def field_label(field: str) -> str:
    """The field an error is about, translated; "meetings: when" (a backup's table, then
    the field) too."""
    table, sep, name = field.rpartition(": ")
    return f"{table_name(table)}: {_(name)}" if sep else _(field)
