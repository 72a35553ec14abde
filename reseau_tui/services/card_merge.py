"""A contact and the card it is, merged by the rules `reseau sync` uses for two files.

Field by field, against what the two last agreed on (`store.card_state`):
a field changed on one side only is taken; a field changed differently on
both is a `FieldClash`, for the user to choose (until then reseau's value
stands). With nothing agreed yet (the first time a card meets a contact), an
empty field takes the other's value and a field both have, differently, is a
clash.

A card that does not carry a field only reseau has (the circle, the
keep-in-touch cadence, the introducer...) says nothing about it: a phone that
drops the `X-RESEAU-` lines does not empty them. The card's own lines
(`Contact.card_extra`), UID and version are the card's: reseau never edits
them, so they are taken from the card, and refreshed against the merged
values (`io.card_lines.refreshed`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from reseau_tui.domain.models import Contact
from reseau_tui.io.card_lines import fingerprint, is_empty, refreshed

Side = Literal["mine", "theirs"]
# The fields a card carries, compared one by one.
FIELDS = (
    "name",
    "surname",
    "company",
    "role",
    "email",
    "phone",
    "url",
    "tags",
    "notes",
    "birthday",
    "circle",
    "cadence_days",
    "connected",
    "archived",
    "familiar",
    "introduced_by",
)
# Written as X-RESEAU- lines (or a related name): a card without them says nothing of them.
RESEAU_ONLY = ("circle", "cadence_days", "connected", "archived", "familiar", "introduced_by")


@dataclass(frozen=True)
class FieldClash:
    """One field changed in reseau and on the card, each its own way."""

    contact_id: str
    field: str
    mine: Any
    theirs: Any


def base_of(contact: Contact) -> dict[str, str]:
    """The fingerprints to keep once the contact and its card agree."""
    return {name: fingerprint(getattr(contact, name)) for name in FIELDS}


def agreed(contact: Contact, base: Mapping[str, str] | None) -> bool:
    """Whether the contact is unchanged in reseau since it last agreed with its card."""
    return base is not None and base_of(contact) == dict(base)


def theirs_for(mine: Contact | None, card: Contact, said: Iterable[str]) -> Contact:
    """The card as a contact, with the fields only reseau has taken from `mine` unless the
    card says them (`said`)."""
    if mine is None:
        return replace(card, id=card.id)
    kept = {name: getattr(mine, name) for name in RESEAU_ONLY if name not in set(said)}
    return replace(card, id=mine.id, created=mine.created, **kept)


def merge_card(
    mine: Contact, theirs: Contact, base: Mapping[str, str] | None, take: Side | None = None
) -> tuple[Contact, list[FieldClash]]:
    """The contact once the card's changes are in, and the fields changed on both sides.

    With `take`, each clash is settled that way (and still returned, to be said).
    """
    changes: dict[str, Any] = {}
    clashes: list[FieldClash] = []
    for name in FIELDS:
        m, t = getattr(mine, name), getattr(theirs, name)
        if m == t:
            continue
        if base is None:
            if is_empty(m):
                changes[name] = t
                continue
            if is_empty(t):
                continue
        else:
            b = base.get(name)
            if fingerprint(m) == b:
                changes[name] = t
                continue
            if fingerprint(t) == b:
                continue
        clashes.append(FieldClash(mine.id, name, m, t))
        if take == "theirs":
            changes[name] = t
    uid = theirs.card_uid or mine.card_uid
    if uid == f"urn:uuid:{mine.id}" and not theirs.card_extra:
        uid = ""  # reseau's own card: its UID is the contact's id, not kept apart
    merged = replace(
        mine,
        **changes,
        card_uid=uid,
        card_version=theirs.card_version,
        card_extra=theirs.card_extra,
    )
    return refreshed(merged), clashes


def kept_base(
    base: Mapping[str, str] | None, card: Contact, clashes: Iterable[FieldClash]
) -> dict[str, str]:
    """What the card and reseau now agree on: the card's values, except the fields still
    in clash, whose old fingerprint stays so they are asked again next time."""
    out = base_of(card)
    for clash in clashes:
        if base is not None and clash.field in base:
            out[clash.field] = base[clash.field]
        else:
            out.pop(clash.field, None)
    return out
