"""A seeded generator of demo data for the company service: candidate profiles, job orders,
company centres and placements. Pure: it takes plain tuples and returns dataclasses.

Occupations are drawn from the taxonomy with a weight for how common they are among
the unemployed of a Danish jobcentre; a company's job orders follow its DB07 industry.
Activity-ready citizens (aktivitetsparate) get accommodation needs (skånebehov) more
often. Most candidates consent to share a summary with companies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .taxonomy import Taxonomy

COMMON = {  # Danish label → weight among the unemployed
    "lagermedarbejder": 8, "rengøringsassistent": 8, "butiksassistent": 8, "social- og sundhedshjælper": 6,
    "social- og sundhedsassistent": 5, "pædagogmedhjælper": 6, "produktionsmedarbejder": 7, "køkkenmedhjælper": 5,
    "kok": 4, "tjener": 3, "lastbilchauffør": 4, "varebilschauffør": 3, "bygningsarbejder": 5, "tømrer": 3,
    "maler": 2, "elektriker": 2, "kontorassistent": 5, "kundeservicemedarbejder": 4, "pakkeriarbejder": 4,
    "anlægsgartner": 3, "landbrugsmedhjælper": 3, "salgsassistent": 3, "bager": 2, "frisør": 2, "svejser": 2,
    "automekaniker": 2, "kassemedarbejder": 3, "ejendomsservicetekniker": 2, "IT-supporter": 2, "sekretær": 2,
    "vagt": 2, "truckfører": 3, "handicaphjælper": 2, "bogholder": 2, "softwareudvikler": 1, "sygeplejerske": 1,
}
INDUSTRY_OCCUPATIONS = {  # DB07 prefix → occupations a company there hires
    "47": ["butiksassistent", "kassemedarbejder", "varepåfylder", "salgsassistent"],
    "56": ["kok", "tjener", "køkkenmedhjælper", "opvasker"], "55": ["hotelreceptionist", "stuepige", "tjener"],
    "41": ["tømrer", "bygningsarbejder", "murer"], "43": ["VVS'er", "elektriker", "bygningsarbejder", "maler"],
    "45": ["automekaniker", "dækmontør", "bilvasker"], "49": ["lastbilchauffør", "varebilschauffør"],
    "10": ["bager", "fødevareoperatør", "pakkeriarbejder"], "25": ["CNC-operatør", "svejser", "produktionsmedarbejder"],
    "01": ["landbrugsmedhjælper", "truckfører"], "62": ["softwareudvikler", "IT-supporter"],
    "69": ["bogholder", "regnskabsassistent", "kontorassistent"], "81": ["rengøringsassistent", "anlægsgartner"],
    "86": ["sygeplejerske", "social- og sundhedsassistent", "portør", "rengøringsassistent"],
    "87": ["social- og sundhedsassistent", "social- og sundhedshjælper", "køkkenmedhjælper"],
    "88": ["social- og sundhedshjælper", "handicaphjælper"], "85": ["pædagogmedhjælper", "lærerassistent"],
    "96": ["frisør"], "52": ["lagermedarbejder", "truckfører", "pakkeriarbejder"],
}
DEFAULT_OCCUPATIONS = ["lagermedarbejder", "rengøringsassistent", "produktionsmedarbejder", "kontorassistent"]
EDUCATIONS = {"social- og sundhedsassistent": "social- og sundhedsassistentuddannelsen",
              "tømrer": "tømreruddannelsen", "kok": "kokkeuddannelsen", "elektriker": "elektrikeruddannelsen",
              "sygeplejerske": "professionsbachelor i sygepleje", "bager": "bageruddannelsen"}
MENTORS = ("Lone Madsen", "Henrik Sørensen", "Mette Kristensen", "Jens Poulsen", "Anne Mortensen")
KINDS = (("ordinary", 70), ("flexjob", 10), ("small_job", 8), ("internship", 7), ("wage_subsidy", 5))


@dataclass(frozen=True)
class DemoProfile:
    citizen_id: int
    occupations: list[str]
    skills: list[str]
    education: str
    driving_licence: bool
    languages: list[str]
    accommodation_needs: list[str]
    max_hours: float | None
    max_commute_km: float
    consent: bool


@dataclass(frozen=True)
class DemoJobOrder:
    company_cvr: str
    title: str
    description: str
    occupation_uri: str
    occupation_label: str
    kind: str
    hours_per_week: float
    postcode: str
    requires_driving_licence: bool
    requires_languages: list[str]
    heavy_lifting: bool
    night_work: bool
    status: str
    created: date
    filled_date: date | None


@dataclass(frozen=True)
class DemoCentre:
    company_cvr: str
    name: str
    places: int
    mentor_name: str
    start: date
    placed: list[tuple[int, date]] = field(default_factory=list)  # (citizen_id, start)


def profiles(rng: random.Random, taxonomy: Taxonomy, citizens: list[tuple[int, str | None]],
             share: float = 0.6) -> list[DemoProfile]:
    """``citizens``: (citizen id, readiness) of the unemployed; a ``share`` of them get a profile."""
    names, weights = zip(*COMMON.items(), strict=True)
    by_label = {o.label_da: o for o in taxonomy.occupations}
    out = []
    for citizen_id, readiness in citizens:
        if rng.random() >= share:
            continue
        chosen = list(dict.fromkeys(rng.choices(names, weights, k=1 if rng.random() < 0.7 else 2)))
        skills = list(dict.fromkeys(s for label in chosen for s in by_label[label].skills if rng.random() < 0.6))
        activity = readiness == "activity_ready"
        needs = [n for n, p in (("no_heavy_lifting", 0.4 if activity else 0.05),
                                ("no_night_work", 0.2 if activity else 0.05)) if rng.random() < p]
        max_hours = rng.choice((15.0, 20.0, 25.0, 30.0)) if rng.random() < (0.35 if activity else 0.05) else 37.0
        languages = ["da"] if rng.random() < 0.93 else [rng.choice(("ar", "pl", "uk", "so", "ro"))]
        if rng.random() < 0.5:
            languages.append("en")
        out.append(DemoProfile(citizen_id, chosen, skills, EDUCATIONS.get(chosen[0], "") if rng.random() < 0.5 else "",
                               rng.random() < 0.7, languages, needs, max_hours, float(rng.choice((10, 15, 25, 40, 60))),
                               rng.random() < 0.85))
    return out


def job_orders(rng: random.Random, taxonomy: Taxonomy, companies: list[tuple[str, str, str]], as_of: date,
               share: float = 0.15) -> list[DemoJobOrder]:
    """``companies``: (cvr, DB07 industry code, postcode); about ``share`` of them order candidates."""
    by_label = {o.label_da: o for o in taxonomy.occupations}
    kinds, kind_weights = tuple(k for k, _ in KINDS), tuple(w for _, w in KINDS)
    out = []
    for cvr, industry_code, postcode in companies:
        if rng.random() >= share:
            continue
        for _ in range(1 if rng.random() < 0.7 else 2):
            label = rng.choice(INDUSTRY_OCCUPATIONS.get(industry_code[:2], DEFAULT_OCCUPATIONS))
            occupation = by_label[label]
            kind = rng.choices(kinds, kind_weights)[0]
            hours = 37.0 if kind in ("ordinary", "wage_subsidy") else float(rng.choice((10, 15, 20, 25)))
            created = as_of - timedelta(days=rng.randint(0, 330))
            status = rng.choices(("open", "in_progress", "filled", "cancelled"), (45, 20, 30, 5))[0]
            filled = created + timedelta(days=rng.randint(7, 60)) if status == "filled" else None
            if filled is not None and filled > as_of:
                status, filled = "in_progress", None
            skills = ", ".join(occupation.skills[:2])
            out.append(DemoJobOrder(
                cvr, f"{occupation.label_da[:1].upper()}{occupation.label_da[1:]}", f"Vi søger en {occupation.label_da}. "
                f"Opgaverne omfatter {skills}.", occupation.uri, occupation.label_da, kind, hours, postcode,
                rng.random() < 0.25, ["da"], rng.random() < 0.3, rng.random() < 0.1, status, created, filled))
    return out


def centres(rng: random.Random, companies: list[tuple[str, str, int]], citizen_ids: list[int], as_of: date,
            count: int = 2) -> list[DemoCentre]:
    """``companies``: (cvr, name, employees); the largest become company centres with some citizens placed."""
    largest = sorted(companies, key=lambda c: (-c[2], c[0]))[:count]
    pool = list(citizen_ids)
    rng.shuffle(pool)
    out = []
    for cvr, name, _ in largest:
        places = rng.randint(4, 8)
        placed = [(pool.pop(), as_of - timedelta(days=rng.randint(0, 90))) for _ in range(min(len(pool), places - 1))]
        out.append(DemoCentre(cvr, f"Virksomhedscenter {name}", places, rng.choice(MENTORS),
                              as_of - timedelta(days=rng.randint(200, 700)), placed))
    return out
