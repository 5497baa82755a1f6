"""The youth and integration programmes measured for the manager (``/styring/programmer``): education plans
made with youth guidance, contact around the start by the plan's local rule, retention in education after
3 and 12 months, education orders by year with the law's status, the integration effort's first offer
against the law's deadline, and the employment staircase — each citizen's position now and the flows
between positions per quarter. Aggregates only: nothing personal is shown, so nothing is audited."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.reports.svg import bar_chart
from indsats.store.db import Database
from indsats.store.programme_tables import (
    EducationOrderRow,
    EducationPlanRow,
    IntegrationStartRow,
    StaircaseStepRow,
)
from indsats.store.tables import CitizenRow

from ..accounts.access import ensure_role
from ..casework.programmes import (
    CONTACT_DA,
    INTEGRATION_DA,
    LOCAL_RULE_DA,
    POSITIONS,
    contact_rule,
    contact_status,
    first_company_offer,
    integration_status,
    merged_steps,
    offer_events,
    retained,
)

READERS = (Role.TEAM_LEADER, Role.MANAGER)
START = "start"  # the "from" of a citizen's first step


@dataclass
class ProgrammeMeasures:
    as_of: date
    plans: int = 0
    with_guidance: int = 0
    contact: Counter = field(default_factory=Counter)
    rule: tuple[int, int] = (14, 30)
    rule_label: str = LOCAL_RULE_DA
    retention: dict[int, tuple[int, int]] = field(default_factory=dict)  # months → (still enrolled, measured)
    orders: list[tuple[int, str, int]] = field(default_factory=list)  # (year, law status, count)
    integration: Counter = field(default_factory=Counter)
    positions: Counter = field(default_factory=Counter)
    flows: list[tuple[str, str, str, int]] = field(default_factory=list)  # (quarter, from, to, count)
    chart: str = ""

    contact_da = CONTACT_DA
    integration_da = INTEGRATION_DA
    position_da = {START: "Start", **POSITIONS}


def quarter(day: date) -> str:
    return f"{day.year}K{(day.month - 1) // 3 + 1}"


def programme_measures(db: Database, user: User, as_of: date | None = None) -> ProgrammeMeasures:
    ensure_role(user, *READERS)
    return measures_for(db, user.municipality_code, as_of or clock.today())


def review_measures(db: Database, code: str, year: int, as_of: date) -> ProgrammeMeasures:
    """The page's measures as of ``as_of`` for the result review: the integration starts whose
    responsibility began in ``year`` and the staircase flows in ``year``'s quarters (aggregates only)."""
    out = measures_for(db, code, as_of, year)
    out.flows = [f for f in out.flows if f[0].startswith(f"{year}K")]
    return out


def measures_for(db: Database, code: str, today: date, year: int | None = None) -> ProgrammeMeasures:
    """``year``: only integration starts whose responsibility began in that year."""
    rule = contact_rule(db, code, today.year)
    out = ProgrammeMeasures(today, rule=(rule.days_before, rule.days_after))
    mine = select(CitizenRow.id).where(CitizenRow.municipality_code == code)
    with db.unit_of_work() as s:
        kept = {3: [0, 0], 12: [0, 0]}
        for p in s.scalars(select(EducationPlanRow).where(EducationPlanRow.citizen_id.in_(mine))):
            out.plans += 1
            out.with_guidance += p.with_youth_guidance
            out.contact[contact_status(p.planned_start, p.contact_on, rule, today)[0]] += 1
            for months in kept:
                found = retained(p.started_on, p.dropped_on, months, today)
                if found is not None:
                    kept[months][0] += found
                    kept[months][1] += 1
        out.retention = {m: (v[0], v[1]) for m, v in kept.items()}
        orders: Counter = Counter()
        for o in s.scalars(select(EducationOrderRow).where(EducationOrderRow.citizen_id.in_(mine))):
            orders[(o.given_on.year, o.law_status)] += 1
        out.orders = [(y, st, n) for (y, st), n in sorted(orders.items())]
        starts = list(s.scalars(select(IntegrationStartRow).where(IntegrationStartRow.citizen_id.in_(mine))))
        recorded: dict[int, list[tuple[date, str]]] = {}
        for st in s.scalars(select(StaircaseStepRow).where(StaircaseStepRow.citizen_id.in_(mine), StaircaseStepRow.on <= today)
                            .order_by(StaircaseStepRow.citizen_id, StaircaseStepRow.on, StaircaseStepRow.id)):
            recorded.setdefault(st.citizen_id, []).append((st.on, st.position))
        on_staircase = set(recorded) | {st.citizen_id for st in starts}
        offers = offer_events(s, sorted(on_staircase))
    for start in starts:
        if year is not None and start.responsibility_from.year != year:
            continue
        first = start.first_offer_on or first_company_offer(offers.get(start.citizen_id, []), start.responsibility_from)
        out.integration[integration_status(start.responsibility_from, first, today)[0]] += 1
    steps = {cid: [(on, pos) for on, pos in merged_steps(recorded.get(cid, []), offers.get(cid, [])) if on <= today]
             for cid in on_staircase}
    steps = {cid: path for cid, path in steps.items() if path}
    flows: Counter = Counter()
    for path in steps.values():
        out.positions[path[-1][1]] += 1
        previous = START
        for on, position in path:
            if position != previous:
                flows[(quarter(on), previous, position)] += 1
            previous = position
    out.flows = [(q, a, b, n) for (q, a, b), n in sorted(flows.items())]
    per_quarter: Counter = Counter()
    for q, _a, _b, n in out.flows:
        per_quarter[q] += n
    out.chart = bar_chart([(q, float(n)) for q, n in sorted(per_quarter.items())[-8:]], "persons",
                          title="Skift på beskæftigelsestrappen pr. kvartal") if per_quarter else ""
    return out
