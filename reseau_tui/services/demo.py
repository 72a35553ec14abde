"""Sample data for `reseau --demo` and the screenshots: a career changer's last few months.

Deterministic for a given clock, written to a file of its own (never the
user's database), with follow-ups in every state: overdue, due, upcoming,
snoozed, done, news after a milestone, promises, keep-in-touch. Written in the
user's language: roles, notes, advice and promises are in the catalog.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from reseau_tui.domain.clock import Clock
from reseau_tui.domain.models import create_promise, reproducible_ids
from reseau_tui.i18n import N_, _
from reseau_tui.services.network import Network

# name, company, role, circle, introduced by (index), tags
PEOPLE: list[tuple[str, str, str, str | None, int | None, tuple[str, ...]]] = [
    ("Camille Martin", "Airbus", N_("Head of Supply Chain"), "former-colleague", None, ("aero",)),
    ("Zoë N'Diaye", "Thales", N_("Engineering Manager"), "acquaintance", 0, ("aero", "defense")),
    ("Hélène Lefèvre", "Safran", N_("HR Business Partner"), "recruiter", 0, ("hr",)),
    ("Mathieu Dubois", "Capgemini", N_("Principal Consultant"), "alumni", None, ("consulting",)),
    ("Aïcha Benali", "BNP Paribas", N_("Data Lead"), "friend", None, ("data", "finance")),
    ("Julien Moreau", "Decathlon", N_("Product Director"), "former-colleague", 3, ("retail",)),
    ("Sophie Girard", "Pôle emploi", N_("Career Coach"), "acquaintance", None, ("coaching",)),
    ("Thomas Bernard", "Dassault Systèmes", N_("Solutions Architect"), "alumni", 3, ("software",)),
    ("Léa Rousseau", "Michelin", N_("Innovation Manager"), "acquaintance", 4, ("industry",)),
    ("Karim Haddad", "Schneider Electric", N_("Plant Manager"), "client", None, ("energy",)),
    ("Élodie Fontaine", "Ubisoft", N_("Producer"), "friend", None, ("games",)),
    ("Nicolas Lambert", "Renault", N_("Purchasing Lead"), "supplier", 9, ("auto",)),
    ("Chloé Petit", "L'Oréal", N_("Talent Acquisition"), "recruiter", 2, ("hr",)),
    ("Antoine Mercier", "Orange", N_("Network Architect"), "colleague", None, ("telecom",)),
    (
        "Manon Faure",
        "Doctolib",
        N_("Engineering Manager"),
        "acquaintance",
        10,
        ("health", "software"),
    ),
    ("Hugo Blanc", "Alan", N_("Head of Operations"), "acquaintance", 14, ("health",)),
    ("Inès Garnier", "Station F", N_("Programme Manager"), "acquaintance", 6, ("startups",)),
    ("Louis Chevalier", "Crédit Agricole", N_("Risk Analyst"), "family", None, ()),
    ("Sarah Cohen", "Ledger", N_("Security Engineer"), "friend", 13, ("security",)),
    ("Pierre Roux", "EDF", N_("Project Director"), "former-colleague", None, ("energy",)),
    ("Emma Lopez", "BlaBlaCar", N_("Data Scientist"), "alumni", 4, ("data",)),
    ("Rémi Gauthier", "Veolia", N_("Sustainability Lead"), "acquaintance", 19, ("energy",)),
    ("Yasmine Morel", "Accenture", N_("Recruiter"), "recruiter", None, ("hr",)),
    ("Olivier Perrin", "SNCF", N_("Digital Director"), "client", None, ("transport",)),
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
        N_("Catch-up after ten years."),
        N_("consulting is hiring ex-engineers for industry 4.0 projects"),
        N_("Talk to Julien about product roles."),
        ["Julien Moreau", "Thomas Bernard"],
        [],
    ),
    (
        120,
        [5],
        "video",
        "",
        N_("Product roles at Decathlon."),
        N_("product managers there come from operations"),
        N_("Write a one-page story of your last project."),
        ["Inès Garnier"],
        [(N_("send my project one-pager"), True)],
    ),
    (
        100,
        [4],
        "coffee",
        "Le Pain Quotidien",
        N_("Data careers in banking."),
        N_("data governance teams lack domain experts"),
        "",
        ["Léa Rousseau", "Emma Lopez"],
        [],
    ),
    (
        95,
        [7],
        "call",
        "",
        N_("Dassault's solutions architects."),
        N_("3DEXPERIENCE consultants are in demand"),
        N_("Get the certification first."),
        [],
        [],
    ),
    (
        80,
        [0],
        "visit",
        "Airbus, Blagnac",
        N_("Plant visit with Camille."),
        N_("supply chain resilience is the 2026 priority"),
        N_("Apply to the internal mobility programme through a referral."),
        ["Zoë N'Diaye", "Hélène Lefèvre"],
        [(N_("She will forward my CV to HR"), False)],
    ),
    (
        60,
        [6],
        "coffee",
        "Pôle emploi Nation",
        N_("Coaching session."),
        N_("the hidden job market is 70% of hires"),
        N_("Ask every contact for two names."),
        ["Inès Garnier"],
        [],
    ),
    (
        45,
        [8],
        "video",
        "",
        N_("Innovation at Michelin."),
        N_("the Clermont lab recruits in spring"),
        "",
        [],
        [(N_("send the article on circular tyres"), True)],
    ),
    (
        30,
        [9, 11],
        "event",
        "Salon Industrie Lyon",
        N_("Met Karim and Nicolas at the fair."),
        N_("energy management software is a growing niche"),
        "",
        ["Rémi Gauthier"],
        [],
    ),
    (
        20,
        [10],
        "coffee",
        "Ten Belles",
        N_("Élodie on project management in games."),
        N_("production roles value agile certifications"),
        "",
        ["Manon Faure"],
        [],
    ),
    (
        12,
        [14],
        "video",
        "",
        N_("Engineering management at Doctolib."),
        "",
        N_("Prepare a 30-60-90 day plan."),
        ["Hugo Blanc"],
        [(N_("introduce her to Thomas"), True)],
    ),
    (
        9,
        [16],
        "coffee",
        "Station F",
        N_("Startup programmes."),
        N_("founders look for ops profiles"),
        "",
        [],
        [],
    ),
    (
        4,
        [1],
        "coffee",
        "Café Oberkampf",
        N_("Zoë on engineering management at Thales."),
        N_("aerospace supply chains are short of people who know both engineering and purchasing"),
        N_("Apply before the January hiring freeze."),
        ["Chloé Petit"],
        [(N_("send the article on MRO"), True)],
    ),
    (
        3,
        [2, 12],
        "call",
        "",
        N_("HR view of career changes."),
        N_("recruiters filter on keywords first"),
        N_("Rewrite the CV headline."),
        [],
        [(N_("Chloé will send the job description"), False)],
    ),
    (
        1.2,
        [15],
        "video",
        "",
        N_("Operations at Alan."),
        N_("health tech values ops people who code"),
        "",
        [],
        [(N_("send my availability"), True)],
    ),
    (0.1, [18], "coffee", "Café Charlot", N_("Security careers with Sarah."), "", "", [], []),
]


DEMO_PREFIX = "reseau-demo-"


def new_demo_database(clock: Clock) -> Path:
    """A fresh copy of the sample network in a private temporary folder of its own."""
    folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))  # 0700
    path = folder / "demo.json"
    write_demo_database(path, clock)
    return path


def remove_demo_database(network: Network) -> None:
    """After the demo: its folder (file, backups, lock) and what was kept of its scans.

    Only a folder this module made is removed, whatever path the network has.
    """
    folder = network.path.parent
    network.forget_findings()
    if folder.name.startswith(DEMO_PREFIX) and folder.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(folder, ignore_errors=True)


def write_demo_database(path: Path, clock: Clock) -> Network:
    """Write the sample network to `path` (which must not be the user's database)."""
    with reproducible_ids(2026):
        return _write(path, clock)


def _write(path: Path, clock: Clock) -> Network:
    network = Network(path, clock)
    now = clock.now()
    ids: list[str] = []
    for name, company, role, circle, intro, tags in PEOPLE:
        fields: dict[str, Any] = {
            "company": company,
            "role": _(role),
            "circle": circle,
            "tags": tags,
        }
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
            note=_(note),
            learned=_(learned),
            advice=_(advice),
            leads=leads,
            promises=[create_promise(_(text), by_me=by_me) for text, by_me in promises],
        )
    network.add_milestone(_("Started the Airbus internal mobility process"), _at(now, 50))
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
                text=_("Thank you again for your time."),
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
