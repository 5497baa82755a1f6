"""Run the KPI definitions on a loaded panel: DuckDB by default, PostgreSQL on request.

``kpis_for_file`` is what the CLI and the reports call. ``postgres_backend`` uploads a
panel to PostgreSQL and runs the very same Ibis expressions there; Spark works the same
way through ``ibis.pyspark`` when the optional ``spark`` extra is installed (docs/KPIS.md).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import ibis
from ibis.backends import BaseBackend

from . import weeks
from .dream import dream_to_panel, is_dream_layout
from .panel import Panel, load_panel
from .series import compute_series


def duckdb_series(panel: Panel, first: str, last: str) -> list[dict[str, Any]]:
    backend = ibis.duckdb.from_connection(panel.con)
    persons = backend.table("persons") if panel.has_persons else None
    return compute_series(backend, backend.table("panel"), persons, panel.first_week, panel.last_week, first, last)


def kpis_for_file(
    path: str | Path,
    persons: str | Path | None,
    first: str,
    last: str | None = None,
    code_map: str | Path | None = None,
) -> list[dict[str, Any]]:
    """Validate the files and compute the KPI objects for weeks first..last (or just first).

    A file in DREAM's wide layout (``y_YYWW`` columns) is converted first with the code map.
    """
    for label, week in (("--as-of/FROM", first), ("TO", last)):
        if week is not None and not weeks.is_week(week):
            raise ValueError(f"{label}: {week!r} is not an ISO week (YYYY-Www)")
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        if code_map is not None or is_dream_layout(path):
            converted = Path(tmp) / "panel.parquet"
            dream_to_panel(path, converted, code_map)
            path = converted
        panel = load_panel(path, persons)
        try:
            return duckdb_series(panel, first, last or first)
        finally:
            panel.con.close()


def backend_series(backend: BaseBackend, table: str, persons_table: str | None, first: str, last: str) -> list[dict[str, Any]]:
    """The same KPIs on any Ibis backend holding the panel (and persons) as tables."""
    panel = backend.table(table)
    bounds = panel.aggregate(n=panel.count()).execute()
    weeks_present = panel.select("week").distinct().execute()["week"].tolist()
    ordered = sorted(weeks_present, key=weeks.index)
    data_first, data_last = (ordered[0], ordered[-1]) if ordered and int(bounds["n"].iat[0]) else (None, None)
    persons = backend.table(persons_table) if persons_table else None
    return compute_series(backend, panel, persons, data_first, data_last, first, last)
