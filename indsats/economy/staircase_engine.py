"""The staircase written once in Ibis: it runs on DuckDB, PostgreSQL and Spark like the KPIs.

Input tables (any Ibis backend): ``panel(person_id, benefit, idx)`` (``idx`` the consecutive
ISO-week index of ``indsats.analytics.weeks.index``) and ``week_rates(benefit, idx, rate_id,
version)``: for each benefit and week the rate row in force (``rate_id``) and the staircase rule
in force (``version``); a benefit-week absent from it has no rate.

Per person (contracts/economy.md, law §§ 5-6):

* a row *counts* when its benefit has a rate that week; ``cc`` = counted rows so far;
* self-support weeks are weeks with no panel row. With ``rk`` a row's rank among all the
  person's rows, ``gap = idx - rk`` grows by one for every week without a row, so the
  self-support weeks between two rows are the difference of their ``gap`` (rows without a rate
  are rows: they are not self-support);
* the period starts over at a counted week *w* when the self-support weeks in
  ``[max(start, w - 156), w - 1]`` number at least 52, ``start`` being the first week of the
  current period (itself a row, so it never counts as self-support). With ``start >= w - 156``
  that is ``gap(w) - gap(start)``; otherwise ``156 - rows in [w - 156, w - 1]`` (a range window).

Because a reset moves ``start``, the resets are found in rounds: round *k* takes, per person, the
first counted week after the current start that meets the test (only *candidates* — weeks that
meet it against the person's first counted week — can). A reset needs 52 weeks without a row
since the last, so there are at most (panel weeks / 53) rounds. The step of a week is its number
in its period, capped at the last step's first week; the result is small: counts by benefit,
rate, rule version and step, from which the kroner are computed exactly (``expenditure.py``).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.expr.types import Table

from .staircase import StaircaseRule


def _reset_test(idx: ir.IntegerValue, gap: ir.IntegerValue, n_window: ir.IntegerValue, s_idx: ir.IntegerValue,
                s_gap: ir.IntegerValue, need: int, window: int) -> ir.BooleanValue:
    """Self-support weeks in [max(start, w - window), w - 1] >= need."""
    recent = s_idx >= idx - window
    return (recent & (gap - s_gap >= need)) | (~recent & (window - n_window >= need))


def counted_rows(panel: Table, week_rates: Table, last_idx: int, window: int) -> Table:
    """The counted rows up to ``last_idx`` with ``cc``, ``gap`` and rows in the window before."""
    p = panel.filter(panel.idx <= last_idx).select(
        person_id=panel.person_id.cast("string"), benefit=panel.benefit.cast("string"),
        idx=panel.idx.cast("int64"))
    j = p.left_join(week_rates, [p.benefit == week_rates.benefit, p.idx == week_rates.idx]).select(
        p.person_id, p.benefit, p.idx, week_rates.rate_id, week_rates.version)
    by_person = ibis.window(group_by=j.person_id, order_by=j.idx)
    so_far = ibis.cumulative_window(group_by=j.person_id, order_by=j.idx)
    before = ibis.window(group_by=j.person_id, order_by=j.idx, range=(-window, -1))
    counted = j.rate_id.notnull()
    j = j.mutate(
        gap=j.idx - ibis.row_number().over(by_person),
        cc=counted.ifelse(1, 0).sum().over(so_far),
        n_window=j.idx.count().over(before),
    )
    return j.filter(j.rate_id.notnull())


def find_resets(counted: Table, rule: StaircaseRule, max_rounds: int = 10_000) -> list[Table]:
    """The reset weeks (person_id, s_idx, s_gap, s_cc), one cached table per round."""
    need, window = rule.self_support_weeks, rule.window_weeks
    first = counted.filter(counted.cc == 1).select(
        person_id=counted.person_id, s_idx=counted.idx, s_gap=counted.gap)
    c = counted
    cand = c.join(first, "person_id").filter(
        lambda t: (t.idx > t.s_idx) & _reset_test(t.idx, t.gap, t.n_window, t.s_idx, t.s_gap, need, window)
    ).select("person_id", "idx", "gap", "cc", "n_window").cache()
    resets: list[Table] = []
    start = first
    for _ in range(max_rounds):
        j = cand.join(start, "person_id").filter(
            lambda t: (t.idx > t.s_idx) & _reset_test(t.idx, t.gap, t.n_window, t.s_idx, t.s_gap, need, window))
        nxt = j.group_by("person_id").aggregate(s_idx=j.idx.min())
        nxt = nxt.join(cand, [nxt.person_id == cand.person_id, nxt.s_idx == cand.idx]).select(
            nxt.person_id, nxt.s_idx, s_gap=cand.gap, s_cc=cand.cc).cache()
        if int(nxt.count().execute()) == 0:
            break
        resets.append(nxt)
        start = nxt.select("person_id", "s_idx", "s_gap")
    return resets


def period_steps(panel: Table, week_rates: Table, first_idx: int, last_idx: int,
                 rule: StaircaseRule) -> Table:
    """The counted person-weeks in ``first_idx..last_idx`` with their week number in the
    period (``step``, uncapped): ``person_id, benefit, idx, rate_id, version, step``."""
    counted = counted_rows(panel, week_rates, last_idx, rule.window_weeks).cache()
    resets = find_resets(counted, rule)
    year = counted.filter(counted.idx >= first_idx)
    if resets:
        all_resets = ibis.union(*[r.select("person_id", "s_idx", "s_cc") for r in resets], distinct=False)
        earlier = all_resets.filter(all_resets.s_idx < first_idx)
        base = earlier.group_by("person_id").aggregate(base_cc=earlier.s_cc.max())
        inside = all_resets.filter(all_resets.s_idx >= first_idx)
        y = year.left_join(inside, [year.person_id == inside.person_id, year.idx == inside.s_idx]).select(
            *[year[c] for c in year.columns], is_reset=inside.s_idx.notnull())
        y = y.left_join(base, y.person_id == base.person_id).select(
            *[y[c] for c in y.columns], base_cc=base.base_cc)
    else:
        y = year.mutate(is_reset=ibis.literal(False), base_cc=ibis.null("int64"))
    mark = (y.is_reset | (y.cc == 1)).ifelse(y.cc, ibis.null("int64"))
    so_far = ibis.cumulative_window(group_by=y.person_id, order_by=y.idx)
    start_cc = ibis.coalesce(mark.max().over(so_far), y.base_cc, ibis.literal(1, "int64"))
    return y.select("person_id", "benefit", "idx", "rate_id", "version", step=y.cc - start_cc + 1)


def staircase_counts(panel: Table, week_rates: Table, first_idx: int, last_idx: int,
                     rule: StaircaseRule, by_week: bool = False) -> Table:
    """Counts of counted person-weeks in ``first_idx..last_idx`` by
    ``(benefit, rate_id, version, step)`` (and ``idx`` with ``by_week``), ``step`` capped at
    the last step's first week."""
    y = period_steps(panel, week_rates, first_idx, last_idx, rule)
    keys = ["benefit", "rate_id", "version", "step"] + (["idx"] if by_week else [])
    y = y.mutate(step=ibis.least(y.step, rule.last_step_start))
    return y.group_by(keys).aggregate(n=y.count())
