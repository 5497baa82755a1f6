"""The KPI definitions of contracts/kpis.md, written once as Ibis expressions.

The expressions take three tables on any Ibis backend (DuckDB by default, PostgreSQL,
Spark): ``panel(person_id, week, benefit, readiness, offer)``, ``calendar(week, idx,
m_year, m_md)`` (the consecutive week index and the Monday's year and month*100+day) and
optionally ``persons(person_id, birth_date)``. They return *weekly* aggregates; the
52-week rolling sums over those few hundred rows are done by ``series.py``.

Per person and week the panel holds one row, so counting rows counts persons.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.expr.types import Table

from ..domain.enums import COMPANY_ORIENTED_OFFERS, Benefit, Readiness

YEAR_WEEKS = 52
LONG_TERM_MIN_WEEKS = 42  # >= 80 % of 52 weeks
YOUTH_AGE = 30
BENEFITS = [b.value for b in Benefit]
MAIN_BENEFITS = [Benefit.UNEMPLOYMENT_BENEFIT.value, Benefit.CASH_BENEFIT.value, Benefit.EDUCATION_BENEFIT.value]
COMPANY_OFFERS = sorted(o.value for o in COMPANY_ORIENTED_OFFERS)
EDUCATION_READY = [Readiness.EDUCATION_READY.value, Readiness.OBVIOUSLY_EDUCATION_READY.value]


def _flag(cond: ir.BooleanValue) -> ibis.Value:
    return cond.ifelse(1, 0)


def is_gross_unemployed(t: Table) -> ir.BooleanColumn:
    """Bruttoledig: a-dagpenge, jobparat kontanthjælp or uddannelsesparat uddannelseshjælp."""
    readiness = t.readiness.fill_null("")
    return (
        (t.benefit == Benefit.UNEMPLOYMENT_BENEFIT.value)
        | ((t.benefit == Benefit.CASH_BENEFIT.value) & (readiness == Readiness.JOB_READY.value))
        | ((t.benefit == Benefit.EDUCATION_BENEFIT.value) & readiness.isin(EDUCATION_READY))
    )


def indexed(panel: Table, calendar: Table) -> Table:
    """The panel with its week index ``idx`` (a loader may have computed it already)."""
    return panel if "idx" in panel.columns else panel.join(calendar, "week")


def weekly_counts(panel: Table, calendar: Table, persons: Table | None = None) -> Table:
    """One row per week index with the row counts every KPI is built from."""
    p = indexed(panel, calendar)
    has_offer = p.offer.notnull() & (p.offer != "")
    main = p.benefit.isin(MAIN_BENEFITS)
    metrics = {
        "persons": p.count(),
        "gross": _flag(is_gross_unemployed(p)).sum(),
        "main_weeks": _flag(main).sum(),
        "main_offer_weeks": _flag(main & has_offer).sum(),
        "offer_weeks": _flag(has_offer).sum(),
        "company_offer_weeks": _flag(p.offer.isin(COMPANY_OFFERS)).sum(),
    }
    for benefit in BENEFITS:
        metrics[f"b_{benefit}"] = _flag(p.benefit == benefit).sum()
        metrics[f"o_{benefit}"] = _flag((p.benefit == benefit) & has_offer).sum()
    counts = p.group_by("idx").aggregate(**metrics)
    if persons is None:
        return counts
    young = youth_counts(p, calendar, persons)
    joined = counts.left_join(young, counts.idx == young.idx)
    return joined.select(*[joined[c] for c in counts.columns], youth=joined.youth.fill_null(0))


def youth_counts(p: Table, calendar: Table, persons: Table) -> Table:
    """Persons under 30 on the Monday of the week (age in whole years) with a benefit."""
    if "m_year" not in p.columns:
        p = p.select("person_id", "idx").join(calendar.select("idx", "m_year", "m_md"), "idx")
    born = persons.select(
        "person_id",
        b_year=persons.birth_date.year(),
        b_md=persons.birth_date.month() * 100 + persons.birth_date.day(),
    )
    j = p.join(born, "person_id")
    age = j.m_year - j.b_year - (j.m_md < j.b_md).ifelse(1, 0)
    return j.filter(age < YOUTH_AGE).group_by("idx").aggregate(youth=ibis._.count())


def person_events(panel: Table, calendar: Table) -> Table:
    """Long table (idx, metric, n) of the person-level measures.

    * ``ltu``: persons gross unemployed in the week whose 42nd most recent gross week
      (this one included) lies within the 52-week year — i.e. >= 42 of 52 weeks.
    * ``dp`` / ``flex``: +1 in the week a person enters the count and -1 in the week they
      leave it; a running sum gives the rolling-year inflow. Disability pension: the first
      week on it in the panel, counted for 52 weeks. Flex job: each spell start (previous
      ISO week not on flexjob) counts the person for 52 weeks, up to their next start.
    """
    p = indexed(panel, calendar).select("person_id", "benefit", "readiness", "idx")
    gross = p.filter(is_gross_unemployed(p)).select("person_id", "idx")
    by_person = ibis.window(group_by=gross.person_id, order_by=gross.idx)
    back = gross.idx.lag(LONG_TERM_MIN_WEEKS - 1).over(by_person)
    ltu = (
        gross.mutate(back=back)
        .filter(lambda t: t.back >= t.idx - (YEAR_WEEKS - 1))
        .group_by("idx")
        .aggregate(n=ibis._.count())
        .mutate(metric=ibis.literal("ltu"))
    )

    dp = p.filter(p.benefit == Benefit.DISABILITY_PENSION.value).group_by("person_id").aggregate(f=ibis._.idx.min())
    dp_in = dp.group_by(idx=dp.f).aggregate(n=ibis._.count()).mutate(metric=ibis.literal("dp"))
    dp_out = (
        dp.group_by(idx=dp.f + YEAR_WEEKS).aggregate(n=-ibis._.count()).mutate(metric=ibis.literal("dp"))
    )

    fj = p.filter(p.benefit == Benefit.FLEXJOB.value).select("person_id", "idx")
    fw = ibis.window(group_by=fj.person_id, order_by=fj.idx)
    starts = fj.mutate(prev=fj.idx.lag(1).over(fw)).filter(lambda t: t.prev.isnull() | (t.prev != t.idx - 1))
    sw = ibis.window(group_by=starts.person_id, order_by=starts.idx)
    nxt = starts.idx.lead(1).over(sw)
    spans = starts.select(s=starts.idx, e=ibis.least(starts.idx + YEAR_WEEKS, nxt.fill_null(starts.idx + YEAR_WEEKS)))
    fl_in = spans.group_by(idx=spans.s).aggregate(n=ibis._.count()).mutate(metric=ibis.literal("flex"))
    fl_out = spans.group_by(idx=spans.e).aggregate(n=-ibis._.count()).mutate(metric=ibis.literal("flex"))

    cols = ["idx", "metric", "n"]
    parts = [t.select(idx=t.idx.cast("int64"), metric=t.metric, n=t.n.cast("int64")) for t in
             (ltu, dp_in, dp_out, fl_in, fl_out)]
    return ibis.union(*parts, distinct=False).select(*cols)
