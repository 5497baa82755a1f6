"""Benefit tracks: how long a spell on each target group lasts and where it leads.

A *track* is one target group (målgruppe) as the generator sees it: a benefit with a
readiness, the ages it serves, a lognormal spell length, and what happens when the
spell ends — a job (with a chance of coming back later), leaving public support, or
a benefit change (ydelsesskift) to another track on the same day. The numbers are
calibration parameters (see docs/SYNTH.md), not law.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indsats.domain.enums import Benefit, Readiness

JOB = "job"  # the spell ends in ordinary work
LEAVES = "leaves"  # the spell ends without a job or a new benefit (education, moving away, ...)


@dataclass(frozen=True, slots=True)
class Track:
    name: str
    benefit: Benefit
    readiness: Readiness | None
    min_age: int
    max_age: int
    median_days: float
    sigma: float  # lognormal spread of the spell length
    max_days: int | None = None  # e.g. the two-year dagpenge period
    # (probability, next track or JOB or LEAVES) at the spell's end; probabilities sum to 1
    exits: tuple[tuple[float, str], ...] = ((1.0, JOB),)
    return_probability: float = 0.0  # after a job: chance of a new spell on the same track
    return_gap_days: float = 365.0  # mean time in work before returning
    permanent_until_age: int | None = None  # stock tracks (pension, flex job) end at this age
    contact: bool = True  # target group of the contact process (conversations, offers)


UB = Benefit.UNEMPLOYMENT_BENEFIT
CASH = Benefit.CASH_BENEFIT
EDU = Benefit.EDUCATION_BENEFIT

TRACKS: dict[str, Track] = {
    t.name: t
    for t in [
        Track("ub", UB, None, 20, 63, 105, 0.93, max_days=730,
              exits=((0.80, JOB), (0.08, LEAVES), (0.12, "cash_jr")),
              return_probability=0.40, return_gap_days=420),
        Track("cash_jr", CASH, Readiness.JOB_READY, 30, 64, 150, 1.15,
              exits=((0.60, JOB), (0.20, LEAVES), (0.20, "cash_ar")),
              return_probability=0.35, return_gap_days=300),
        Track("cash_ar", CASH, Readiness.ACTIVITY_READY, 30, 64, 700, 0.9,
              exits=((0.33, JOB), (0.28, LEAVES), (0.20, "rp"), (0.11, "fwb"), (0.08, "dp"))),
        Track("edu_er", EDU, Readiness.EDUCATION_READY, 18, 29, 150, 1.0,
              exits=((0.45, LEAVES), (0.45, JOB), (0.10, "edu_ar")),
              return_probability=0.25, return_gap_days=300),
        Track("edu_oer", EDU, Readiness.OBVIOUSLY_EDUCATION_READY, 18, 29, 80, 0.8,
              exits=((0.70, LEAVES), (0.30, JOB))),
        Track("edu_ar", EDU, Readiness.ACTIVITY_READY, 18, 29, 450, 0.9,
              exits=((0.40, LEAVES), (0.25, JOB), (0.20, "rp"), (0.15, "edu_er"))),
        Track("sick", Benefit.SICKNESS_BENEFIT, None, 20, 66, 55, 1.1,
              exits=((0.87, JOB), (0.07, LEAVES), (0.06, "jc")),
              return_probability=0.25, return_gap_days=500),
        Track("jc", Benefit.JOB_CLARIFICATION, None, 25, 66, 300, 0.7,
              exits=((0.37, JOB), (0.20, LEAVES), (0.20, "rp"), (0.15, "fwb"), (0.08, "dp"))),
        Track("rp", Benefit.RESOURCE_PROGRAMME, None, 20, 64, 650, 0.5,
              exits=((0.25, JOB), (0.20, LEAVES), (0.30, "fwb"), (0.25, "dp"))),
        Track("fwb", Benefit.FLEXJOB_WAITING_BENEFIT, None, 25, 66, 300, 0.8,
              exits=((0.84, "flexjob"), (0.10, LEAVES), (0.06, "dp"))),
        Track("rehab", Benefit.REHABILITATION, None, 20, 60, 500, 0.4,
              exits=((0.80, JOB), (0.20, LEAVES))),
        Track("integ", Benefit.INTEGRATION_BENEFIT, None, 18, 55, 700, 0.7,
              exits=((0.60, JOB), (0.20, LEAVES), (0.20, "cash_jr"))),
        Track("flexjob", Benefit.FLEXJOB, None, 25, 66, 0, 0, permanent_until_age=67,
              contact=False),
        Track("dp", Benefit.DISABILITY_PENSION, None, 20, 66, 0, 0, permanent_until_age=67,
              contact=False),
    ]
}


@dataclass(frozen=True, slots=True)
class EntryMix:
    """Where a generated citizen's history begins: shares of entry tracks.

    ``stock`` tracks (pension, flex job) hold people who were already on them long
    before the window; ``flow`` tracks start at a uniformly drawn day.
    """

    flow: dict[str, float] = field(default_factory=dict)
    stock: dict[str, float] = field(default_factory=dict)

    def total(self) -> float:
        return sum(self.flow.values()) + sum(self.stock.values())
