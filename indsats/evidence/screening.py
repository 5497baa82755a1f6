"""Early warning: the risk that a newly unemployed person is long-term unemployed a year on.

Model: an L2-regularised logistic regression on standardised features (scikit-learn). Chosen
over gradient boosting because its explanation is exact — a person's log-odds is the
intercept plus, per factor, Σ coefficient × standardised deviation from the average
trained-on person, so the factors shown add up to the score — and because it is
well calibrated on a municipality's few thousand cases, where boosting gains little on a
dozen register features (docs/SCREENING_MODEL_CARD.md).

Training: the cohorts of newly unemployed at every 4th week ``c`` with ``c + 52 <= w``
(the windows ``c-3 … c`` tile the weeks, so a start is in one cohort), using only the
panel up to ``w`` — preferring cohorts with three full years of history (``training_set``). ``auc_in_history`` is measured out of time: fitted on the older
three quarters of those cohorts, evaluated on the newest quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from threadpoolctl import threadpool_limits

from ..analytics import weeks
from .cohorts import CLEAN_BEFORE, LOOKBACK, MONTHS_DA, WINDOW, YEAR, Cohort, History, benefit_text
from .weekmatrix import EvidenceError, WeekMatrix

MIN_TRAINING = 200
MIN_PER_CLASS = 10
MAX_TRAINING = 400_000
MODEL_KIND = "logistic_regression_l2"

#: factor → (Danish words, columns it contributes); the order is the tie-break.
FACTORS_DA = {
    "age": "Alder",
    "benefit": "Ydelse og visitation",
    "on_benefit_now": "Stadig på ydelse i referenceugen",
    "weeks_since_start": "Uger siden ledigheden begyndte",
    "offer_since_start": "Aktivt tilbud siden ledigheden begyndte",
    "benefit_weeks_1y": "Uger på offentlig forsørgelse det seneste år",
    "benefit_weeks_2y": "Uger på offentlig forsørgelse 1–2 år før",
    "benefit_weeks_3y": "Uger på offentlig forsørgelse 2–3 år før",
    "gross_weeks_3y": "Uger som bruttoledig de seneste 3 år",
    "spells_3y": "Forløb på offentlig forsørgelse de seneste 3 år",
    "month": "Måned for referenceugen",
}


@dataclass
class Design:
    """Turns raw features into standardised model columns, each tagged with its factor."""

    age_mean: float
    categories: dict[str, list[int]]
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None

    @classmethod
    def learn(cls, raw: dict[str, np.ndarray]) -> Design:
        age = raw["age"]
        mean = float(np.nanmean(age)) if np.isfinite(age).any() else 40.0
        combos = sorted(set((raw["benefit"] * 16 + raw["readiness"]).tolist()))
        return cls(mean, {"benefit": combos})

    def columns(self, raw: dict[str, np.ndarray]) -> tuple[np.ndarray, list[str]]:
        age = raw["age"]
        known = np.isfinite(age)
        a = np.where(known, age, self.age_mean) - 40.0
        cols: list[np.ndarray] = [a, a * a / 10.0, (~known).astype(float)]
        tags = ["age", "age", "age"]
        combo = raw["benefit"] * 16 + raw["readiness"]
        for value in self.categories["benefit"][1:]:
            cols.append((combo == value).astype(float))
            tags.append("benefit")
        angle = 2 * np.pi * (raw["month"] - 1) / 12  # the season as a smooth curve: two parameters
        cols += [np.sin(angle), np.cos(angle)]
        tags += ["month", "month"]
        for name in ("on_benefit_now", "weeks_since_start", "offer_since_start"):
            cols.append(raw[name].astype(float))
            tags.append(name)
        for name in ("benefit_weeks_1y", "benefit_weeks_2y", "benefit_weeks_3y", "gross_weeks_3y"):
            cols += [raw[name].astype(float), (raw[name] > 0).astype(float)]
            tags += [name, name]
        cols.append(np.log1p(raw["spells_3y"].astype(float)))
        tags.append("spells_3y")
        return np.column_stack(cols), tags

    def standardised(self, raw: dict[str, np.ndarray], fit: bool = False) -> tuple[np.ndarray, list[str]]:
        x, tags = self.columns(raw)
        if fit:
            self.mean = x.mean(axis=0)
            scale = x.std(axis=0)
            self.scale = np.where(scale > 0, scale, 1.0)
        return (x - self.mean) / self.scale, tags


class Factor(TypedDict):
    factor: str  # Danish name
    value: str  # the person's value in words
    effect: float  # its share of the log-odds


class ScreenedPerson(TypedDict):
    person_id: str
    probability: float
    factors: list[Factor]  # largest effect first


# (features by name, long-term unemployed, cohort reference week) per training person
TrainingSet = tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]


@dataclass
class Screening:
    as_of: str
    trained_on: int
    auc_in_history: float | None
    persons: list[ScreenedPerson]

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "model": {"kind": MODEL_KIND, "trained_on": self.trained_on,
                      "auc_in_history": None if self.auc_in_history is None else round(self.auc_in_history, 4)},
            "persons": self.persons,
        }


def training_cohorts(history: History, ref: int, need: int = 0) -> list[Cohort]:
    """Every 4th week back from ``ref - 52`` whose ``need`` weeks of history before the
    cohort's window (at least the 4 clean weeks) lie inside the panel."""
    earliest = WINDOW - 1 + max(need, CLEAN_BEFORE)
    refs = list(range(ref - YEAR, earliest - 1, -WINDOW))[::-1]
    return [history.newly_unemployed(c) for c in refs]


def _enough(y: np.ndarray) -> bool:
    return len(y) >= MIN_TRAINING and y.sum() >= MIN_PER_CLASS and (~y).sum() >= MIN_PER_CLASS


def training_set(history: History, ref: int) -> TrainingSet | tuple[np.ndarray]:
    """The cohorts with the fullest history that still give enough to train on.

    The history features count weeks up to 3 years back; a cohort near the panel's start sees
    only part of that window and would teach the model that history matters less. So the
    cohorts with 3 full years before them are used when they suffice, else those with 1 year,
    else all (docs/SCREENING_MODEL_CARD.md)."""
    found: TrainingSet | tuple[np.ndarray] = (np.zeros(0, bool),)  # no cohort: no outcomes
    for need in (3 * YEAR, YEAR, 0):
        cohorts = [c for c in training_cohorts(history, ref, need) if len(c.rows)]
        if not cohorts:
            continue
        found = _stack(history, cohorts)
        if _enough(found[1]):
            break
    return found


def _stack(history: History, cohorts: list[Cohort]) -> TrainingSet:
    raws = [history.features(c) for c in cohorts]
    ys = [history.long_term_unemployed(c) for c in cohorts]
    when = [np.full(len(c.rows), c.ref) for c in cohorts]
    raw = {k: np.concatenate([r[k] for r in raws]) for k in raws[0]}
    return raw, np.concatenate(ys), np.concatenate(when)


def _take(raw: dict[str, np.ndarray], keep: np.ndarray) -> dict[str, np.ndarray]:
    return {k: v[keep] for k, v in raw.items()}


def _fit(raw: dict[str, np.ndarray], y: np.ndarray) -> tuple[Design, LogisticRegression]:
    design = Design.learn(raw)
    x, _ = design.standardised(raw, fit=True)
    model = LogisticRegression(C=1.0, solver="newton-cholesky", max_iter=100)
    with threadpool_limits(limits=1):  # a threaded BLAS on a shared 2-core machine is many times slower
        model.fit(x, y)
    return design, model


def _too_little(ref_week: str, n: int, positives: int) -> EvidenceError:
    return EvidenceError(
        f"For lidt historik til at træne screeningen før uge {ref_week}: {n} nyledige med kendt udfald "
        f"({positives} langtidsledige et år efter). Der kræves mindst {MIN_TRAINING} personer og mindst "
        f"{MIN_PER_CLASS} med og {MIN_PER_CLASS} uden langtidsledighed, dvs. et panel der går mindst "
        f"{YEAR + LOOKBACK + 1} uger tilbage fra referenceugen."
    )


def screen(m: WeekMatrix, as_of: str) -> Screening:
    """Score the newly unemployed at ``as_of`` with a model trained on the panel up to it."""
    ref = m.col(as_of)
    if ref >= m.weeks:
        raise EvidenceError(f"Referenceugen {as_of} ligger efter panelets sidste uge.")
    history = History(m)
    known = min(ref, m.observed - 1)  # outcomes only from weeks the panel covers
    found = training_set(history, known) if known >= YEAR + LOOKBACK else (np.zeros(0, bool),)
    if len(found) == 1 or not _enough(found[1]):
        y = found[-2] if len(found) == 3 else found[0]
        raise _too_little(as_of, len(y), int(y.sum()))
    raw, y, when = found
    if len(y) > MAX_TRAINING:  # the newest cohorts first: they are most like today's
        keep = np.argsort(-when, kind="stable")[:MAX_TRAINING]
        raw, y, when = _take(raw, keep), y[keep], when[keep]
    auc = _auc_out_of_time(raw, y, when)
    design, model = _fit(raw, y)
    if ref < LOOKBACK:
        scored = Cohort(ref, np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    else:
        scored = history.newly_unemployed(ref)
    persons = _explain(m, design, model, history.features(scored), scored) if len(scored.rows) else []
    return Screening(as_of, int(len(y)), auc, persons)


def _auc_out_of_time(raw: dict[str, np.ndarray], y: np.ndarray, when: np.ndarray) -> float | None:
    cut = np.quantile(when, 0.75)
    old, new = when < cut, when >= cut
    if old.sum() >= MIN_TRAINING and len(set(y[old])) == 2 and len(set(y[new])) == 2:
        design, model = _fit(_take(raw, old), y[old])
        x, _ = design.standardised(_take(raw, new))
        return float(roc_auc_score(y[new], model.predict_proba(x)[:, 1]))
    if len(set(y)) == 2:  # too few cohorts to hold some out: in-sample
        design, model = _fit(raw, y)
        x, _ = design.standardised(raw)
        return float(roc_auc_score(y, model.predict_proba(x)[:, 1]))
    return None


def predict(design: Design, model: LogisticRegression, raw: dict[str, np.ndarray]) -> np.ndarray:
    x, _ = design.standardised(raw)
    prob: np.ndarray = model.predict_proba(x)[:, 1]
    return prob


def _explain(m: WeekMatrix, design: Design, model: LogisticRegression, raw: dict[str, np.ndarray],
             cohort: Cohort) -> list[ScreenedPerson]:
    x, tags = design.standardised(raw)
    prob = model.predict_proba(x)[:, 1]
    contrib = x * model.coef_[0][None, :]
    names = list(FACTORS_DA)
    by_factor = np.column_stack([contrib[:, [j for j, t in enumerate(tags) if t == name]].sum(axis=1)
                                 for name in names])
    out: list[ScreenedPerson] = []
    for i in np.argsort(m.person_ids[cohort.rows], kind="stable"):
        order = sorted(range(len(names)), key=lambda k: -abs(by_factor[i, k]))
        factors: list[Factor] = [{"factor": FACTORS_DA[names[k]], "value": _value_text(names[k], raw, i),
                    "effect": round(float(by_factor[i, k]), 4)} for k in order]
        out.append({"person_id": str(m.person_ids[cohort.rows[i]]), "probability": round(float(prob[i]), 4),
                    "factors": factors})
    return out


def _value_text(name: str, raw: dict[str, np.ndarray], i: int) -> str:
    value = raw[name][i]
    if name == "age":
        return "ukendt" if not np.isfinite(value) else f"{int(value)} år"
    if name == "benefit":
        return benefit_text(int(value), int(raw["readiness"][i]))
    if name in ("on_benefit_now", "offer_since_start"):
        return "ja" if value else "nej"
    if name == "month":
        return MONTHS_DA[int(value) - 1]
    if name == "spells_3y":
        return f"{int(value)} forløb"
    return f"{int(value)} uger"


def week_after(week: str, n: int) -> str:
    return weeks.from_index(weeks.index(week) + n)
