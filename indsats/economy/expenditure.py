"""Expenditure, state reimbursement and co-financing for an ISO year (contracts/economy.md).

``week_rates`` lays the rates and the staircase rules out per benefit and ISO week (a small
table the engine joins); ``expenditure`` turns the engine's counts into the contract's object
with exact decimal arithmetic, rounding kroner to 2 decimals (half up) at the end.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ..analytics import weeks
from .rates import Rate
from .staircase import STEP_KEYS, StaircaseRule, load_rules, rule_at

CENT = Decimal("0.01")
MONEY_KEYS = ("gross", "refusion", "cofinancing", "municipal_net")


def year_bounds(year: int) -> tuple[int, int]:
    """First and last week index of ISO year ``year``."""
    return weeks.index(f"{year:04d}-W01"), weeks.index(f"{year:04d}-W{weeks.weeks_in_year(year):02d}")


def week_rates(rates: list[Rate], first_idx: int, last_idx: int,
               rules: tuple[StaircaseRule, ...]) -> pd.DataFrame:
    """Rows (benefit, idx, rate_id, version) for every week in ``first_idx..last_idx`` where
    the benefit has a rate in force on the week's Monday; ``rate_id`` indexes ``rates``."""
    by_benefit: dict[str, list[tuple[int, Rate]]] = defaultdict(list)
    for i, rate in enumerate(rates):
        by_benefit[rate.benefit].append((i, rate))
    out: dict[str, list[str | int]] = {"benefit": [], "idx": [], "rate_id": [], "version": []}
    for idx in range(first_idx, last_idx + 1):
        monday = weeks.monday_of_index(idx)
        version = rules.index(rule_at(monday, rules))
        for benefit, rows in by_benefit.items():
            found = None
            for i, rate in rows:  # sorted by valid_from
                if rate.valid_from <= monday:
                    found = i
            if found is not None:
                out["benefit"].append(benefit)
                out["idx"].append(idx)
                out["rate_id"].append(found)
                out["version"].append(version)
    return pd.DataFrame({
        "benefit": pd.Series(out["benefit"], dtype="string"),
        "idx": pd.Series(out["idx"], dtype="int64"),
        "rate_id": pd.Series(out["rate_id"], dtype="int64"),
        "version": pd.Series(out["version"], dtype="int64"),
    })


def _empty_totals() -> dict[str, Any]:
    return {"person_weeks": 0, "weeks_by_step": dict.fromkeys(STEP_KEYS, 0),
            "gross": Decimal(0), "refusion": Decimal(0), "cofinancing": Decimal(0), "refusion_gross": Decimal(0)}


def _finish(acc: dict[str, Any]) -> dict[str, Any]:
    net = acc["refusion_gross"] - acc["refusion"] + acc["cofinancing"]
    money = {"gross": acc["gross"], "refusion": acc["refusion"], "cofinancing": acc["cofinancing"],
             "municipal_net": net}
    return {"person_weeks": acc["person_weeks"], "weeks_by_step": acc["weeks_by_step"],
            **{k: float(v.quantize(CENT, ROUND_HALF_UP)) for k, v in money.items()}}


def expenditure(counts: pd.DataFrame, rates: list[Rate], year: int,
                rules: tuple[StaircaseRule, ...] | None = None) -> dict[str, Any]:
    """The contract object from counts (benefit, rate_id, version, step, n).

    ``by_benefit`` holds each benefit with at least one counted person-week in the year."""
    rules = rules or load_rules()
    per: dict[str, dict[str, Any]] = {}
    total = _empty_totals()
    for row in counts.itertuples(index=False):
        n = int(row.n)
        if n == 0:
            continue
        rate = rates[int(row.rate_id)]
        step = rules[int(row.version)].step_of(int(row.step))
        gross = rate.weekly_rate * n
        for acc in (per.setdefault(row.benefit, _empty_totals()), total):
            acc["person_weeks"] += n
            acc["weeks_by_step"][step.key] += n
            acc["gross"] += gross
            if rate.scheme == "refusion":
                acc["refusion_gross"] += gross
                acc["refusion"] += gross * step.refusion
            else:
                acc["cofinancing"] += gross * step.cofinancing
    return {"year": year, "by_benefit": {b: _finish(per[b]) for b in sorted(per)}, "total": _finish(total)}
