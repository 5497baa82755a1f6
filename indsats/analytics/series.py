"""Turn the weekly aggregates of ``definitions.py`` into the KPI objects of contracts/kpis.md.

The engine returns at most a few hundred rows (one per week); here they are laid on a
dense week axis and the rolling 52-week sums are taken with NumPy, the same for every
backend. Rounding: shares 4 decimals, full-time equivalents 2 decimals (Python ``round``),
``None`` when a share's denominator is 0.
"""

from __future__ import annotations

from typing import Any

import ibis
import numpy as np
import pandas as pd
from ibis.backends import BaseBackend
from ibis.expr.types import Table

from . import weeks
from .definitions import BENEFITS, YEAR_WEEKS, person_events, weekly_counts

KPI_KEYS = (
    "public_support_persons", "public_support_fte", "gross_unemployed", "long_term_unemployed",
    "youth_on_public_support", "disability_pension_inflow", "new_flexjobs", "activation_rate",
    "company_activation_share", "by_benefit",
)


def calendar_frame(first_idx: int, last_idx: int) -> pd.DataFrame:
    """Calendar rows (week, idx, m_year, m_md) for the week indexes first..last."""
    rows = []
    for idx in range(first_idx, last_idx + 1):
        monday = weeks.monday_of_index(idx)
        rows.append((weeks.from_index(idx), idx, monday.year, monday.month * 100 + monday.day))
    return pd.DataFrame(rows, columns=["week", "idx", "m_year", "m_md"]).astype(
        {"idx": "int64", "m_year": "int64", "m_md": "int64"}
    )


def _share(num: float, den: float) -> float | None:
    return None if den == 0 else round(float(num) / float(den), 4)


def _fte(total: float) -> float:
    return round(float(total) / YEAR_WEEKS, 2)


def compute_series(
    backend: BaseBackend,
    panel: Table,
    persons: Table | None,
    data_first: str | None,
    data_last: str | None,
    first: str,
    last: str,
) -> list[dict[str, Any]]:
    """KPI objects for every week from ``first`` to ``last`` on an Ibis backend."""
    f_idx, l_idx = weeks.index(first), weeks.index(last)
    if l_idx < f_idx:
        raise ValueError(f"{last} lies before {first}")
    lo = f_idx - (YEAR_WEEKS - 1)
    hi = l_idx
    if data_first is not None and data_last is not None:  # the data's first and last week come together
        lo = min(lo, weeks.index(data_first))
        hi = max(hi, weeks.index(data_last))
    calendar = ibis.memtable(calendar_frame(lo, hi))
    counts = backend.execute(weekly_counts(panel, calendar, persons))
    events = backend.execute(person_events(panel, calendar))

    size = hi - lo + 1
    axis = pd.RangeIndex(lo, hi + 1)
    dense = counts.set_index("idx").reindex(axis, fill_value=0).astype("int64")

    def rolling(col: str) -> np.ndarray:
        cum = np.concatenate([[0], np.cumsum(dense[col].to_numpy())])
        pos = np.arange(size)
        sums: np.ndarray = cum[pos + 1] - cum[np.maximum(pos + 1 - YEAR_WEEKS, 0)]
        return sums

    def running(metric: str) -> np.ndarray:
        ev = events[events.metric == metric]
        delta = np.zeros(size + YEAR_WEEKS + 1, dtype="int64")
        for idx, n in zip(ev.idx.to_numpy(), ev.n.to_numpy(), strict=True):
            if idx - lo < len(delta):
                delta[idx - lo] += n
        return np.cumsum(delta)[:size]

    ltu = np.zeros(size, dtype="int64")
    for idx, n in zip(events[events.metric == "ltu"].idx, events[events.metric == "ltu"].n, strict=True):
        ltu[idx - lo] += n
    roll = {c: rolling(c) for c in ["persons", "main_weeks", "main_offer_weeks", "offer_weeks",
                                     "company_offer_weeks"] + [f"{k}_{b}" for b in BENEFITS for k in "bo"]}
    dp, flex = running("dp"), running("flex")
    youth = dense["youth"].to_numpy() if persons is not None else None

    out = []
    for idx in range(f_idx, l_idx + 1):
        i = idx - lo
        out.append({
            "week": weeks.from_index(idx),
            "public_support_persons": int(dense["persons"].iat[i]),
            "public_support_fte": _fte(roll["persons"][i]),
            "gross_unemployed": int(dense["gross"].iat[i]),
            "long_term_unemployed": int(ltu[i]),
            "youth_on_public_support": int(youth[i]) if youth is not None else None,
            "disability_pension_inflow": int(dp[i]),
            "new_flexjobs": int(flex[i]),
            "activation_rate": _share(roll["main_offer_weeks"][i], roll["main_weeks"][i]),
            "company_activation_share": _share(roll["company_offer_weeks"][i], roll["offer_weeks"][i]),
            # the benefits someone received within the year (a benefit nobody had is left out); activation
            # over the year: weeks on the benefit with an offer ÷ weeks on it (the result review's target groups)
            "by_benefit": {
                b: {"persons": int(dense[f"b_{b}"].iat[i]), "fte": _fte(roll[f"b_{b}"][i]),
                    "activation_rate": _share(roll[f"o_{b}"][i], roll[f"b_{b}"][i])}
                for b in BENEFITS if roll[f"b_{b}"][i] > 0
            },
        })
    return out
