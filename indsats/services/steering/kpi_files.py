"""KPIs of a weekly panel file (``indsats kpi``): the KPI object at one ISO week or the weekly
series between two, computed by the definitions in ``indsats.analytics`` (contracts/kpis.md).

The errors the CLI reports are re-exported here: ``PanelError`` (a panel or persons file that
breaks the contract), ``JobindsatsError`` (a jobindsats.dk export that cannot be read) and
``PlanError`` (a plan YAML that does not validate). All three are ``ValueError``s whose text is
the Danish message for the user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from indsats.analytics.contract import PanelError
from indsats.analytics.jobindsats import JobindsatsError
from indsats.plan import PlanError
from indsats.plan.measures import MEASURES

__all__ = ["JobindsatsError", "PanelError", "PlanError", "kpi", "measure_label", "series"]


def kpi(panel: Path, persons: Path | None, week: str, code_map: Path | None = None) -> dict[str, Any]:
    """The KPI object at ISO week ``week`` (YYYY-Www). Raises ``PanelError`` or ``ValueError``."""
    from indsats.analytics.engine import kpis_for_file  # Ibis and DuckDB: loaded on use

    return kpis_for_file(panel, persons, week, None, code_map)[0]


def series(panel: Path, persons: Path | None, first: str, last: str,
           code_map: Path | None = None) -> list[dict[str, Any]]:
    """One KPI object per ISO week from ``first`` to ``last``. Raises ``PanelError`` or ``ValueError``."""
    from indsats.analytics.engine import kpis_for_file

    return kpis_for_file(panel, persons, first, last, code_map)


def measure_label(key: str) -> str:
    """The Danish label of a measure; an unknown key is its own label."""
    return MEASURES[key].label_da if key in MEASURES else key
