"""The straightforward pandas baseline of bench_kpi.py: one pass over the year per week."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

COMPANY = ["company_internship", "wage_subsidy", "adult_apprentice", "job_rotation"]
MAIN = ["unemployment_benefit", "cash_benefit", "education_benefit"]


def idx(week: str) -> int:
    return (date.fromisocalendar(int(week[:4]), int(week[6:8]), 1).toordinal() - 1) // 7


def pandas_loop(path: str, first: str, last: str) -> list[dict]:
    df = pd.read_parquet(path)
    df["idx"] = df["week"].map({w: idx(w) for w in df["week"].unique()})
    df["gross"] = (df.benefit == "unemployment_benefit") | ((df.benefit == "cash_benefit") & (df.readiness == "job_ready")) | (
        (df.benefit == "education_benefit") & df.readiness.isin(["education_ready", "obviously_education_ready"]))
    dp_first = df[df.benefit == "disability_pension"].groupby("person_id")["idx"].min()
    fj = df[df.benefit == "flexjob"][["person_id", "idx"]].sort_values(["person_id", "idx"])
    prev = fj.groupby("person_id")["idx"].shift(1)
    starts = fj[(prev.isna()) | (prev != fj["idx"] - 1)]
    out = []
    for w in range(idx(first), idx(last) + 1):
        year = df[(df.idx > w - 52) & (df.idx <= w)]
        cur = year[year.idx == w]
        gross_year = year[year.gross].groupby("person_id").size()
        gross_now = cur[cur.gross].person_id
        main = year[year.benefit.isin(MAIN)]
        offers = year[year.offer.notna()]
        out.append({
            "public_support_persons": len(cur),
            "public_support_fte": round(len(year) / 52, 2),
            "gross_unemployed": len(gross_now),
            "long_term_unemployed": int((gross_year.reindex(gross_now).fillna(0) >= 42).sum()),
            "disability_pension_inflow": int(((dp_first > w - 52) & (dp_first <= w)).sum()),
            "new_flexjobs": starts[(starts.idx > w - 52) & (starts.idx <= w)].person_id.nunique(),
            "activation_rate": round(main.offer.notna().mean(), 4) if len(main) else None,
            "company_activation_share": round(offers.offer.isin(COMPANY).mean(), 4) if len(offers) else None,
            "by_benefit": {b: {"persons": int(n), "fte": round(m / 52, 2)} for b, n, m in zip(
                *np.unique(cur.benefit, return_counts=True), year.benefit.value_counts().reindex(
                    np.unique(cur.benefit)).fillna(0), strict=False)},
        })
    return out
