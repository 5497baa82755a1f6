"""The coverage measure of the 2026-07-01 quota duties — a measure beside the obligations.

From 2026-07-01 the municipality (and, separately, the unemployment fund) must reach at least
75 % of a cohort with the conversations and the offer of the first six months and may exempt
at most 25 % (LAB §§ 31 and 102 as amended by lov 1750/2025). A single citizen without them is
not by itself unlawful; the cohort's shares are the legal test. This module computes them from
the engine's own obligations — only those that carry a ``quota`` (so nothing before
2026-07-01 and nothing for a period that crossed the change date).

Pure: obligations in (``Obligation`` objects or their contract dicts), rows out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .obligation import DUE, EXEMPT_BY_QUOTA, MET, MET_LATE, OVERDUE, Obligation
from .parameters import Parameters, default_parameters

CONVERSATIONS = "conversations"
OFFER = "offer"
MUNICIPALITY = "municipality"
FUND = "fund"

DAGPENGE = "dagpenge"
JOB_READY_CASH_AND_FLEXJOB_WAITING = "jobparate_kontanthjaelp_ledighedsydelse"
OFFER_GROUP = "dagpenge_job_uddannelsesparate_kontanthjaelp"

GROUP_DA = {
    DAGPENGE: "Dagpengemodtagere",
    JOB_READY_CASH_AND_FLEXJOB_WAITING: "Jobparate kontanthjælpsmodtagere og ledighedsydelsesmodtagere",
    OFFER_GROUP: "Dagpengemodtagere og job- og uddannelsesparate kontanthjælpsmodtagere",
}
MEASURE_DA = {CONVERSATIONS: "Jobsamtaler de første 6 måneder", OFFER: "Tilbud inden for 6 måneder"}
ACTOR_DA = {MUNICIPALITY: "Kommunen", FUND: "A-kassen"}

#: A warning is raised when the exempted share reaches this (the cap is 0.25): a team leader
#: should see it coming, not only when the limit is passed.
DEFAULT_WARN_AT = 0.20


@dataclass(frozen=True, slots=True)
class CoverageRow:
    cohort: str  # entry month of the period, YYYY-MM
    measure: str  # conversations or offer
    group: str
    actor: str  # municipality or fund
    n: int
    met: int
    exempt_by_quota: int
    not_met: int  # overdue, or met only after the deadline
    open: int  # deadline not yet passed
    quota: float  # the share that must be met (0.75)
    exemption_cap: float  # the share that may be exempted (0.25)
    warning: bool  # exempted share at or above the warning level

    @property
    def coverage(self) -> float | None:
        return self.met / self.n if self.n else None

    @property
    def exempt_share(self) -> float | None:
        return self.exempt_by_quota / self.n if self.n else None

    @property
    def open_share(self) -> float | None:
        return self.open / self.n if self.n else None

    @property
    def over_cap(self) -> bool:
        return bool(self.n) and self.exempt_by_quota / self.n > self.exemption_cap

    @property
    def below_quota(self) -> bool:
        """Decided and short of the quota: every deadline has passed and too few were met."""
        return bool(self.n) and self.open == 0 and self.met / self.n < self.quota

    def to_dict(self) -> dict[str, Any]:
        return {
            "cohort": self.cohort, "measure": self.measure, "group": self.group, "actor": self.actor,
            "n": self.n, "met": self.met, "exempt_by_quota": self.exempt_by_quota, "not_met": self.not_met,
            "open": self.open, "coverage": self.coverage, "exempt_share": self.exempt_share,
            "open_share": self.open_share, "quota": self.quota, "exemption_cap": self.exemption_cap,
            "warning": self.warning, "over_cap": self.over_cap, "below_quota": self.below_quota,
        }


def classify(rule: str, target_group: str | None) -> tuple[str, str, str] | None:
    """(measure, group, actor) of a quota obligation, or None when it is not part of a measure."""
    if rule == "contact.fund_first_three_months":
        return CONVERSATIONS, DAGPENGE, FUND
    if rule == "contact.first_six_months":
        if target_group == "1":
            return CONVERSATIONS, DAGPENGE, MUNICIPALITY
        if target_group in ("2", "9"):
            return CONVERSATIONS, JOB_READY_CASH_AND_FLEXJOB_WAITING, MUNICIPALITY
        return None
    if rule == "offer.right_and_duty":
        return OFFER, OFFER_GROUP, MUNICIPALITY
    return None


def _fields(ob: Obligation | Mapping[str, Any]) -> tuple[str, str | None, str, float | None, date | None]:
    if isinstance(ob, Obligation):
        return ob.rule, ob.target_group, ob.status, ob.quota, ob.period_start
    start = ob.get("period_start")
    return (ob["rule"], ob.get("target_group"), ob["status"], ob.get("quota"),
            date.fromisoformat(start) if isinstance(start, str) else start)


def coverage(obligations: Iterable[Obligation | Mapping[str, Any]], *, warn_at: float = DEFAULT_WARN_AT,
             params: Parameters | None = None) -> list[CoverageRow]:
    """Per cohort (entry month), measure, group and actor: n, met, exempted, not met, open.

    Counted: ``met`` (on time), ``exempt_by_quota``, ``overdue`` and ``met_late`` (not met in
    time), ``due`` (open). Obligations that were closed, suspended, waived, not applicable or
    left to a person are outside the cohort. Rows are sorted by cohort, measure, group, actor.
    A dict may stand for ``n`` equal obligations (``"n": 120``; a grouped count from the database).
    """
    params = params or default_parameters()
    # (cohort, measure, group, actor) -> ([met, exempted, not met, open], quota, first start)
    tally: dict[tuple[str, str, str, str], tuple[list[int], float, date]] = {}
    for ob in obligations:
        rule, group_number, status, quota, start = _fields(ob)
        if quota is None or start is None:
            continue
        kind = classify(rule, group_number)
        if kind is None or status not in (MET, MET_LATE, OVERDUE, DUE, EXEMPT_BY_QUOTA):
            continue
        key = (f"{start.year:04d}-{start.month:02d}", *kind)
        counts = tally.setdefault(key, ([0, 0, 0, 0], quota, start))[0]
        index = {MET: 0, EXEMPT_BY_QUOTA: 1, OVERDUE: 2, MET_LATE: 2, DUE: 3}[status]
        counts[index] += 1 if isinstance(ob, Obligation) else int(ob.get("n", 1))
    rows = []
    for (cohort, measure, group, actor), ([met, exempt, not_met, still_open], quota, start) in sorted(tally.items()):
        n = met + exempt + not_met + still_open
        cap = params.value("quota.exemption_cap", start)
        rows.append(CoverageRow(cohort, measure, group, actor, n, met, exempt, not_met, still_open, quota, cap,
                                warning=exempt / n >= warn_at))
    return rows


__all__ = ["ACTOR_DA", "GROUP_DA", "MEASURE_DA", "CoverageRow", "classify", "coverage"]
