"""The demo's last two stages, in a process of their own beside the build and then the server.

Neither the weekly measures (``kept_measures``) nor the comparison clusters (``comparison_figures``)
are read by the first pages a demo user sees (the login page, a caseworker's caseload), and the
managers' pages do without both for a while (they compute the weeks from the store; the goals
show no comparison until it is stored). Together they were more than half of the demo's build, so
``indsats demo`` starts this process before the build, at a lower priority (``nice``) than the build
and the server: it waits for the build to be committed, computes and stores the weeks (before the
server's own first refresh of them), then generates and measures the clusters' synthetic
municipalities. On a database where either is missing (a demo stopped before they were stored)
the next ``indsats demo`` starts it again.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import event, func, select

from indsats.services.steering.measure_store import WEEKLY
from indsats.store.db import Database
from indsats.store.kpi_tables import ComparisonFigureRow
from indsats.store.obligation_tables import MeasureRow
from indsats.store.tables import CitizenRow

CLUSTER_MEMBERS = 3
MEASURES, CLUSTERS = "nøgletal", "sammenligningstal"


def demo_plans(codes: set[str]) -> list[Any]:
    """The demo plans (``plans/demo-*.yaml``) of the municipalities ``codes``."""
    from indsats.plan import load_plan
    from indsats.plan.library import plan_files

    plans = [load_plan(path) for name, path in plan_files().items() if name.startswith("demo-")]
    return [p for p in plans if p.municipality.code in codes]


def missing(db: Database) -> tuple[list[str], dict[str, int]]:
    """The stages a built demo still lacks, and the citizens of each municipality whose cluster is missing."""
    with db.unit_of_work() as session:
        citizens = {code: n for code, n in session.execute(
            select(CitizenRow.municipality_code, func.count()).group_by(CitizenRow.municipality_code))}
        kept = session.scalar(select(func.count()).select_from(MeasureRow).where(MeasureRow.measure == WEEKLY)) or 0
        compared = set(session.scalars(select(ComparisonFigureRow.municipality_code).distinct()))
    clusters = {p.municipality.code: citizens[p.municipality.code] for p in demo_plans(set(citizens))
                if p.municipality.code not in compared}
    stages = ([MEASURES] if citizens and not kept else []) + ([CLUSTERS] if clusters else [])
    return stages, clusters


@dataclass
class Finishing:
    """The process finishing the demo; ``built()`` tells it the build is committed."""

    stages: list[str]
    process: Any = None
    _built: Any = field(default=None, repr=False)

    def built(self) -> None:
        if self._built is not None:
            self._built.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the process; True when it finished its stages."""
        if self.process is None:
            return True
        self.process.join(timeout)
        return self.process.exitcode == 0


def start_finishing(url: str, as_of: date, stages: list[str], clusters: dict[str, int]) -> Finishing:
    """Start the process for ``stages`` (``MEASURES``, ``CLUSTERS``); ``clusters`` is code → citizens.

    A spawned process, not a fork: it opens its own database connections and holds nothing of
    the server's. Daemonic: it ends with ``indsats demo`` (the next one starts it again)."""
    if not stages:
        return Finishing(stages)
    context = multiprocessing.get_context("spawn")
    built = context.Event()
    process = context.Process(target=finish_demo, args=(url, as_of, stages, clusters, built),
                              name="indsats-demo-finish", daemon=True)
    process.start()
    return Finishing(stages, process, built)


def finish_demo(url: str, as_of: date, stages: list[str], clusters: dict[str, int], built: Any = None) -> None:
    """The stages themselves (the process's target; also callable in-process with ``built=None``)."""
    from indsats.services.steering.comparison import cluster_figures, store_cluster
    from indsats.services.steering.measure_store import refresh_measures

    if built is not None and hasattr(os, "nice"):  # its own process: the build and the server come first
        os.nice(10)
    db = Database(url)
    if built is not None:
        built.wait()
        if db.is_sqlite:  # its own process: the build's and the server's writes come first; wait, do not fail
            event.listen(db.engine, "connect", lambda connection, _record: connection.execute("PRAGMA busy_timeout=120000"))
    # The weeks first: kept before the server's own first refresh of them, which then has little to do.
    if MEASURES in stages:
        refresh_measures(db, as_of=as_of, full=True)
    if CLUSTERS in stages:
        for plan in demo_plans(set(clusters)):
            code = plan.municipality.code
            found = cluster_figures(code, plan, as_of, CLUSTER_MEMBERS, clusters[code])
            if found:
                store_cluster(db, code, found, CLUSTER_MEMBERS)
