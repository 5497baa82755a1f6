"""The staircase for the pages: expenditure by calendar month and each person's week number
now, from a panel already in memory (the store's export, an Arrow table).

A week belongs to the month of its Thursday (the ISO rule that also decides its year), so the
twelve months add up to the ISO year's ``expenditure``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import duckdb
import ibis
import pandas as pd
import pyarrow as pa
from ibis.expr.types import Table

from ..analytics import weeks
from .expenditure import expenditure, week_rates, year_bounds
from .rates import Rate
from .run import COUNT_COLUMNS, with_week_index
from .staircase import load_rules, rule_at
from .staircase_engine import period_steps, staircase_counts


def _panel(table: pa.Table) -> tuple[duckdb.DuckDBPyConnection, Table]:
    con = duckdb.connect()
    con.register("panel_arrow", table.select(["person_id", "week", "benefit"]))
    con.execute("CREATE TABLE panel AS SELECT person_id, CAST(week AS VARCHAR) AS week, "
                "CAST(benefit AS VARCHAR) AS benefit FROM panel_arrow")
    backend = ibis.duckdb.from_connection(con)
    return con, with_week_index(backend.table("panel"))


def _inputs(panel: Table, rates: list[Rate], first_idx: int, last_idx: int) -> Table | None:
    lo = panel.aggregate(lo=panel.idx.min()).execute()["lo"].iat[0]
    if lo is None or pd.isna(lo) or int(lo) > last_idx or not rates:
        return None
    table = week_rates(rates, int(lo), last_idx, load_rules())
    return None if table.empty else ibis.memtable(table)


def month_of_index(idx: int) -> int:
    return (weeks.monday_of_index(idx) + timedelta(days=3)).month


def monthly_expenditure(table: pa.Table, rates: list[Rate], year: int) -> dict[int, dict[str, Any]]:
    """{month: contract object restricted to the weeks of that month} for ISO year ``year``."""
    first_idx, last_idx = year_bounds(year)
    con, panel = _panel(table)
    try:
        wr = _inputs(panel, rates, first_idx, last_idx)
        if wr is None:
            counts = pd.DataFrame(columns=COUNT_COLUMNS + ["idx"])
        else:
            rule = rule_at(weeks.monday_of_index(first_idx))
            counts = staircase_counts(panel, wr, first_idx, last_idx, rule, by_week=True).execute()
    finally:
        con.close()
    counts["month"] = [month_of_index(int(i)) for i in counts["idx"]] if len(counts) else []
    return {m: expenditure(counts[counts["month"] == m], rates, year) for m in range(1, 13)}


def steps_in_week(table: pa.Table, rates: list[Rate], week: str) -> pd.DataFrame:
    """Persons with a counted week in ``week`` and its number in their period:
    columns ``person_id, benefit, step``."""
    idx = weeks.index(week)
    con, panel = _panel(table)
    try:
        wr = _inputs(panel, rates, idx, idx)
        if wr is None:
            return pd.DataFrame({"person_id": [], "benefit": [], "step": []})
        rule = rule_at(weeks.monday_of_index(idx))
        rows = period_steps(panel, wr, idx, idx, rule).select("person_id", "benefit", "step").execute()
    finally:
        con.close()
    return rows.sort_values("person_id").reset_index(drop=True)


def weekly_gross(table: pa.Table, rates: list[Rate], first_idx: int, last_idx: int) -> pd.DataFrame:
    """Gross expenditure (sum of the weeks' rates) per week index and benefit:
    columns ``idx, benefit, gross`` (float kroner). Needs no staircase."""
    con, panel = _panel(table)
    try:
        lo = panel.aggregate(lo=panel.idx.min()).execute()["lo"].iat[0]
        if lo is None or pd.isna(lo) or not rates:
            return pd.DataFrame({"idx": [], "benefit": [], "gross": []})
        wr = ibis.memtable(week_rates(rates, max(int(lo), first_idx), last_idx, load_rules()))
        p = panel.filter((panel.idx >= first_idx) & (panel.idx <= last_idx))
        j = p.join(wr, [p.benefit == wr.benefit, p.idx == wr.idx])
        counts = j.group_by([p.idx, p.benefit, wr.rate_id]).aggregate(n=j.count()).execute()
    finally:
        con.close()
    counts["gross"] = [float(rates[int(r)].weekly_rate) * int(n) for r, n in zip(counts["rate_id"], counts["n"],
                                                                              strict=True)]
    return counts.groupby(["idx", "benefit"], as_index=False)["gross"].sum()
