"""The municipality's own recent flows, estimated from the weekly panel for the what-if
micro-simulation (``simulation.py``), over the 52 weeks ending with a reference week *W*:

* **exit hazards** by benefit and spell duration (weeks on the same benefit without a break):
  the share of person-weeks at that duration whose next week is not on the same benefit;
* **destinations** on exit: the share going to each other benefit or to no benefit;
* **inflow**: persons per week starting on a benefit after a week with no panel row;
* **readiness** on entry per benefit (for gross unemployment);
* **the state in week W**: each person's benefit, readiness, spell duration and week number
  on the staircase (``weekgrid.week_numbers``, the engine's count);
* **offer weeks** by offer type in the year (for moving offers between types) and **offer
  starts** by offer type and the benefit the person was on (where a local effect works).

All of it is counted on the dense person × week arrays of ``weekgrid.py`` with ``bincount``
(one pass over the columns for the durations, one for the staircase): no sort, no window
function. ``flows_to_bytes``/``flows_from_bytes`` keep an estimate (the service stores it per
panel version).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..analytics import weeks
from .rates import Rate, load_rates
from .staircase import rule_at

if TYPE_CHECKING:  # Arrow and the week grid (pandas) load when flows are estimated, not with the pages
    import pyarrow as pa

YEAR_WEEKS = 52
DURATION_BUCKETS = (1, 5, 14, 27, 53, 105)  # first week of each bucket: 1-4, 5-13, 14-26, 27-52, 53-104, 105+


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
    state_step: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # week number, 0 = none
    offer_starts: dict[str, dict[str, int]] = field(default_factory=dict)  # offer -> benefit ('' none) -> starts


def estimate_flows(table: pa.Table, week: str, rates: list[Rate] | None = None) -> Flows:
    """Estimate the flows from an Arrow panel (person_id, week, benefit, readiness, offer);
    the staircase week numbers use ``rates`` (default: the shipped rates)."""
    from .weekgrid import week_grid, week_numbers

    grid = week_grid(table, week)
    rates = load_rates() if rates is None else rates
    steps = week_numbers(grid, rates, rule_at(weeks.monday(week)))
    n, n_weeks = grid.present.shape
    last = n_weeks - 1
    year = slice(last - YEAR_WEEKS + 1, last + 1)  # the 52 weeks ending with W
    # spell durations (weeks on the same benefit without a break) in the year and the week before
    kept = np.zeros((n, YEAR_WEEKS + 1), dtype=np.int64, order="F")
    dur = np.zeros(n, dtype=np.int64)
    prev = np.zeros(n, dtype=np.int16)
    for t in range(n_weeks):
        b = grid.benefit[:, t]
        dur = np.where(b > 0, np.where(b == prev, dur + 1, 1), 0)
        prev = b
        if t >= last - YEAR_WEEKS:
            kept[:, t - (last - YEAR_WEEKS)] = dur
    in_year = np.unique(grid.benefit[:, year])
    benefits = [grid.benefits[k - 1] for k in in_year if k > 0]
    nb, nk = len(benefits), len(DURATION_BUCKETS)
    pos = np.full(len(grid.benefits) + 1, -1, dtype=np.int64)  # grid code -> position in benefits
    pos[[k for k in in_year if k > 0]] = np.arange(nb)
    # exits: weeks W-52 .. W-1 on a benefit whose next week is not on the same benefit
    now = grid.benefit[:, last - YEAR_WEEKS:last].astype(np.int64)
    nxt = grid.benefit[:, last - YEAR_WEEKS + 1:].astype(np.int64)
    on = (now > 0) & (pos[now] >= 0)
    b_on, k_on = pos[now[on]], bucket_of(kept[:, :YEAR_WEEKS][on])
    exit_on = (nxt != now)[on]
    counts = np.bincount(b_on * nk + k_on, minlength=nb * nk).reshape(nb, nk).astype(float)
    exits = np.bincount(b_on * nk + k_on, weights=exit_on.astype(float), minlength=nb * nk).reshape(nb, nk).astype(float)
    hazard = np.divide(exits, counts, out=np.zeros_like(exits), where=counts > 0)
    _fill_empty_buckets(hazard, counts)
    to = pos[nxt[on][exit_on]]
    to = np.where(to >= 0, to, nb)
    dest = np.bincount(b_on[exit_on] * (nb + 1) + to, minlength=nb * (nb + 1)).reshape(nb, nb + 1).astype(float)
    dest[dest.sum(axis=1) == 0, nb] = 1.0
    dest = np.cumsum(dest / dest.sum(axis=1, keepdims=True), axis=1)
    # inflow: a row on a benefit in the year after a week without any row
    cur = grid.benefit[:, year].astype(np.int64)
    start = (~grid.present[:, last - YEAR_WEEKS:last]) & (cur > 0)
    b_in = pos[cur[start]]
    inflow = np.bincount(b_in, minlength=nb) / YEAR_WEEKS
    r_in = grid.readiness[:, year][start].astype(np.int64)
    entry = np.bincount(b_in * (len(grid.readiness_names) + 1) + r_in,
                        minlength=nb * (len(grid.readiness_names) + 1)).reshape(nb, len(grid.readiness_names) + 1)
    names = [""] + grid.readiness_names
    readiness_on_entry = {b: [(names[r], entry[i, r] / entry[i].sum()) for r in np.argsort(names)
                              if entry[i, r]] for i, b in enumerate(benefits)}
    who = np.nonzero(pos[grid.benefit[:, last]] >= 0)[0]
    who = who[grid.benefit[who, last] > 0]
    offer_counts = np.bincount(grid.offer[:, year].ravel(), minlength=len(grid.offers) + 1)
    o_now, o_before = grid.offer[:, year], grid.offer[:, last - YEAR_WEEKS:last]
    starting = (o_now > 0) & (o_now != o_before)
    pairs = np.bincount(o_now[starting].astype(np.int64) * (len(grid.benefits) + 1) + grid.benefit[:, year][starting],
                        minlength=(len(grid.offers) + 1) * (len(grid.benefits) + 1)).reshape(len(grid.offers) + 1, -1)
    bnames = [""] + grid.benefits
    offer_starts = {o: {bnames[b]: int(pairs[k + 1, b]) for b in np.nonzero(pairs[k + 1])[0]}
                    for k, o in enumerate(grid.offers) if pairs[k + 1].any()}
    return Flows(
        week, benefits, hazard, dest, inflow, readiness_on_entry,
        [str(p) for p in grid.person_ids[who]], pos[grid.benefit[who, last]], [names[r] for r in grid.readiness[who, last]],
        kept[who, YEAR_WEEKS], {o: int(offer_counts[k + 1]) for k, o in enumerate(grid.offers) if offer_counts[k + 1]},
        steps[who], offer_starts)


def _fill_empty_buckets(hazard: np.ndarray, counts: np.ndarray) -> None:
    """A duration bucket nobody reached borrows the nearest shorter bucket's hazard (else 0)."""
    for b in range(hazard.shape[0]):
        last = None
        for k in range(hazard.shape[1]):
            if counts[b, k] == 0 and last is not None:
                hazard[b, k] = hazard[b, last]
            elif counts[b, k] > 0:
                last = k


ARRAYS = ("hazard", "destination", "inflow", "state_benefit", "state_duration", "state_step")


def flows_to_bytes(flows: Flows) -> bytes:
    """A compact, exact copy of an estimate (numpy ``.npz``; lists and dicts as JSON)."""
    meta = {"week": flows.week, "benefits": flows.benefits, "readiness": flows.readiness,
            "state_readiness": flows.state_readiness, "offer_weeks": flows.offer_weeks,
            "offer_starts": flows.offer_starts}
    buf = io.BytesIO()
    np.savez_compressed(buf, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
                        state_person=np.array(flows.state_person, dtype=str),
                        **{k: getattr(flows, k) for k in ARRAYS})
    return buf.getvalue()


def flows_from_bytes(data: bytes) -> Flows:
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        meta = json.loads(z["meta"].tobytes().decode())
        arrays = {k: z[k] for k in ARRAYS}
        persons = [str(p) for p in z["state_person"]]
    readiness = {b: [(r, float(s)) for r, s in v] for b, v in meta["readiness"].items()}
    return Flows(meta["week"], meta["benefits"], arrays["hazard"], arrays["destination"], arrays["inflow"],
                 readiness, persons, arrays["state_benefit"], meta["state_readiness"], arrays["state_duration"],
                 meta["offer_weeks"], arrays["state_step"], meta.get("offer_starts", {}))
