"""The municipality's own recent flows, estimated from the weekly panel for the what-if
micro-simulation (``simulation.py``), over the 52 weeks ending with a reference week *W*:

* **exit hazards** by benefit and spell duration (weeks on the same benefit without a break):
  the share of person-weeks at that duration whose next week is not on the same benefit;
* **destinations** on exit: the share going to each other benefit or to no benefit;
* **inflow**: persons per week starting on a benefit after a week with no benefit;
* **readiness** on entry per benefit (for gross unemployment);
* **the state in week W**: each person's benefit, readiness and spell duration;
* **offer weeks** by offer type in the year (for moving offers between types).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # DuckDB and Arrow load when flows are estimated, not when a page module is imported
    import pyarrow as pa

from ..analytics import weeks

YEAR_WEEKS = 52
DURATION_BUCKETS = (1, 5, 14, 27, 53, 105)  # first week of each bucket: 1-4, 5-13, 14-26, 27-52, 53-104, 105+
# Rows older than the year plus the last bucket's start are not read: a duration is only needed
# up to 105 weeks (the last bucket), so spells are followed back that far.


def bucket_of(duration: np.ndarray) -> np.ndarray:
    return np.searchsorted(np.array(DURATION_BUCKETS), duration, side="right") - 1


@dataclass
class Flows:
    week: str
    benefits: list[str]
    hazard: np.ndarray  # [benefit, bucket] exit probability per week
    destination: np.ndarray  # [benefit, benefit + 1] cumulative probabilities; last column = no benefit
    inflow: np.ndarray  # [benefit] persons per week
    readiness: dict[str, list[tuple[str, float]]]  # benefit -> [(readiness, share)] on entry
    state_person: list[str] = field(default_factory=list)
    state_benefit: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    state_readiness: list[str] = field(default_factory=list)
    state_duration: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    offer_weeks: dict[str, int] = field(default_factory=dict)


def estimate_flows(table: pa.Table, week: str) -> Flows:
    """Estimate the flows from an Arrow panel (person_id, week, benefit, readiness, offer)."""
    import duckdb
    import pyarrow as pa

    w = weeks.index(week)
    con = duckdb.connect()
    try:
        con.register("raw", table.select([c for c in ("person_id", "week", "benefit", "readiness", "offer")
                                          if c in table.column_names]))
        names = sorted({str(x) for x in table.column("week").unique().to_pylist() if x and weeks.is_week(str(x))})
        con.register("cal", pa.table({"week": names, "idx": [weeks.index(n) for n in names]}))
        readiness = "CAST(readiness AS VARCHAR)" if "readiness" in table.column_names else "NULL"
        offer = "CAST(offer AS VARCHAR)" if "offer" in table.column_names else "NULL"
        lo = w - YEAR_WEEKS + 1
        first = w - YEAR_WEEKS - DURATION_BUCKETS[-1] - 1
        # One pass: neighbours, spell starts and durations; only the year (and the week before) is kept.
        con.execute(f"""CREATE TABLE r AS
            WITH p AS (SELECT CAST(person_id AS VARCHAR) AS person_id, c.idx, CAST(benefit AS VARCHAR) AS benefit,
                              NULLIF({readiness}, '') AS readiness, NULLIF({offer}, '') AS offer
                       FROM raw JOIN cal c ON CAST(raw.week AS VARCHAR) = c.week WHERE c.idx BETWEEN {first} AND {w}),
            s AS (SELECT *, lag(idx) OVER n AS prev_idx, lag(benefit) OVER n AS prev_benefit,
                         lead(idx) OVER n AS next_idx, lead(benefit) OVER n AS next_benefit
                  FROM p WINDOW n AS (PARTITION BY person_id ORDER BY idx)),
            t AS (SELECT *, (prev_idx IS NULL OR prev_idx <> idx - 1 OR prev_benefit <> benefit) AS starts FROM s)
            SELECT person_id, idx, benefit, readiness, offer, next_idx, next_benefit, prev_idx,
                   idx - max(CASE WHEN starts THEN idx END) OVER (PARTITION BY person_id ORDER BY idx
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) + 1 AS duration
            FROM t QUALIFY idx >= {lo - 1}""")
        benefits = [b for (b,) in con.execute(f"SELECT DISTINCT benefit FROM r WHERE idx >= {lo} ORDER BY 1").fetchall()]
        pos = {b: i for i, b in enumerate(benefits)}
        nb = len(benefits)
        hazard = np.zeros((nb, len(DURATION_BUCKETS)))
        counts = np.zeros((nb, len(DURATION_BUCKETS)))
        case = " ".join(f"WHEN duration >= {d} THEN {i}" for i, d in reversed(list(enumerate(DURATION_BUCKETS))))
        for b, k, n, exits in con.execute(f"""SELECT benefit, CASE {case} END AS k, count(*),
                count_if(next_idx IS NULL OR next_idx <> idx + 1 OR next_benefit <> benefit)
                FROM r WHERE idx >= {lo - 1} AND idx < {w} GROUP BY ALL""").fetchall():
            if b in pos:
                hazard[pos[b], k], counts[pos[b], k] = exits / n, n
        _fill_empty_buckets(hazard, counts)
        dest = np.zeros((nb, nb + 1))
        for b, nxt, n in con.execute(f"""SELECT benefit, CASE WHEN next_idx = idx + 1 THEN next_benefit END, count(*)
                FROM r WHERE idx >= {lo - 1} AND idx < {w}
                AND (next_idx IS NULL OR next_idx <> idx + 1 OR next_benefit <> benefit) GROUP BY ALL""").fetchall():
            if b in pos:
                dest[pos[b], pos[nxt] if nxt in pos else nb] += n
        dest[dest.sum(axis=1) == 0, nb] = 1.0
        dest = np.cumsum(dest / dest.sum(axis=1, keepdims=True), axis=1)
        inflow = np.zeros(nb)
        entry: dict[str, dict[str, int]] = {b: {} for b in benefits}
        for b, ready, n in con.execute(f"""SELECT benefit, coalesce(readiness, ''), count(*) FROM r
                WHERE idx >= {lo} AND (prev_idx IS NULL OR prev_idx <> idx - 1) GROUP BY ALL""").fetchall():
            inflow[pos[b]] += n / YEAR_WEEKS
            entry[b][ready] = entry[b].get(ready, 0) + n
        readiness_on_entry = {b: [(r, n / sum(v.values())) for r, n in sorted(v.items())] for b, v in entry.items()}
        state = con.execute(f"SELECT person_id, benefit, coalesce(readiness, ''), duration FROM r WHERE idx = {w} "
                            "ORDER BY person_id").fetchall()
        offers = dict(con.execute(f"SELECT offer, count(*) FROM r WHERE idx >= {lo} AND offer IS NOT NULL "
                                  "GROUP BY ALL").fetchall())
    finally:
        con.close()
    return Flows(
        week, benefits, hazard, dest, inflow, readiness_on_entry,
        [s[0] for s in state], np.array([pos[s[1]] for s in state], dtype=np.int64), [s[2] for s in state],
        np.array([s[3] for s in state], dtype=np.int64), {k: int(v) for k, v in offers.items()})


def _fill_empty_buckets(hazard: np.ndarray, counts: np.ndarray) -> None:
    """A duration bucket nobody reached borrows the nearest shorter bucket's hazard (else 0)."""
    for b in range(hazard.shape[0]):
        last = None
        for k in range(hazard.shape[1]):
            if counts[b, k] == 0 and last is not None:
                hazard[b, k] = hazard[b, last]
            elif counts[b, k] > 0:
                last = k
