"""Handing a draft to the user's own mail client, and a contact's profile to their browser.

reseau sends nothing itself: it builds a `mailto:` link (RFC 6068) holding the
address, a subject and the draft, and the system opens it in whatever mail
client the user has. Opening is not sending, so nothing here marks anything
done: the user still says so.

Pure functions: the caller opens the link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from reseau_tui.domain.engine import FollowUp
from reseau_tui.domain.state import NetworkState
from reseau_tui.i18n import _

# One address as people keep it in a contact's email field: "camille@airbus.fr",
# possibly several, separated by commas, semicolons or spaces, possibly "<in brackets>".
_ADDRESS = re.compile(r"[^\s<>,;\"@]+@[^\s<>,;\"@]+\.[^\s<>,;\"@]+")
# A profile link typed without its scheme: "linkedin.com/in/camille", "www.example.fr/x".
_BARE_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#]|$)", re.IGNORECASE)


def addresses(email: str) -> list[str]:
    """The email addresses in a contact's email field, in order, each once."""
    found: list[str] = []
    for address in _ADDRESS.findall(email):
        if address not in found:
            found.append(address)
    return found


def mailto(to: Sequence[str], subject: str, body: str) -> str:
    """A `mailto:` link per RFC 6068: every character but the unreserved ones percent-encoded
    as UTF-8, spaces as %20 (never "+"), line breaks as %0D%0A."""
    recipients = ",".join(quote(address, safe="@") for address in to)
    fields = []
    if subject:
        fields.append("subject=" + quote(subject, safe=""))
    if body:
        fields.append("body=" + quote(_crlf(body), safe=""))
    return f"mailto:{recipients}" + ("?" + "&".join(fields) if fields else "")


def _crlf(text: str) -> str:
    """Line breaks as the RFC wants them in a body: CR LF, whatever the text had."""
    return "\r\n".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def profile_link(url: str) -> str | None:
    """The contact's profile as a web address a browser can open, or None.

    "linkedin.com/in/camille" gets https:// in front; anything that is not a web
    address (javascript:, file:, a phone number, words) is never opened.
    """
    text = url.strip()
    if not text or any(c.isspace() or not c.isprintable() for c in text):
        return None
    lowered = text.lower()
    if lowered.startswith(("https://", "http://")):
        return text if len(text) > lowered.index("//") + 2 else None
    if _BARE_HOST.match(text):
        return "https://" + text
    return None


def subject(item: FollowUp, state: NetworkState) -> str:
    """A short subject line for the mail of a follow-up, in the language of the draft."""
    if item.kind == "thank":
        return _("Thank you")
    if item.kind == "thank-introducer":
        return _("Thank you for the introduction")
    if item.kind == "news":
        return _("Some news")
    if item.kind == "promise":
        meeting = state.meeting(item.meeting_id or "")
        promises = meeting.promises if meeting else ()
        promise = next((p for p in promises if p.id == item.promise_id), None)
        if promise is not None and not promise.by_me:
            return _("Following up on our conversation")
        return _("As promised")
    if item.kind == "birthday":
        return _("Happy birthday")
    return _("Catching up")


def mail_link(item: FollowUp, state: NetworkState, body: str) -> str | None:
    """The `mailto:` link for this follow-up's draft (as the user edited it); None when the
    contact has no email address to send it to."""
    contact = state.contacts.get(item.contact_id)
    if contact is None:
        return None
    to = addresses(contact.email)
    if not to:
        return None
    return mailto(to, subject(item, state), body)


def profile_of(item: FollowUp, state: NetworkState) -> str | None:
    """The web address of the profile of the person a follow-up is for, if they have one."""
    contact = state.contacts.get(item.contact_id)
    return profile_link(contact.url) if contact is not None else None
