"""Sample data for `reseau --demo` and the screenshots: a career changer's last few months.

Deterministic for a given clock, written to a file of its own (never the
user's database), with follow-ups in every state: overdue, due, upcoming,
snoozed, done, news after a milestone, promises, keep-in-touch.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from reseau_tui.domain.clock import Clock
from reseau_tui.domain.models import create_promise, reproducible_ids
from reseau_tui.services.network import Network

# name, company, role, circle, introduced by (index), tags
PEOPLE: list[tuple[str, str, str, str | None, int | None, tuple[str, ...]]] = [
    ("Camille Martin", "Airbus", "Head of Supply Chain", "former-colleague", None, ("aero",)),
    ("Zoë N'Diaye", "Thales", "Engineering Manager", "acquaintance", 0, ("aero", "defense")),
    ("Hélène Lefèvre", "Safran", "HR Business Partner", "recruiter", 0, ("hr",)),
    ("Mathieu Dubois", "Capgemini", "Principal Consultant", "alumni", None, ("consulting",)),
    ("Aïcha Benali", "BNP Paribas", "Data Lead", "friend", None, ("data", "finance")),
    ("Julien Moreau", "Decathlon", "Product Director", "former-colleague", 3, ("retail",)),
    ("Sophie Girard", "Pôle emploi", "Career Coach", "acquaintance", None, ("coaching",)),
    ("Thomas Bernard", "Dassault Systèmes", "Solutions Architect", "alumni", 3, ("software",)),
    ("Léa Rousseau", "Michelin", "Innovation Manager", "acquaintance", 4, ("industry",)),
    ("Karim Haddad", "Schneider Electric", "Plant Manager", "client", None, ("energy",)),
    ("Élodie Fontaine", "Ubisoft", "Producer", "friend", None, ("games",)),
    ("Nicolas Lambert", "Renault", "Purchasing Lead", "supplier", 9, ("auto",)),
    ("Chloé Petit", "L'Oréal", "Talent Acquisition", "recruiter", 2, ("hr",)),
    ("Antoine Mercier", "Orange", "Network Architect", "colleague", None, ("telecom",)),
    ("Manon Faure", "Doctolib", "Engineering Manager", "acquaintance", 10, ("health", "software")),
    ("Hugo Blanc", "Alan", "Head of Operations", "acquaintance", 14, ("health",)),
    ("Inès Garnier", "Station F", "Programme Manager", "acquaintance", 6, ("startups",)),
    ("Louis Chevalier", "Crédit Agricole", "Risk Analyst", "family", None, ()),
    ("Sarah Cohen", "Ledger", "Security Engineer", "friend", 13, ("security",)),
    ("Pierre Roux", "EDF", "Project Director", "former-colleague", None, ("energy",)),
    ("Emma Lopez", "BlaBlaCar", "Data Scientist", "alumni", 4, ("data",)),
    ("Rémi Gauthier", "Veolia", "Sustainability Lead", "acquaintance", 19, ("energy",)),
    ("Yasmine Morel", "Accenture", "Recruiter", "recruiter", None, ("hr",)),
    ("Olivier Perrin", "SNCF", "Digital Director", "client", None, ("transport",)),
]

# days ago, people (indexes), channel, place, note, learned, advice, leads, promises (text, by me)
MEETINGS: list[
    tuple[float, list[int], str, str, str, str, str, list[str], list[tuple[str, bool]]]
] = [
    (
        150,
        [3],
        "coffee",
        "Café de Flore",
        "Catch-up after ten years.",
        "consulting is hiring ex-engineers for industry 4.0 projects",
        "Talk to Julien about product roles.",
        ["Julien Moreau", "Thomas Bernard"],
        [],
    ),
    (
        120,
        [5],
        "video",
        "",
        "Product roles at Decathlon.",
        "product managers there come from operations",
        "Write a one-page story of your last project.",
        ["Inès Garnier"],
        [("send my project one-pager", True)],
    ),
    (
        100,
        [4],
        "coffee",
        "Le Pain Quotidien",
        "Data careers in banking.",
        "data governance teams lack domain experts",
        "",
        ["Léa Rousseau", "Emma Lopez"],
        [],
    ),
    (
        95,
        [7],
        "call",
        "",
        "Dassault's solutions architects.",
        "3DEXPERIENCE consultants are in demand",
        "Get the certification first.",
        [],
        [],
    ),
    (
        80,
        [0],
        "visit",
        "Airbus, Blagnac",
        "Plant visit with Camille.",
        "supply chain resilience is the 2026 priority",
        "Apply to the internal mobility programme through a referral.",
        ["Zoë N'Diaye", "Hélène Lefèvre"],
        [("She will forward my CV to HR", False)],
    ),
    (
        60,
        [6],
        "coffee",
        "Pôle emploi Nation",
        "Coaching session.",
        "the hidden job market is 70% of hires",
        "Ask every contact for two names.",
        ["Inès Garnier"],
        [],
    ),
    (
        45,
        [8],
        "video",
        "",
        "Innovation at Michelin.",
        "the Clermont lab recruits in spring",
        "",
        [],
        [("send the article on circular tyres", True)],
    ),
    (
        30,
        [9, 11],
        "event",
        "Salon Industrie Lyon",
        "Met Karim and Nicolas at the fair.",
        "energy management software is a growing niche",
        "",
        ["Rémi Gauthier"],
        [],
    ),
    (
        20,
        [10],
        "coffee",
        "Ten Belles",
        "Élodie on project management in games.",
        "production roles value agile certifications",
        "",
        ["Manon Faure"],
        [],
    ),
    (
        12,
        [14],
        "video",
        "",
        "Engineering management at Doctolib.",
        "",
        "Prepare a 30-60-90 day plan.",
        ["Hugo Blanc"],
        [("introduce her to Thomas", True)],
    ),
    (
        9,
        [16],
        "coffee",
        "Station F",
        "Startup programmes.",
        "founders look for ops profiles",
        "",
        [],
        [],
    ),
    (
        4,
        [1],
        "coffee",
        "Café Oberkampf",
        "Zoë on engineering management at Thales.",
        "aerospace supply chains are short of people who know both engineering and purchasing",
        "Apply before the January hiring freeze.",
        ["Chloé Petit"],
        [("send the article on MRO", True)],
    ),
    (
        3,
        [2, 12],
        "call",
        "",
        "HR view of career changes.",
        "recruiters filter on keywords first",
        "Rewrite the CV headline.",
        [],
        [("Chloé will send the job description", False)],
    ),
    (
        1.2,
        [15],
        "video",
        "",
        "Operations at Alan.",
        "health tech values ops people who code",
        "",
        [],
        [("send my availability", True)],
    ),
    (0.1, [18], "coffee", "Café Charlot", "Security careers with Sarah.", "", "", [], []),
]


def write_demo_database(path: Path, clock: Clock) -> Network:
    """Write the sample network to `path` (which must not be the user's database)."""
    with reproducible_ids(2026):
        return _write(path, clock)


def _write(path: Path, clock: Clock) -> Network:
    network = Network(path, clock)
    now = clock.now()
    ids: list[str] = []
    for name, company, role, circle, intro, tags in PEOPLE:
        fields: dict[str, Any] = {"company": company, "role": role, "circle": circle, "tags": tags}
        if intro is not None:
            fields["introduced_by"] = ids[intro]
        fields["familiar"] = circle in ("friend", "family")
        contact = network.add_contact(name, **fields)
        ids.append(contact.id)
    for days, people, channel, place, note, learned, advice, leads, promises in MEETINGS:
        when = _at(now, days)
        network.log_meeting(
            [ids[p] for p in people],
            when,
            channel=channel,
            place=place,
            note=note,
            learned=learned,
            advice=advice,
            leads=leads,
            promises=[create_promise(text, by_me=by_me) for text, by_me in promises],
        )
    network.add_milestone("Started the Airbus internal mobility process", _at(now, 50))
    _decide_some(network, now)
    network.commit()
    return network


def _at(now: datetime, days_ago: float) -> datetime:
    moment = now - timedelta(days=days_ago)
    if days_ago >= 1:
        moment = moment.replace(hour=10 + int(days_ago) % 8, minute=0, second=0, microsecond=0)
    return moment


def _decide_some(network: Network, now: datetime) -> None:
    """Most older thank-yous were sent; one item is snoozed; one news item dismissed."""
    queue = network.queue(now)
    snoozed = dismissed = False
    # Two people still wait for the milestone's news: the queue shows it overdue.
    waiting = {i.contact_id for i in queue.items if i.milestone_id}
    keep = set(sorted(waiting, key=lambda cid: network.contact(cid).name)[:2])
    for item in queue.items:
        age = (now - item.due).days
        if item.kind in ("thank", "thank-introducer") and age > 10:
            network.decide(
                item,
                "done",
                at=item.due + timedelta(hours=20),
                channel="email",
                text="Thank you again for your time.",
            )
        elif item.kind == "promise" and age > 40:
            network.decide(item, "done", at=item.due, channel="email")
        elif item.kind == "news" and item.milestone_id and age > 14 and item.contact_id not in keep:
            network.decide(item, "done", at=item.due + timedelta(days=2), channel="email")
        elif item.kind == "news" and not dismissed and item.milestone_id is None and age > 0:
            network.decide(item, "dismissed", at=now - timedelta(days=1))
            dismissed = True
        elif item.kind == "keep-in-touch" and not snoozed and item.is_actionable:
            network.decide(
                item, "snoozed", at=now - timedelta(days=1), until=now + timedelta(days=5)
            )
            snoozed = True
