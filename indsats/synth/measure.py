"""Calibration figures of a generated municipality, by the definitions of contracts/kpis.md.

Measured on the weekly panel (``panel.py``) at a reference week: by default the last
complete ISO week before the as-of date. This is the yardstick for calibrating the
generator against seed 001; the KPI engine of ``indsats.analytics`` applies the same
definitions to any panel.
"""

from __future__ import annotations

from datetime import date

from .generator import SyntheticMunicipality
from .panel import iso_week, monday, person_weeks

GROSS = {("unemployment_benefit", ""), ("cash_benefit", "job_ready"), ("education_benefit", "education_ready"),
         ("education_benefit", "obviously_education_ready")}
ACTIVATION_BENEFITS = {"unemployment_benefit", "cash_benefit", "education_benefit"}
COMPANY_OFFERS = {"company_internship", "wage_subsidy", "adult_apprentice", "job_rotation"}

#: seed 001 (Frederikssund, Beskæftigelsesplan 2014): the figures the default is calibrated to
FREDERIKSSUND_TARGETS = {
    "gross_unemployed": 1170,
    "long_term_unemployed": 348,
    "youth_on_public_support": 678,
    "disability_pension_inflow": 41,
}


def _gross(entry: tuple[str, str, str] | None) -> bool:
    if entry is None:
        return False
    benefit, readiness, _ = entry
    return (benefit, readiness) in GROSS


def _age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def reference_week(m: SyntheticMunicipality) -> int:
    """Monday (ordinal) of the last complete ISO week before the as-of date."""
    return monday(m.as_of.toordinal()) - 7


def measure(m: SyntheticMunicipality, week: int | None = None) -> dict:
    """The calibration KPIs at ``week`` (a Monday ordinal) and over its 52-week year."""
    w = week if week is not None else reference_week(m)
    year = [w - 7 * k for k in range(52)]
    first_year_week = year[-1]
    weeks = person_weeks(m)
    births = {c.id: c.birth_date for c in m.citizens}
    w_day = date.fromordinal(w)
    out = {"week": iso_week(w), "public_support_persons": 0, "gross_unemployed": 0, "long_term_unemployed": 0,
           "youth_on_public_support": 0, "disability_pension_inflow": 0, "new_flexjobs": 0}
    by_benefit: dict[str, int] = {}
    activation = [0, 0]
    company = [0, 0]
    for cid, mine in weeks.items():
        now = mine.get(w)
        if now is not None:
            out["public_support_persons"] += 1
            by_benefit[now[0]] = by_benefit.get(now[0], 0) + 1
            if _age(births[cid], w_day) < 30:
                out["youth_on_public_support"] += 1
            if _gross(now):
                out["gross_unemployed"] += 1
                if sum(1 for k in year if _gross(mine.get(k))) >= 42:
                    out["long_term_unemployed"] += 1
        dp_weeks = [k for k, e in mine.items() if e[0] == "disability_pension"]
        if dp_weeks and first_year_week <= min(dp_weeks) <= w:
            out["disability_pension_inflow"] += 1
        if any(mine.get(k, ("",))[0] == "flexjob" and mine.get(k - 7, ("",))[0] != "flexjob" for k in year):
            out["new_flexjobs"] += 1
        for k in year:
            entry = mine.get(k)
            if entry is None:
                continue
            if entry[0] in ACTIVATION_BENEFITS:
                activation[1] += 1
                activation[0] += bool(entry[2])
            if entry[2]:
                company[1] += 1
                company[0] += entry[2] in COMPANY_OFFERS
    out["activation_rate"] = round(activation[0] / activation[1], 4) if activation[1] else None
    out["company_activation_share"] = round(company[0] / company[1], 4) if company[1] else None
    out["by_benefit"] = dict(sorted(by_benefit.items()))
    return out
