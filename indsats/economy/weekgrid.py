"""The panel as dense person × week arrays for the what-if flows (``flows.py``), and each
person's week number on the staircase in the last week, computed on those arrays.

Reading: the Arrow panel's ``person_id``, ``week``, ``benefit``, ``readiness`` and ``offer``
columns are each dictionary-encoded once (nearly free for a small column of a Parquet file read
with ``read_dictionary``; else one Arrow hash pass — no sort, no window), then scattered into ``int16`` matrices with one column per ISO week from the
panel's first week (or 53 weeks before the last, whichever is earlier) to the last week asked
for. Code 0 = none; code *k* = the *k*-th name (sorted). ``present`` marks a panel row (a row
with an unknown or empty benefit is a row: it is not self-support).

The staircase (contracts/economy.md, the conventions of docs/ECONOMY.md) walks the weeks once,
vectorised over persons: a counted week (a row whose benefit has a rate that week) starts a
period when the person has none yet or when the weeks without any row in
``[max(start + 1, w − window), w − 1]`` number at least ``need`` (§ 6), read from a prefix sum
of the weeks without a row. It equals the Ibis engine's ``period_steps`` (tested).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..analytics import weeks
from .expenditure import week_rates
from .rates import Rate
from .staircase import StaircaseRule, load_rules

PAD_WEEKS = 53  # columns kept before the last week at least (a year of flows and the week before)


@dataclass
class WeekGrid:
    """Row ``i`` is ``person_ids[i]`` (sorted); column ``t`` is ISO week index ``first_idx + t``."""

    person_ids: np.ndarray
    first_idx: int
    present: np.ndarray  # bool: the person has a panel row that week
    benefit: np.ndarray  # int16: 0 = none, k = benefits[k - 1]
    benefits: list[str]
    readiness: np.ndarray
    readiness_names: list[str]
    offer: np.ndarray
    offers: list[str]

    @property
    def last_idx(self) -> int:
        return int(self.first_idx + self.present.shape[1] - 1)


def _encode(table: pa.Table, name: str) -> tuple[np.ndarray, list[str]]:
    """(codes: 0 = null/empty, k = names[k - 1]; sorted names). A dictionary-encoded column (a
    Parquet file read with ``read_dictionary``) costs only its indices; a plain one is hashed once."""
    if name not in table.column_names:
        return np.zeros(table.num_rows, dtype=np.int32), []
    col = table.column(name)
    if not pa.types.is_dictionary(col.type):
        col = pc.dictionary_encode(col)
    if not col.num_chunks:
        return np.zeros(0, dtype=np.int32), []
    first = col.chunk(0).dictionary
    if not all(c.dictionary.equals(first) for c in col.chunks[1:]):  # one encoding shares its dictionary
        col = col.unify_dictionaries()
    dictionary = [None if x is None else str(x) for x in col.chunk(0).dictionary.to_pylist()]
    names = sorted({x for x in dictionary if x})
    code = {n: k + 1 for k, n in enumerate(names)}
    lookup = np.array([code.get(x, 0) if x else 0 for x in dictionary] + [0], dtype=np.int32)
    parts = [np.asarray(pc.fill_null(c.indices, len(dictionary)).to_numpy(zero_copy_only=False)) for c in col.chunks]
    return lookup[np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)], names


def week_grid(table: pa.Table, last_week: str) -> WeekGrid:
    """The panel's rows up to ``last_week`` as dense matrices (column-major: a week is contiguous)."""
    last = weeks.index(last_week)
    week_codes, week_names = _encode(table, "week")
    idx_of = np.array([-1] + [weeks.index(w) if weeks.is_week(w) else -1 for w in week_names], dtype=np.int32)
    idx = idx_of[week_codes]
    person_codes, person_names = _encode(table, "person_id")
    keep = (idx >= 0) & (idx <= last) & (person_codes > 0)
    every = bool(keep.all())
    if not every:
        idx, person_codes = idx[keep], person_codes[keep]
    first = min(int(idx.min()) if idx.size else last, last - PAD_WEEKS)
    n_weeks, n = last - first + 1, len(person_names)
    flat = (idx.astype(np.int64) - first) * n + (person_codes - 1)
    shape = (n, n_weeks)
    present = np.zeros(shape, dtype=bool, order="F")
    present.ravel(order="F")[flat] = True
    out = {}
    for name in ("benefit", "readiness", "offer"):
        codes, names = _encode(table, name)
        matrix = np.zeros(shape, dtype=np.int16, order="F")
        matrix.ravel(order="F")[flat] = codes if every else codes[keep]
        out[name] = (matrix, names)
    return WeekGrid(np.array(person_names, dtype=object), first, present, out["benefit"][0], out["benefit"][1],
                    out["readiness"][0], out["readiness"][1], out["offer"][0], out["offer"][1])


def rated_weeks(grid: WeekGrid, rates: list[Rate]) -> np.ndarray:
    """bool [benefit code, column]: the benefit has a rate in force on the week's Monday."""
    rated = np.zeros((len(grid.benefits) + 1, grid.present.shape[1]), dtype=bool)
    if not rates:
        return rated
    table = week_rates(rates, grid.first_idx, grid.last_idx, load_rules())
    code = {b: k + 1 for k, b in enumerate(grid.benefits)}
    for benefit, rows in table.groupby("benefit"):
        if benefit in code:
            rated[code[benefit], rows["idx"].to_numpy() - grid.first_idx] = True
    return rated


def week_numbers(grid: WeekGrid, rates: list[Rate], rule: StaircaseRule) -> np.ndarray:
    """Each person's week number in the period in the grid's last week (0 = not counted then)."""
    n, n_weeks = grid.present.shape
    rated = rated_weeks(grid, rates)
    free = np.zeros((n, n_weeks + 1), dtype=np.int32, order="F")
    np.cumsum(~grid.present, axis=1, out=free[:, 1:])
    start = np.full(n, -1, dtype=np.int64)
    number = np.zeros(n, dtype=np.int64)
    need, window = rule.self_support_weeks, rule.window_weeks
    counted = np.zeros(n, dtype=bool)
    for t in range(n_weeks):
        counted = rated[grid.benefit[:, t], t]
        who = np.nonzero(counted)[0]
        if not who.size:
            continue
        s = start[who]
        lo = np.maximum(s + 1, t - window)
        new = (s < 0) | (free[who, t] - free[who, np.clip(lo, 0, n_weeks)] >= need)
        start[who[new]] = t
        number[who[new]] = 0
        number[who] += 1
    return np.where(counted, number, 0)


def steps_now(table: pa.Table, rates: list[Rate], week: str) -> list[tuple[str, str, int]]:
    """(person_id, benefit, week number in the period) of each person with a counted week in
    ``week``, by person — what ``monthly.steps_in_week`` gives from the Ibis engine, on the grid."""
    from .staircase import rule_at

    grid = week_grid(table, week)
    steps = week_numbers(grid, rates, rule_at(weeks.monday(week)))
    return [(str(grid.person_ids[i]), grid.benefits[int(grid.benefit[i, -1]) - 1], int(steps[i]))
            for i in np.nonzero(steps)[0]]
