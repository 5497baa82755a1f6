"""An independent, deliberately straightforward reading of contracts/kpis.md, week by week.

Used by the tests to check the Ibis definitions, and as the 'pandas loop' baseline idea.
It shares no code with indsats.analytics.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd

BENEFITS = ["unemployment_benefit", "cash_benefit", "education_benefit", "sickness_benefit",
            "job_clarification", "resource_programme", "flexjob_waiting_benefit", "rehabilitation",
            "integration_benefit", "flexjob", "disability_pension", "early_retirement", "leave"]
COMPANY = {"company_internship", "wage_subsidy", "adult_apprentice", "job_rotation"}


def monday(week: str) -> date:
    return date.fromisocalendar(int(week[:4]), int(week[6:8]), 1)


def week_str(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_gross(row) -> bool:
    if row["benefit"] == "unemployment_benefit":
        return True
    if row["benefit"] == "cash_benefit":
        return row["readiness"] == "job_ready"
    if row["benefit"] == "education_benefit":
        return row["readiness"] in ("education_ready", "obviously_education_ready")
    return False


def kpis(panel: pd.DataFrame, persons: pd.DataFrame | None, week: str) -> dict:
    df = panel.fillna("").copy()
    df["monday"] = df["week"].map(monday)
    w_mon = monday(week)
    start = w_mon - timedelta(weeks=51)
    cur = df[df["monday"] == w_mon]
    year = df[(df["monday"] >= start) & (df["monday"] <= w_mon)]
    gross_year = year[year.apply(is_gross, axis=1)] if len(year) else year
    gross_now = set(cur[cur.apply(is_gross, axis=1)]["person_id"]) if len(cur) else set()
    ltu = sum(1 for p in gross_now if (gross_year["person_id"] == p).sum() >= 42)
    youth = None
    if persons is not None:
        births = {r.person_id: date.fromisoformat(r.birth_date) for r in persons.itertuples()}
        youth = sum(1 for p in cur["person_id"] if p in births and age(births[p], w_mon) < 30)
    dp_first = df[df["benefit"] == "disability_pension"].groupby("person_id")["monday"].min()
    dp = int(((dp_first >= start) & (dp_first <= w_mon)).sum())
    flex_people = set()
    for pid, grp in df[df["benefit"] == "flexjob"].groupby("person_id"):
        mondays = set(grp["monday"])
        for m in mondays:
            if (m - timedelta(weeks=1)) not in mondays and start <= m <= w_mon:
                flex_people.add(pid)
    main = year[year["benefit"].isin(["unemployment_benefit", "cash_benefit", "education_benefit"])]
    offers = year[year["offer"] != ""]

    def share(a, b):
        return None if b == 0 else round(a / b, 4)

    return {
        "week": week,
        "public_support_persons": len(cur),
        "public_support_fte": round(len(year) / 52, 2),
        "gross_unemployed": len(gross_now),
        "long_term_unemployed": ltu,
        "youth_on_public_support": youth,
        "disability_pension_inflow": dp,
        "new_flexjobs": len(flex_people),
        "activation_rate": share(int((main["offer"] != "").sum()), len(main)),
        "company_activation_share": share(int(offers["offer"].isin(COMPANY).sum()), len(offers)),
        "by_benefit": {
            b: {"persons": int((cur["benefit"] == b).sum()), "fte": round(int((year["benefit"] == b).sum()) / 52, 2),
                "activation_rate": share(int((year[year["benefit"] == b]["offer"] != "").sum()),
                                         int((year["benefit"] == b).sum()))}
            for b in sorted(set(year["benefit"]))
        },
    }


STATES = [
    ("unemployment_benefit", ""), ("cash_benefit", "job_ready"), ("cash_benefit", "activity_ready"),
    ("education_benefit", "education_ready"), ("education_benefit", "obviously_education_ready"),
    ("education_benefit", "activity_ready"), ("sickness_benefit", ""), ("flexjob", ""),
    ("disability_pension", ""), ("flexjob_waiting_benefit", ""), ("leave", ""),
]
OFFERS = ["", "", "", "company_internship", "wage_subsidy", "mentor", "guidance_and_upskilling", "utility_work"]


def random_panel(seed: int, persons: int, first: str, weeks: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Persistent random spells, so long-term unemployment and flex job restarts occur."""
    rng = random.Random(seed)
    start = monday(first)
    rows, people = [], []
    for n in range(persons):
        pid = f"p{n:04d}"
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 45))
        if rng.random() < 0.05:
            birth = date(1996, 2, 29)
        people.append((pid, birth.isoformat()))
        state = rng.choice(STATES + [None] * 3)
        offer = ""
        for k in range(weeks):
            if rng.random() < 0.06:
                state = rng.choice(STATES + [None] * 3)
            if rng.random() < 0.15:
                offer = rng.choice(OFFERS)
            if state is None:
                continue
            rows.append((pid, week_str(start + timedelta(weeks=k)), state[0], state[1],
                         offer if state[0] not in ("disability_pension", "flexjob") else ""))
    panel = pd.DataFrame(rows, columns=["person_id", "week", "benefit", "readiness", "offer"])
    return panel, pd.DataFrame(people, columns=["person_id", "birth_date"])
