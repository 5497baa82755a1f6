"""Active offers (aktive tilbud) that follow the seeds' strategies: company-oriented first.

The first offer for the unemployed groups comes around six months into the period
(ret og pligt, LAB § 102) — on time in the calibrated share of cases, late in the
rest; education-benefit recipients and refugees get offers early and nearly
continuously (LAB § 105, the integration programme); the groups further from the
labour market get mentor support, courses and internships now and then.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from indsats.domain.enums import COMPANY_ORIENTED_OFFERS, OfferType

from .careers import SpellDraft

T = OfferType


@dataclass(frozen=True, slots=True)
class OfferPolicy:
    first: tuple[int, int]  # first offer's start, days after the spell start (on time)
    late: tuple[int, int]  # ... when the jobcenter is late
    gap: tuple[int, int]  # days between one offer's end and the next one's start
    palette: tuple[tuple[OfferType, float], ...]  # prioritised offer palette (weights)


COMPANY_FIRST = ((T.COMPANY_INTERNSHIP, 0.40), (T.WAGE_SUBSIDY, 0.22), (T.GUIDANCE_AND_UPSKILLING, 0.22),
                 (T.UTILITY_WORK, 0.07), (T.MENTOR, 0.04), (T.JOB_ROTATION, 0.03), (T.ADULT_APPRENTICE, 0.02))
POLICIES: dict[str, OfferPolicy] = {
    "ub": OfferPolicy((100, 182), (183, 240), (90, 240), COMPANY_FIRST),
    "cash_jr": OfferPolicy((60, 182), (183, 240), (60, 180),
                           ((T.COMPANY_INTERNSHIP, 0.38), (T.UTILITY_WORK, 0.25), (T.WAGE_SUBSIDY, 0.15),
                            (T.GUIDANCE_AND_UPSKILLING, 0.15), (T.SMALL_JOB, 0.07))),
    "cash_ar": OfferPolicy((90, 182), (183, 270), (60, 200),
                           ((T.MENTOR, 0.30), (T.COMPANY_INTERNSHIP, 0.35), (T.GUIDANCE_AND_UPSKILLING, 0.30),
                            (T.SMALL_JOB, 0.05))),
    "edu_er": OfferPolicy((7, 30), (31, 60), (7, 35),
                          ((T.GUIDANCE_AND_UPSKILLING, 0.45), (T.COMPANY_INTERNSHIP, 0.35),
                           (T.UTILITY_WORK, 0.10), (T.MENTOR, 0.10))),
    "edu_oer": OfferPolicy((7, 30), (31, 60), (7, 35),
                           ((T.UTILITY_WORK, 0.45), (T.COMPANY_INTERNSHIP, 0.35),
                            (T.GUIDANCE_AND_UPSKILLING, 0.20))),
    "edu_ar": OfferPolicy((14, 45), (46, 90), (14, 60),
                          ((T.MENTOR, 0.35), (T.GUIDANCE_AND_UPSKILLING, 0.40), (T.COMPANY_INTERNSHIP, 0.25))),
    "integ": OfferPolicy((5, 30), (31, 60), (7, 45),
                         ((T.COMPANY_INTERNSHIP, 0.55), (T.GUIDANCE_AND_UPSKILLING, 0.20),
                          (T.INTEGRATION_BASIC_EDUCATION, 0.12), (T.MENTOR, 0.08), (T.WAGE_SUBSIDY, 0.05))),
    "jc": OfferPolicy((60, 150), (151, 240), (90, 240),
                      ((T.COMPANY_INTERNSHIP, 0.5), (T.MENTOR, 0.3), (T.GUIDANCE_AND_UPSKILLING, 0.2))),
    "rp": OfferPolicy((30, 120), (121, 200), (45, 180),
                      ((T.MENTOR, 0.45), (T.COMPANY_INTERNSHIP, 0.35), (T.GUIDANCE_AND_UPSKILLING, 0.20))),
    "fwb": OfferPolicy((30, 120), (121, 200), (45, 150),
                       ((T.COMPANY_INTERNSHIP, 0.7), (T.MENTOR, 0.2), (T.GUIDANCE_AND_UPSKILLING, 0.1))),
    "rehab": OfferPolicy((7, 30), (31, 60), (14, 60), ((T.GUIDANCE_AND_UPSKILLING, 0.8), (T.WAGE_SUBSIDY, 0.2))),
}
_CUM = {name: (tuple(o for o, _ in p.palette), list(accumulate(w for _, w in p.palette)))
        for name, p in POLICIES.items()}
#: mentor support (LAB § 78) and small jobs (ordinary work) are not active offers: the first offer of
#: the groups with ret og pligt (LAB § 102) is drawn from the rest of the palette
NOT_AN_OFFER = frozenset({T.MENTOR, T.SMALL_JOB})
RIGHT_AND_DUTY = frozenset({"ub", "cash_jr", "cash_ar"})
_FIRST_CUM = {name: (tuple(o for o, _ in p.palette if o not in NOT_AN_OFFER),
                     list(accumulate(w for o, w in p.palette if o not in NOT_AN_OFFER)))
              for name, p in POLICIES.items() if name in RIGHT_AND_DUTY}

DURATION = {  # days (min, max)
    T.COMPANY_INTERNSHIP: (28, 91), T.WAGE_SUBSIDY: (120, 182), T.UTILITY_WORK: (28, 91),
    T.GUIDANCE_AND_UPSKILLING: (14, 56), T.MENTOR: (90, 182), T.JOB_ROTATION: (90, 182),
    T.ADULT_APPRENTICE: (365, 730), T.SMALL_JOB: (60, 180), T.INTEGRATION_BASIC_EDUCATION: (365, 730),
}
FULL_TIME = {T.WAGE_SUBSIDY, T.JOB_ROTATION, T.ADULT_APPRENTICE, T.INTEGRATION_BASIC_EDUCATION}

#: (offer type, start, end exclusive, hours per week, company CVR or None, given on)
OfferDraft = tuple[OfferType, int, int, float, str | None, int]


def hours_for(rng: random.Random, offer: OfferType) -> float:
    if offer in FULL_TIME:
        return 37.0
    if offer == T.MENTOR:
        return float(rng.choice((2, 3, 4, 5)))
    if offer == T.SMALL_JOB:
        return float(rng.choice((4, 6, 8, 10)))
    return float(rng.choice((15, 20, 25, 30, 37)))


def spell_offers(rng: random.Random, spell: SpellDraft, as_of: int, timeliness: float,
                 company: Callable[[random.Random], str]) -> list[OfferDraft]:
    """The offers of one spell; none for tracks outside the contact process."""
    policy = POLICIES.get(spell.track.name)
    if policy is None:
        return []
    kinds, cum = _CUM[spell.track.name]
    stop = spell.end if spell.end is not None else as_of + 1
    offers: list[OfferDraft] = []
    low, high = policy.first if rng.random() < timeliness else policy.late
    start = spell.start + rng.randint(low, high)
    first_kinds, first_cum = _FIRST_CUM.get(spell.track.name, (kinds, cum))
    while start < stop and start <= as_of + 14:
        if offers:
            offer = rng.choices(kinds, cum_weights=cum)[0]
        else:
            offer = rng.choices(first_kinds, cum_weights=first_cum)[0]
        low, high = DURATION[offer]
        end = start + rng.randint(low, high)
        if spell.end is not None:
            end = min(end, spell.end)
        if end <= start:
            break
        cvr = company(rng) if offer in COMPANY_ORIENTED_OFFERS else None
        given = start - rng.randint(3, 21)
        offers.append((offer, start, end, hours_for(rng, offer), cvr, given))
        low, high = policy.gap
        start = end + rng.randint(low, high)
    return offers
