"""The effect of starting an offer on self-support ``horizon`` weeks later (ATT).

Treatment: a person on a main benefit (a-dagpenge, kontanthjælp, uddannelseshjælp) has offer
``o`` in week ``s`` and not in ``s-1``. Comparison: persons on a main benefit with no offer
in week ``s``. Outcome: no panel row in week ``s + horizon``.

Estimator (docs/EFFECTS.md) — stratified, weighted and doubly robust:

1. **exact strata**: benefit × readiness × calendar week ``s``; a start is compared only with
   persons in its own stratum;
2. **outcome model** ``m0``: a logistic regression of the outcome on age, elapsed spell
   duration (any benefit and the same benefit), weeks on benefit the year before, earlier offers
   (in the spell, in the year before), benefit × readiness and quarter, fitted on the
   comparison rows;
3. **propensity** ``e``: per offer, a logistic regression of starting on the same features;
   comparison rows are weighted by the odds ``e / (1 - e)``, normalised within each stratum;
4. ATT = Σ over strata [Σ_treated (Y - m0) - n_treated × weighted mean_comparison (Y - m0)] / n_treated.

Right if either model is right (within strata). The 95 % interval is ATT ± 1.96 standard
errors clustered by person — the linearisation of step 4, i.e. a person-level bootstrap of it
with the two models held fixed — widened by ``MODEL_UNCERTAINTY`` for the models' own error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from .weekmatrix import MAIN_BENEFITS, EvidenceError, WeekMatrix, prefix_sum, run_length, window_sum

MIN_STARTS = 30
Z95 = 1.959964
#: The clustered standard error holds the two fitted models fixed. A person bootstrap that
#: refits them gave 1.07–1.19 × that error on the test simulator, and intervals of ± 1.96
#: analytic errors covered the true effect 38 times in 45; the factor makes up for the
#: models' own uncertainty (docs/EFFECTS.md, "Uncertainty").
MODEL_UNCERTAINTY = 1.25
MAX_FIT_ROWS = 150_000
SEED = 20260101


@dataclass
class Rows:
    """Eligible person-weeks: the starts of every offer and the comparison rows."""

    person: np.ndarray
    week: np.ndarray  # column s
    offer: np.ndarray  # offer code started in s, 0 = comparison row
    outcome: np.ndarray  # bool: self-supporting in s + horizon
    stratum: np.ndarray
    group: np.ndarray  # benefit * 16 + readiness
    x: np.ndarray  # standardised covariates


def eligible_rows(m: WeekMatrix, first: int, last: int, horizon: int) -> Rows:
    """Starts and comparison rows in columns ``first..last`` whose outcome week is in the panel."""
    first, last = max(first, 1), min(last, m.observed - 1 - horizon)
    if last < first:
        raise EvidenceError(
            f"Ingen uger at måle i: udfaldet {horizon} uger efter en start skal ligge i panelet, "
            f"som slutter i uge {m.week_of(m.observed - 1)}."
        )
    cols = slice(first, last + 1)
    b, o, o_prev = m.benefit[:, cols], m.offer[:, cols], m.offer[:, first - 1: last]
    main = np.isin(b, MAIN_BENEFITS)
    started = main & (o > 0) & (o != o_prev)
    compare = main & (o == 0)
    person, t = np.nonzero(started | compare)
    week = t + first
    offer = np.where(started[person, t], o[person, t], 0).astype(np.int16)
    outcome = m.benefit[person, week + horizon] == 0
    on = m.benefit > 0
    run_any = run_length(on)[person, week]
    same = on.copy()
    same[:, 1:] &= m.benefit[:, 1:] == m.benefit[:, :-1]
    run_same = _run_from_changes(on, same)[person, week]
    year_before = window_sum(prefix_sum(on), person, week - 52, week - 1)
    offered = prefix_sum(m.offer > 0)
    offer_in_spell = window_sum(offered, person, week - run_any + 1, week - 1)
    offer_year = window_sum(offered, person, week - 52, week - 1)
    group = m.benefit[person, week].astype(np.int16) * 16 + m.readiness[person, week]
    age = m.age_at(week, person)
    x = _covariates(age, run_any, run_same, year_before, offer_in_spell, offer_year, group, (week - first) // 13)
    stratum = np.unique(group.astype(np.int64) * 100_000 + week, return_inverse=True)[1]
    return Rows(person, week, offer, outcome, stratum, group, x)


def _run_from_changes(on: np.ndarray, continues: np.ndarray) -> np.ndarray:
    """Weeks in the current spell of the same benefit: the run restarts where the benefit changes."""
    out = np.zeros(on.shape, np.int16)
    run = np.zeros(on.shape[0], np.int16)
    for t in range(on.shape[1]):
        run = np.where(continues[:, t], run + 1, np.where(on[:, t], 1, 0)).astype(np.int16)
        out[:, t] = run
    return out


DURATION_BANDS = (4, 8, 13, 26, 39, 52, 78, 104)  # upper bounds in weeks; the last band is open
AGE_BANDS = (25, 30, 35, 40, 45, 50, 55, 60)


def _covariates(age: np.ndarray, run_any: np.ndarray, run_same: np.ndarray, year_before: np.ndarray,
                offer_in_spell: np.ndarray, offer_year: np.ndarray, group: np.ndarray, quarter: np.ndarray) -> np.ndarray:
    """Flexible in what confounds most: duration and age as bands plus smooth terms, and
    each benefit group with its own duration slope."""
    known = np.isfinite(age)
    a = np.where(known, age, np.nanmean(age) if known.any() else 40.0) - 40.0
    d, e = np.log1p(run_any.astype(float)), np.log1p(run_same.astype(float))
    cols = [a, a * a / 10, (~known).astype(float), d, d * d, e, year_before.astype(float),
            (offer_in_spell > 0).astype(float), np.log1p(offer_in_spell), np.log1p(offer_year)]
    band = np.searchsorted(DURATION_BANDS, run_any)
    cols += [(band == k).astype(float) for k in range(1, len(DURATION_BANDS) + 1)]
    age_band = np.searchsorted(AGE_BANDS, a + 40.0)
    cols += [(age_band == k).astype(float) for k in range(1, len(AGE_BANDS) + 1)]
    for g in np.unique(group)[1:]:
        cols += [(group == g).astype(float), (group == g) * d]
    cols += [(quarter == q).astype(float) for q in np.unique(quarter)[1:]]
    x = np.column_stack(cols)
    scale = x.std(axis=0)
    standardised: np.ndarray = (x - x.mean(axis=0)) / np.where(scale > 0, scale, 1.0)
    return standardised


def _fit_predict(x_fit: np.ndarray, y_fit: np.ndarray, x_all: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if len(y_fit) > MAX_FIT_ROWS:
        keep = rng.choice(len(y_fit), MAX_FIT_ROWS, replace=False)
        x_fit, y_fit = x_fit[keep], y_fit[keep]
    if y_fit.min() == y_fit.max():
        return np.full(len(x_all), float(y_fit[0]))
    model = LogisticRegression(C=10.0, solver="newton-cholesky", max_iter=100)
    with threadpool_limits(limits=1):  # on a shared 2-core machine a threaded BLAS is many times slower
        model.fit(x_fit, y_fit)
    prob: np.ndarray = model.predict_proba(x_all)[:, 1]
    return prob


@dataclass
class OfferEffect:
    offer: str
    starts: int
    treated_rate: float
    effect: float
    ci_low: float
    ci_high: float
    naive_effect: float
    matched: int

    def as_json(self) -> dict[str, float]:
        treated = round(self.treated_rate, 4)
        comparison = round(self.treated_rate - self.effect, 4)
        return {"starts": self.starts, "treated_rate": treated, "comparison_rate": comparison,
                "effect": round(treated - comparison, 4), "ci_low": round(self.ci_low, 4),
                "ci_high": round(self.ci_high, 4), "naive_effect": round(self.naive_effect, 4)}


def estimate(rows: Rows, offers: list[str], min_starts: int = MIN_STARTS,
             groups: np.ndarray | None = None) -> dict[str, OfferEffect]:
    """ATT per offer with at least ``min_starts`` starts (optionally only rows of ``groups``)."""
    if groups is not None:
        rows = _subset(rows, np.isin(rows.group, groups))
    rng = np.random.default_rng(SEED)
    control = rows.offer == 0
    if len(rows.offer) == 0 or control.sum() == 0:
        return {}
    y = rows.outcome.astype(float)
    m0 = _fit_predict(rows.x[control], rows.outcome[control], rows.x, rng)
    resid = y - m0
    person_idx = np.unique(rows.person, return_inverse=True)[1]
    out = {}
    for code in range(1, len(offers) + 1):
        treated = rows.offer == code
        n = int(treated.sum())
        if n < min_starts:
            continue
        pick = treated | control
        e = np.clip(_fit_predict(rows.x[pick], treated[pick], rows.x[control], rng), 1e-6, 0.995)
        effect, se, matched = _att(rows.stratum, resid, person_idx, treated, control, e / (1 - e))
        se *= MODEL_UNCERTAINTY
        treated_rate = float(y[treated].mean())
        out[offers[code - 1]] = OfferEffect(offers[code - 1], n, treated_rate, effect, effect - Z95 * se,
                                            effect + Z95 * se, treated_rate - float(y[control].mean()), matched)
    return out


def _att(stratum: np.ndarray, resid: np.ndarray, person: np.ndarray, treated: np.ndarray, control: np.ndarray,
         w: np.ndarray) -> tuple[float, float, int]:
    """ATT over strata with both starts and comparison rows, its person-clustered standard error
    (the linearisation of a person-level bootstrap, models held fixed) and the starts used."""
    size = int(stratum.max()) + 1
    ts, cs = stratum[treated], stratum[control]
    n1 = np.bincount(ts, minlength=size).astype(float)
    c_w = np.bincount(cs, w, size)
    c_sum = np.bincount(cs, w * resid[control], size)
    ok = (c_w > 0) & (n1 > 0)
    total = n1[ok].sum()
    if total == 0:
        return float("nan"), float("nan"), 0
    mu = np.divide(c_sum, c_w, out=np.zeros(size), where=c_w > 0)
    att = float(((resid[treated] - mu[ts]) * ok[ts]).sum() / total)
    psi = np.zeros(len(stratum))
    psi[treated] = np.where(ok[ts], resid[treated] - mu[ts] - att, 0.0) / total
    share = np.divide(n1, c_w, out=np.zeros(size), where=c_w > 0) / total
    psi[control] = np.where(ok[cs], -share[cs] * w * (resid[control] - mu[cs]), 0.0)
    by_person = np.bincount(person, psi)
    return att, float(np.sqrt((by_person ** 2).sum())), int(total)


def _subset(rows: Rows, keep: np.ndarray) -> Rows:
    return Rows(rows.person[keep], rows.week[keep], rows.offer[keep], rows.outcome[keep],
                np.unique(rows.stratum[keep], return_inverse=True)[1], rows.group[keep], rows.x[keep])


def effects(m: WeekMatrix, first_week: str, last_week: str, horizon: int = 26) -> dict[str, Any]:
    """The contract's JSON object for ``indsats effects``."""
    if horizon < 1:
        raise EvidenceError("--horizon skal være mindst 1 uge.")
    first, last = m.col(first_week), m.col(last_week)
    if last < first:
        raise EvidenceError(f"--to {last_week} ligger før --from {first_week}.")
    if last < 1 or first > m.observed - 1:
        raise EvidenceError(f"Perioden {first_week}–{last_week} ligger uden for panelet "
                            f"({m.week_of(0)}–{m.week_of(m.observed - 1)}).")
    rows = eligible_rows(m, first, last, horizon)
    found = estimate(rows, m.offers)
    return {"horizon": horizon, "offers": {k: v.as_json() for k, v in sorted(found.items())}}
