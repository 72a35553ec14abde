"""Realistic reseau data of any size, the same for the same seed, size and end day.

- A database: French and English names with accents, companies, roles, circles,
  introductions, meetings with one to three people spread over years (a few
  contacts met often, most rarely), notes, what was learned, advice, leads,
  promises, milestones, and the decisions a real user leaves behind: most old
  follow-ups done (some with the text sent), some dismissed, a few snoozed or
  still open. Records go through the real codec, and the decisions target the
  ids the real engine derives, so the file loads and behaves like a used one.
- A LinkedIn `Connections.csv` with N rows, for the import benchmark.
- A jrnl journal holding the same meetings, for the peer comparison.

    python -m benchmarks.generate --contacts 30000 --meetings 100000 --out data/
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson

from reseau_tui.domain.codec import (
    action_to_doc,
    contact_to_doc,
    meeting_to_doc,
    milestone_to_doc,
)
from reseau_tui.domain.engine import build_queue
from reseau_tui.domain.models import (
    Action,
    Contact,
    Meeting,
    Milestone,
    Outcome,
    Promise,
    new_id,
    reproducible_ids,
)
from reseau_tui.domain.state import ACTIONS, CONTACTS, MEETINGS, META, MILESTONES, NetworkState
from reseau_tui.domain.text import fold
from reseau_tui.store.files import atomic_write
from reseau_tui.store.migrations import stamp
from reseau_tui.store.sync import REVISION

VERSION = 2  # part of the cached data's folder name: bump when the output changes

PARIS = ZoneInfo("Europe/Paris")
# The channels the generated meetings use, named so that the data stays the same when
# channels are added to the app.
_MEETING_CHANNELS = ("coffee", "call", "video", "event", "visit", "email", "other")

FIRST = (
    "Camille", "Léa", "Chloé", "Inès", "Zoë", "Élodie", "Hélène", "Aïcha", "Manon", "Sarah",
    "Emma", "Yasmine", "Océane", "Maëlle", "Noémie", "Agnès", "Bérénice", "Clémence",
    "Thomas", "Mathieu", "Julien", "Karim", "Nicolas", "Antoine", "Hugo", "Louis", "Pierre",
    "Rémi", "Olivier", "Jérôme", "François", "Benoît", "Loïc", "Gaël", "Théo", "Raphaël",
    "Jean-Baptiste", "Marie-Hélène", "Anne-Sophie", "Kévin", "Sébastien", "Cédric",
    "Emily", "Olivia", "James", "Oliver", "Charlotte", "Amelia", "Harry", "George", "Priya",
    "Sofia", "Lucas", "Mohammed", "Fatou", "Ngozi", "Wei", "Yuki", "Siobhán", "Zoltán",
)  # fmt: skip
LAST = (
    "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Haddad",
    "Fontaine", "Lambert", "Petit", "Mercier", "Faure", "Blanc", "Garnier", "Chevalier",
    "Cohen", "Roux", "Lopez", "Gauthier", "Morel", "Perrin", "N'Diaye", "Benali", "Nguyen",
    "García", "Müller", "Łukasik", "Dupré", "Lemaître", "Bénard", "Château", "Côté", "Hébert",
    "Lévêque", "Ménard", "Pétain", "Séguin", "Thérien", "Vallée", "Smith", "Johnson",
    "Williams", "Brown", "Taylor", "O'Connor", "MacLeod", "Patel", "Okafor", "Kowalski",
    "Da Silva", "de la Fontaine", "Le Gall", "Van der Berg", "Ó Súilleabháin", "Yılmaz",
)  # fmt: skip
COMPANIES = (
    "Airbus", "Thales", "Safran", "Capgemini", "BNP Paribas", "Decathlon", "Pôle emploi",
    "Dassault Systèmes", "Michelin", "Schneider Electric", "Ubisoft", "Renault", "L'Oréal",
    "Orange", "Doctolib", "Alan", "Station F", "Crédit Agricole", "Ledger", "EDF",
    "BlaBlaCar", "Veolia", "Accenture", "SNCF", "Société Générale", "Danone", "Sanofi",
    "TotalEnergies", "Hermès", "Kering", "Saint-Gobain", "Vinci", "Bouygues", "Atos",
    "Sopra Steria", "Criteo", "Mirakl", "Back Market", "Qonto", "Contentsquare", "Deezer",
    "Blablacar", "Leboncoin", "Malt", "Swile", "Lydia", "ManoMano", "Vestiaire Collective",
    "Google", "Microsoft", "Amazon", "Salesforce", "Stripe", "Shopify", "Spotify", "Booking",
    "Mairie de Lyon", "CHU de Toulouse", "Université Paris-Saclay", "École Polytechnique",
    "Fondation Abbé Pierre", "Les Restos du Cœur", "Croix-Rouge française", "Indépendant",
)  # fmt: skip
ROLES = (
    "Head of Supply Chain", "Engineering Manager", "HR Business Partner", "Consultant",
    "Data Lead", "Product Director", "Career Coach", "Solutions Architect",
    "Innovation Manager", "Plant Manager", "Producer", "Purchasing Lead",
    "Talent Acquisition", "Network Architect", "Head of Operations", "Programme Manager",
    "Risk Analyst", "Security Engineer", "Project Director", "Data Scientist",
    "Sustainability Lead", "Recruiter", "Digital Director", "Directrice financière",
    "Chef de projet", "Responsable RH", "Ingénieure d'études", "Chargée de recrutement",
    "Directeur commercial", "Développeur full-stack", "Product Owner", "CTO", "CEO",
    "Fondatrice", "Associate Partner", "UX Researcher", "Account Executive", "Professeure",
)  # fmt: skip
TAGS = (
    "aero", "defense", "hr", "consulting", "data", "finance", "retail", "coaching",
    "software", "industry", "energy", "games", "auto", "telecom", "health", "startups",
    "security", "transport", "public", "ngo", "luxury", "mentor", "alumni-x", "lyon",
)  # fmt: skip
CIRCLES = (
    (None, 46), ("acquaintance", 20), ("former-colleague", 9), ("alumni", 7),
    ("colleague", 4), ("recruiter", 4), ("friend", 4), ("client", 3), ("supplier", 2),
    ("family", 1),
)  # fmt: skip
PLACES = (
    "Café de Flore", "Le Pain Quotidien", "Starbucks La Défense", "their office",
    "Station F", "a coworking in Lyon", "Salon VivaTech", "la cantine", "Teams", "Zoom",
    "Google Meet", "Le Procope", "Gare de Lyon", "Bibliothèque François-Mitterrand",
    "Salon des métiers", "Afterwork Alumni", "Brasserie Lipp", "Le Comptoir Général",
)  # fmt: skip
NOTES = (
    "Catch-up after ten years.",
    "Café très sympa, on a parlé de sa reconversion.",
    "Introduced by a former colleague; very open about the team's needs.",
    "Premier échange : elle cherche des profils qui connaissent le terrain.",
    "He walked me through how their hiring really works.",
    "Échange d'une heure, beaucoup de conseils concrets sur le CV.",
    "Quick call between two meetings; promised to forward my profile.",
    "Visite de l'usine, rencontre avec l'équipe méthodes.",
    "Met at the meetup; we talked about data governance for an hour.",
    "Déjeuner : point sur le marché, plusieurs pistes de postes non publiés.",
    "Discussed the product roles opening next quarter.",
    "Il m'a raconté son parcours, de l'ingénierie au conseil.",
)
LEARNED = (
    "consulting is hiring ex-engineers for industry 4.0 projects",
    "product managers there come from operations",
    "data governance teams lack domain experts",
    "les postes de chef de projet se pourvoient surtout par cooptation",
    "the sector is moving to predictive maintenance",
    "leur équipe RH recrute des profils atypiques en alternance",
    "public procurement rules make the sales cycle 18 months long",
    "l'industrie du jeu vidéo cherche des producteurs venus d'autres métiers",
    "most openings in energy transition are never advertised",
    "la fonction achats est en pleine transformation numérique",
)
ADVICE = (
    "Write a one-page story of your last project.",
    "Contacte les alumni de ton école, ils répondent presque toujours.",
    "Talk to the operations people, not HR.",
    "Reformule ton pitch en trois phrases.",
    "Go to the regional meetups, the real hiring happens there.",
    "Ne postule pas en ligne : demande une recommandation.",
    "Learn the basics of SQL before the interviews.",
    "Prépare des questions sur leurs enjeux, pas sur le poste.",
)
PROMISES = (
    "send my project one-pager",
    "lui envoyer l'article sur la maintenance prédictive",
    "introduce her to my former manager",
    "partager la liste des salons de l'année",
    "send the slides of my talk",
    "relire sa lettre de motivation",
    "forward the job description",
    "me présenter à son associée",
)
SENT = (
    "Merci encore pour ton temps et tes conseils, je te tiens au courant !",
    "Thank you again for your time yesterday: your advice about the operations team was "
    "exactly what I needed.",
    "Un grand merci pour la mise en relation, l'échange a été passionnant.",
)
MILESTONE_TEXTS = (
    "Decided on product management",
    "Formation data analyst commencée",
    "First interviews at Decathlon",
    "Signed with Airbus",
    "Bilan de compétences terminé",
    "Started freelancing",
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Size:
    contacts: int
    meetings: int

    @property
    def years(self) -> int:
        """A journal of this size takes years: about 10,000 meetings a year, 1 to 10 years."""
        return max(1, min(10, round(self.meetings / 10_000)))

    @property
    def milestones(self) -> int:
        return 2 * self.years


@dataclass
class Generated:
    tables: dict[str, dict[str, dict[str, Any]]]
    contacts: list[Contact]
    meetings: list[Meeting]

    def counts(self) -> dict[str, int]:
        return {name: len(docs) for name, docs in self.tables.items()}


def _weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...]) -> Any:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _slug(name: str, n: int) -> str:
    """An ASCII handle for addresses and profile links: "Zoë N'Diaye" -> "zoe-ndiaye-1f"."""
    plain = "".join(ch for ch in fold(name) if ch.isascii() and (ch.isalnum() or ch == " "))
    return "-".join(plain.split()) + f"-{n:x}"


def _instant(rng: random.Random, day: date) -> datetime:
    """A plausible meeting time on `day`: office hours, on the quarter, in Paris."""
    hour = rng.choice((8, 9, 9, 10, 10, 11, 12, 12, 13, 14, 15, 16, 17, 18, 19))
    minute = rng.choice((0, 0, 15, 30, 30, 45))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def generate(size: Size, *, seed: int = 7, end: date) -> Generated:
    """The network of someone who has been networking hard until `end`."""
    rng = random.Random(seed)
    with reproducible_ids(seed):
        start = end - timedelta(days=365 * size.years)
        contacts = _contacts(rng, size, start, end)
        meetings = _meetings(rng, size, contacts, start, end)
        milestones = _milestones(rng, size, start, end)
        tables: dict[str, dict[str, dict[str, Any]]] = {
            CONTACTS: {c.id: contact_to_doc(c) for c in contacts},
            MEETINGS: {m.id: meeting_to_doc(m) for m in meetings},
            MILESTONES: {m.id: milestone_to_doc(m) for m in milestones},
            ACTIONS: {},
        }
        _decide(rng, tables, end)
    stamp(tables)
    # Every file reseau saves carries a revision id; this one is seeded like the rest.
    revision = f"{rng.getrandbits(128):032x}"
    tables[META][REVISION] = {"id": revision, "history": []}
    return Generated(tables, contacts, meetings)


def _contacts(rng: random.Random, size: Size, start: date, end: date) -> list[Contact]:
    span = (end - start).days
    contacts: list[Contact] = []
    for n in range(size.contacts):
        name = _name(rng)
        # Most people were there before the journal began (an imported address book);
        # the rest were met along the way. Sorted by creation for `_meetings`.
        offset = -rng.randint(1, 900) if rng.random() < 0.35 else int(span * n / size.contacts)
        created = _instant(rng, start + timedelta(days=offset))
        company = rng.choice(COMPANIES) if rng.random() < 0.85 else ""
        introduced_by = None
        if contacts and rng.random() < 0.25:
            introduced_by = contacts[int(len(contacts) * rng.random() ** 2)].id
        contacts.append(
            Contact(
                id=new_id(),
                name=name,
                created=created,
                company=company,
                role=rng.choice(ROLES) if rng.random() < 0.8 else "",
                email=f"{_slug(name, n).replace('-', '.')}@example.org"
                if rng.random() < 0.4
                else "",
                phone=f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}"
                if rng.random() < 0.15
                else "",
                url=f"https://www.linkedin.com/in/{_slug(name, n)}" if rng.random() < 0.6 else "",
                circle=_weighted(rng, CIRCLES),
                tags=tuple(sorted(set(rng.sample(TAGS, rng.randint(1, 3)))))
                if rng.random() < 0.3
                else (),
                notes=rng.choice(NOTES) if rng.random() < 0.1 else "",
                introduced_by=introduced_by,
                cadence_days=rng.choice((30, 60, 90, 180, 365)) if rng.random() < 0.03 else None,
                archived=rng.random() < 0.02,
                familiar=rng.random() < 0.2,
                connected=created - timedelta(days=rng.randint(0, 400))
                if rng.random() < 0.6
                else None,
                birthday=f"--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                if rng.random() < 0.05
                else "",
            )
        )
    contacts.sort(key=lambda c: c.created)
    return contacts


def _meetings(
    rng: random.Random, size: Size, contacts: list[Contact], start: date, end: date
) -> list[Meeting]:
    """Meetings spread over the years, busier lately; a core of people is met often."""
    span = (end - start).days
    created = [c.created for c in contacts]
    core = max(1, len(contacts) // 20)
    meetings: list[Meeting] = []
    for _ in range(size.meetings):
        day = start + timedelta(days=min(span - 1, int(span * rng.random() ** 0.8)))
        when = _instant(rng, day)
        known = max(1, _count_before(created, when))
        people: dict[str, None] = {}
        for _person in range(rng.choices((1, 2, 3), (70, 22, 8))[0]):
            often = rng.random() < 0.25
            index = rng.randrange(min(core, known) if often else known)
            people[contacts[index].id] = None
        ids = tuple(people)
        promises = tuple(
            Promise(
                new_id(),
                rng.choice(PROMISES),
                by_me=rng.random() < 0.8,
                due=(when + timedelta(days=rng.randint(2, 30))).date()
                if rng.random() < 0.5
                else None,
                contact_id=ids[-1] if len(ids) > 1 and rng.random() < 0.5 else None,
            )
            for _p in range(1 if rng.random() < 0.12 else 0)
        )
        leads = tuple(
            rng.choice((_name(rng), rng.choice(COMPANIES)))
            for _lead in range(rng.choice((1, 2)) if rng.random() < 0.2 else 0)
        )
        meetings.append(
            Meeting(
                id=new_id(),
                when=when,
                contact_ids=ids,
                channel=rng.choices(_MEETING_CHANNELS, (40, 25, 20, 8, 4, 2, 1))[0],
                place=rng.choice(PLACES) if rng.random() < 0.5 else "",
                note=rng.choice(NOTES) if rng.random() < 0.6 else "",
                learned=rng.choice(LEARNED) if rng.random() < 0.4 else "",
                advice=rng.choice(ADVICE) if rng.random() < 0.25 else "",
                leads=leads,
                promises=promises,
            )
        )
    meetings.sort(key=lambda m: m.when)
    return meetings


def _count_before(created: list[datetime], when: datetime) -> int:
    lo, hi = 0, len(created)
    while lo < hi:
        mid = (lo + hi) // 2
        if created[mid] <= when:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _milestones(rng: random.Random, size: Size, start: date, end: date) -> list[Milestone]:
    span = (end - start).days
    return [
        Milestone(
            new_id(),
            MILESTONE_TEXTS[k % len(MILESTONE_TEXTS)],
            _instant(rng, start + timedelta(days=int(span * (k + rng.random()) / size.milestones))),
        )
        for k in range(size.milestones)
    ]


def _decide(rng: random.Random, tables: dict[str, dict[str, dict[str, Any]]], end: date) -> None:
    """Decisions on what the engine shows: what a diligent user leaves behind.

    First the follow-ups of meetings, promises and milestones, then (as those
    decisions move each contact's last interaction) keep-in-touch rounds.
    """
    now = datetime(end.year, end.month, end.day, 9, 0, tzinfo=PARIS)
    state = NetworkState.from_tables(tables)
    actions = tables[ACTIONS]

    def add(item: str, outcome: Outcome, at: datetime, until: datetime | None = None) -> None:
        text = rng.choice(SENT) if outcome == "done" and rng.random() < 0.1 else ""
        channel = rng.choice(("email", "linkedin", "call", "sms")) if outcome == "done" else ""
        at = at.astimezone(PARIS).replace(microsecond=0)
        action = Action(new_id(), item, outcome, at, until, channel, text)
        doc = action_to_doc(action)
        actions[action.id] = doc
        state.refresh(ACTIONS, action.id, doc)

    for item in build_queue(state, now, PARIS).items:
        if item.kind == "keep-in-touch":
            continue
        due = item.due
        if item.kind in ("thank", "thank-introducer"):
            at = due + timedelta(hours=rng.uniform(1, 40))
            outcome: Outcome = "done" if rng.random() < 0.96 else "dismissed"
        elif item.kind == "news":
            at = due + timedelta(days=rng.uniform(0, 12))
            outcome = "done" if rng.random() < 0.75 else "dismissed"
        else:
            at = due - timedelta(days=rng.uniform(0, 5))
            outcome = "done" if rng.random() < 0.93 else "dismissed"
        if at < now - timedelta(days=1) and rng.random() < 0.997:
            add(item.id, outcome, at)
        elif item.state in ("due", "overdue") and rng.random() < 0.1:
            until = now + timedelta(days=rng.randint(1, 10))
            add(item.id, "snoozed", now - timedelta(hours=rng.uniform(1, 30)), until)

    for item in build_queue(state, now, PARIS).items:
        if item.kind != "keep-in-touch" or item.state != "overdue":
            continue
        roll = rng.random()
        if roll < 0.8:
            add(item.id, "done", now - timedelta(days=rng.uniform(1, 25)))
        elif roll < 0.9:
            add(item.id, "dismissed", now - timedelta(days=rng.uniform(1, 25)))


def write_database(generated: Generated, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, orjson.dumps(generated.tables))


def linkedin_csv(rows: int, *, seed: int = 7, end: date) -> bytes:
    """A Connections.csv as LinkedIn writes it: BOM, preamble, CRLF, some hidden members."""
    rng = random.Random(seed + 1)
    out = io.StringIO(newline="")
    out.write('\ufeffNotes:\r\n"When exporting your connection data, you may notice that some ')
    out.write('of the email addresses are missing."\r\n\r\n')
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for n in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        hidden = rng.random() < 0.002
        connected = end - timedelta(days=rng.randint(1, 365 * 15))
        writer.writerow(
            [
                "" if hidden else first,
                "" if hidden else last,
                f"https://www.linkedin.com/in/{_slug(first + ' ' + last, n)}",
                f"{_slug(first + ' ' + last, n).replace('-', '.')}@example.org"
                if rng.random() < 0.15
                else "",
                rng.choice(COMPANIES) if rng.random() < 0.9 else "",
                rng.choice(ROLES) if rng.random() < 0.9 else "",
                f"{connected.day:02d} {MONTHS[connected.month - 1]} {connected.year}",
            ]
        )
    return out.getvalue().encode("utf-8")


def jrnl_journal(generated: Generated) -> Iterator[str]:
    """The same meetings as a jrnl journal: `[YYYY-MM-DD HH:MM] Title.` then the body."""
    names = {c.id: c.name for c in generated.contacts}
    for m in generated.meetings:
        people = ", ".join(names[c] for c in m.contact_ids)
        stamp_ = m.when.strftime("%Y-%m-%d %H:%M")
        body = " ".join(t for t in (m.note, m.learned, m.advice, m.place) if t)
        yield f"[{stamp_}] {m.channel.capitalize()} with {people}.\n{body}\n\n"


def write_jrnl(generated: Generated, folder: Path) -> tuple[Path, Path]:
    """A jrnl journal and its configuration file; returns (journal, config)."""
    folder.mkdir(parents=True, exist_ok=True)
    journal = folder / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        out.writelines(jrnl_journal(generated))
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.0\n",
        encoding="utf-8",
    )
    return journal, config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--end", type=date.fromisoformat, default=datetime.now(UTC).date(), help="last day"
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/data"))
    args = parser.parse_args(argv)
    began = time.perf_counter()
    generated = generate(Size(args.contacts, args.meetings), seed=args.seed, end=args.end)
    write_database(generated, args.out / "reseau.json")
    (args.out / "Connections.csv").write_bytes(
        linkedin_csv(args.contacts, seed=args.seed, end=args.end)
    )
    write_jrnl(generated, args.out / "jrnl")
    counts = ", ".join(f"{n} {name}" for name, n in generated.counts().items())
    print(f"{args.out}: {counts} in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
