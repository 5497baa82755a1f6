"""Companies (CVR, DB07 industry, a skewed size distribution) and the jobcenter's contacts with them.

Most Danish companies are small: employee counts are lognormal (median 4), so a few
large workplaces — the hospital, the supermarket, the factory — stand out. Larger
companies are more likely to cooperate with the jobcenter and take more interns
(offers pick a company with weight employees^0.7).
"""

from __future__ import annotations

import math
import random
from datetime import date
from itertools import accumulate

from indsats.domain.models import Company, CompanyContact

from .identity import company_name, postcode_picker, street_address, synthetic_cvr
from .profiles import MunicipalityProfile

#: (DB07 code, Danish name, weight)
INDUSTRIES: tuple[tuple[str, str, float], ...] = (
    ("47.11.00", "Supermarkeder og købmandsforretninger", 6),
    ("56.10.10", "Restauranter", 7),
    ("41.20.00", "Opførelse af nye bygninger", 8),
    ("43.22.00", "VVS- og blikkenslagerforretninger", 6),
    ("43.21.00", "El-installation", 5),
    ("45.20.10", "Almindelig autoreparation", 5),
    ("49.41.00", "Vejgodstransport", 4),
    ("10.71.10", "Fremstilling af brød, kager og konditorvarer", 2),
    ("25.62.00", "Maskinforarbejdning", 3),
    ("01.11.00", "Dyrkning af korn (undtagen ris), bælgfrugter og olieholdige frø", 6),
    ("62.01.00", "Computerprogrammering", 4),
    ("69.20.00", "Bogføring og revision; skatterådgivning", 4),
    ("81.21.00", "Almindelig rengøring i bygninger", 4),
    ("81.30.00", "Landskabspleje", 3),
    ("86.10.00", "Hospitaler", 0.5),
    ("87.10.00", "Plejehjem", 1.5),
    ("88.10.10", "Hjemmehjælp", 1.5),
    ("85.20.00", "Grundskoler", 1.5),
    ("55.10.00", "Hoteller og lignende overnatningsfaciliteter", 1.5),
    ("96.02.10", "Frisørsaloner", 4),
    ("47.73.00", "Apoteker", 0.8),
    ("52.10.00", "Oplagring", 1.5),
)
_IND_CUM = list(accumulate(w for *_, w in INDUSTRIES))
SCHEMES = ("wage_subsidy", "company_internship", "flexjob", "mentor", "job_rotation", "adult_apprentice")
PURPOSES = ("Rekruttering", "Virksomhedspraktik", "Løntilskud", "Fastholdelse af sygemeldt medarbejder",
            "Fleksjob", "Opfølgning på praktik", "Jobordre", "Virksomhedscenter")
RESULTS = ("Aftale om praktikplads", "Jobordre oprettet", "Ingen behov lige nu", "Opfølgning aftalt",
           "Løntilskudsstilling aftalt", "Fleksjob aftalt", "")
KINDS = ("visit", "visit", "call", "call", "email", "meeting")


def build_companies(rng: random.Random, profile: MunicipalityProfile, count: int,
                    taken_cvr: set[str]) -> list[Company]:
    pick_postcode = postcode_picker(profile.postcodes)
    companies = []
    for _ in range(count):
        code, industry, _w = rng.choices(INDUSTRIES, cum_weights=_IND_CUM)[0]
        employees = max(1, min(3000, int(rng.lognormvariate(math.log(4), 1.4))))
        if code == "86.10.00":
            employees = max(employees, 400)
        place = pick_postcode(rng)
        companies.append(Company(synthetic_cvr(rng, taken_cvr), company_name(rng), profile.code, code,
                                 industry, employees, street_address(rng), place.code, place.city))
    return companies


def company_picker(companies: list[Company]) -> tuple[list[str], list[float]]:
    """CVR numbers and cumulative weights for drawing the workplace of an offer."""
    cvrs = [c.cvr for c in companies]
    return cvrs, list(accumulate(c.employees ** 0.7 for c in companies))


def build_contacts(rng: random.Random, profile: MunicipalityProfile, companies: list[Company],
                   consultants: list[int], window: tuple[int, int], contact_id0: int) -> list[CompanyContact]:
    """Visits and calls by the company consultants over the window (first, last day as ordinals)."""
    first, last = window
    contacts: list[CompanyContact] = []
    cid = contact_id0
    for company in companies:
        cooperates = min(0.9, 0.2 + 0.12 * math.log(company.employees + 1))
        if rng.random() >= cooperates:
            continue
        count = 1 + int(rng.expovariate(1.0 / (profile.contact_rate * 3 * (1 + math.log10(company.employees)))))
        consultant = rng.choice(consultants)
        for _ in range(count):
            day = rng.randint(first, last)
            schemes = sorted(rng.sample(SCHEMES, rng.choice((0, 1, 1, 1, 2, 2, 3))))
            followup = date.fromordinal(day + rng.randint(14, 90)) if rng.random() < 0.4 else None
            cid += 1
            contacts.append(CompanyContact(cid, company.cvr, date.fromordinal(day), rng.choice(KINDS),
                                           rng.choice(PURPOSES), schemes, rng.choice(RESULTS), followup,
                                           consultant if rng.random() < 0.85 else rng.choice(consultants)))
    return contacts
