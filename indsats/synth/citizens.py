"""One chunk of citizens with their whole case: spells, conversations, offers, events, plan.

A chunk depends only on its own seed and the shared context (as-of date, staff,
companies), so chunks can be generated in any order or in parallel processes and
still give the same municipality. Record ids other than the citizen's are assigned
when chunks are merged (``generator.py``), in chunk order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from indsats.domain.enums import CaseEventType
from indsats.domain.models import BenefitSpell, CaseEvent, Citizen, CitizenPlan, Conversation, Offer

from .careers import YEAR, Career, draw_birth, simulate
from .contacts import FUND_NOTE, ContactPlan, plan_spell
from .identity import person_name, postcode_picker, street_address, synthetic_cpr
from .offers import spell_offers
from .plans import plan_text
from .profiles import MunicipalityProfile
from .tracks import TRACKS

BURN_IN_DAYS = int(4 * YEAR)  # flow careers may start this long before the window
STOCK_YEARS = 15  # stock tracks (pension, flex job) started up to this long before the window
FEMALE_SHARE = {"sick": 0.6, "cash_ar": 0.5, "integ": 0.45, "ub": 0.48}


@dataclass(slots=True)
class ChunkContext:
    profile: MunicipalityProfile
    as_of: int  # ordinal
    window_start: int  # ordinal: as_of three years back
    by_track: dict[str, list[int]]  # caseworker ids per track
    cvrs: list[str]
    cvr_cum: list[float]


@dataclass(slots=True)
class Chunk:
    citizens: list[Citizen] = field(default_factory=list)
    spells: list[BenefitSpell] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)
    plans: list[CitizenPlan] = field(default_factory=list)


def _career(rng: random.Random, ctx: ChunkContext, track_name: str) -> Career:
    track = TRACKS[track_name]
    if track.permanent_until_age is not None:
        while True:
            entry = rng.randint(ctx.window_start - int(STOCK_YEARS * YEAR), ctx.window_start - 1)
            birth = draw_birth(rng, track, entry)
            career = simulate(rng, track, entry, birth, ctx.as_of)
            if career.last_day() is None or career.last_day() > ctx.window_start:
                return career
    for _ in range(200):
        entry = rng.randint(ctx.window_start - BURN_IN_DAYS, ctx.as_of)
        birth = draw_birth(rng, track, entry)
        career = simulate(rng, track, entry, birth, ctx.as_of)
        last = career.last_day()
        if last is None or last > ctx.window_start:
            return career
    entry = rng.randint(ctx.window_start, ctx.as_of)  # a guaranteed overlap
    return simulate(rng, track, entry, draw_birth(rng, track, entry), ctx.as_of)


def generate_chunk(ctx: ChunkContext, seed: int, first_id: int, tracks: list[str]) -> Chunk:
    """Citizens ``first_id, first_id+1, ...``, one per entry track in ``tracks``."""
    rng = random.Random(seed)
    out = Chunk()
    pick_postcode = postcode_picker(ctx.profile.postcodes)
    taken: set[str] = set()
    as_of, code, timeliness = ctx.as_of, ctx.profile.code, ctx.profile.timeliness
    fromord = date.fromordinal

    def company(r: random.Random) -> str:
        return r.choices(ctx.cvrs, cum_weights=ctx.cvr_cum)[0]

    for offset, track_name in enumerate(tracks):
        cid = first_id + offset
        career = _career(rng, ctx, track_name)
        female = rng.random() < FEMALE_SHARE.get(track_name, 0.5)
        birth = fromord(career.birth)
        first, last = person_name(rng, female)
        place = pick_postcode(rng)
        citizen = Citizen(cid, synthetic_cpr(birth, female, rng, taken), first, last, birth, code,
                          street_address(rng), place.code, place.city, None, True)
        out.citizens.append(citizen)
        # the case (conversations, offers, plan) draws from its own stream, so that changing the
        # contact process never moves the next citizen's history (and the calibration)
        case = random.Random(rng.getrandbits(64))
        plan = ContactPlan(case, as_of, timeliness)
        workers: dict[str, int] = {}
        for spell in career.spells:
            name = spell.track.name
            out.spells.append(BenefitSpell(None, cid, spell.track.benefit, fromord(spell.start),
                                           fromord(spell.end) if spell.end is not None else None,
                                           spell.track.readiness, spell.category))
            team = ctx.by_track.get(name)
            if team and name not in workers:
                workers[name] = team[case.randrange(len(team))]
            before = len(plan.conversations)
            plan_spell(plan, spell)
            worker = workers.get(name)
            for day, kind, status, fund in plan.conversations[before:]:
                out.conversations.append(Conversation(None, cid, fromord(day), kind, status,
                                                      None if fund else worker, FUND_NOTE if fund else ""))
            for kind, start, end, hours, cvr, given in spell_offers(case, spell, as_of, timeliness, company):
                out.offers.append(Offer(None, cid, kind, fromord(start), fromord(end), hours, cvr, fromord(given)))
        for start, end in career.jobs:
            if start <= as_of:
                plan.event(start, CaseEventType.EMPLOYMENT_START)
            if end is not None:
                plan.event(end, CaseEventType.EMPLOYMENT_END)
        for day, kind, data in sorted(plan.events, key=lambda e: e[0]):
            out.events.append(CaseEvent(None, cid, fromord(day), kind, data))
        current = career.spells[-1] if career.spells and career.spells[-1].end is None else None
        if current is not None and current.track.contact:
            citizen.caseworker_id = workers.get(current.track.name)
            goal, activities = plan_text(case, current.track.name)
            out.plans.append(CitizenPlan(None, cid, goal, activities,
                                         fromord(max(current.start, as_of - case.randint(0, 120)))))
    return out

