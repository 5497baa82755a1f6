"""Run the staircase on a panel file (DuckDB) or on any Ibis backend holding the panel.

``economy_for_file`` is what the CLI calls: it validates the rates and the panel (the KPI
loader's checks, so the same file is refused the same way), then runs ``staircase_engine`` on
DuckDB. ``economy_on_backend`` runs the very same expressions on PostgreSQL or Spark.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
from ibis.expr.types import Table

from ..analytics import weeks
from ..analytics.dream import dream_to_panel, is_dream_layout
from ..analytics.panel import load_panel
from .expenditure import expenditure, week_rates, year_bounds
from .rates import Rate, load_rates
from .staircase import load_rules, rule_at

COUNT_COLUMNS = ["benefit", "rate_id", "version", "step", "n"]


def with_week_index(panel: Table) -> Table:
    """The panel with ``idx`` from its ``week`` strings (a loader may have computed it)."""
    if "idx" in panel.columns:
        return panel
    names = panel.select("week").distinct().execute()["week"].tolist()
    good = [w for w in names if isinstance(w, str) and weeks.is_week(w)]
    calendar = ibis.memtable(pd.DataFrame({"week": pd.Series(good, dtype="string"),
                                           "idx": pd.Series([weeks.index(w) for w in good], dtype="int64")}))
    return panel.join(calendar, "week")


def staircase_year_counts(panel: Table, rates: list[Rate], year: int) -> pd.DataFrame:
    """The engine's counts for ISO year ``year`` as a DataFrame (empty when nothing counts)."""
    from .staircase_engine import staircase_counts

    rules = load_rules()
    first_idx, last_idx = year_bounds(year)
    panel = with_week_index(panel)
    lo = panel.aggregate(lo=panel.idx.min()).execute()["lo"].iat[0]
    if lo is None or pd.isna(lo) or int(lo) > last_idx or not rates:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    table = week_rates(rates, int(lo), last_idx, rules)
    if table.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    rule = rule_at(weeks.monday_of_index(first_idx), rules)
    counts = staircase_counts(panel, ibis.memtable(table), first_idx, last_idx, rule)
    return counts.execute()


def economy_on_backend(panel: Table, rates: list[Rate], year: int) -> dict[str, Any]:
    """The contract object from a panel table on any Ibis backend."""
    return expenditure(staircase_year_counts(panel, rates, year), rates, year)


def economy_for_file(panel_path: str | Path, rates_path: str | Path | None, year: int) -> dict[str, Any]:
    """Validate the rates file (default: the shipped one) and the panel, then compute the year.

    Raises ``RatesError`` or ``PanelError`` naming the file, line and column."""
    rates = load_rates(rates_path)
    path = Path(panel_path)
    with tempfile.TemporaryDirectory() as tmp:
        if is_dream_layout(path):
            converted = Path(tmp) / "panel.parquet"
            dream_to_panel(path, converted, None)
            path = converted
        loaded = load_panel(path)
        try:
            backend = ibis.duckdb.from_connection(loaded.con)
            return economy_on_backend(backend.table("panel"), rates, year)
        finally:
            loaded.con.close()
