"""How well the screening does on cohorts it was not given: discrimination (AUC) and calibration,
overall and by gender, age band and origin where the persons file has them.

For each reference week ``w`` the model is trained on the panel up to ``w`` (exactly as
``indsats screening`` does), the newly unemployed at ``w`` are scored, and their outcome at
``w + 52`` is read from the full panel. The figures go into docs/SCREENING_MODEL_CARD.md, and a
municipality can produce its own with ``indsats screening-check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
from sklearn.metrics import roc_auc_score

from .cohorts import YEAR, History
from .screening import screen
from .weekmatrix import EvidenceError, WeekMatrix

AGE_BANDS = ((0, 30, "under 30"), (30, 50, "30–49"), (50, 200, "50 og derover"))


@dataclass
class Scored:
    probability: np.ndarray
    outcome: np.ndarray
    groups: dict[str, np.ndarray]  # dimension → label per person
    trained_on: list[int]


def score_held_out(full: WeekMatrix, weeks: list[str]) -> Scored:
    """Scores of the newly unemployed at each week (model trained up to it) with their outcomes."""
    history = History(full)
    probs, outcomes, ages, trained = [], [], [], []
    rows_all = []
    for week in weeks:
        col = full.col(week)
        if col + YEAR >= full.observed:
            raise EvidenceError(f"Uge {week}: udfaldet et år efter ligger efter panelets sidste uge.")
        result = screen(_cut(full, col), week)
        prob = {p["person_id"]: p["probability"] for p in result.persons}
        cohort = history.newly_unemployed(col)
        probs.append(np.array([prob[i] for i in full.person_ids[cohort.rows]]))
        outcomes.append(history.long_term_unemployed(cohort))
        ages.append(full.age_at(col, cohort.rows))
        rows_all.append(cohort.rows)
        trained.append(result.trained_on)
    rows = np.concatenate(rows_all)
    age = np.concatenate(ages)
    groups = {"alder": np.select([(age >= lo) & (age < hi) for lo, hi, _ in AGE_BANDS],
                                 [label for _, _, label in AGE_BANDS], "ukendt")}
    for column, name in (("gender", "køn"), ("origin", "herkomst")):
        if column in full.extra:
            groups[name] = full.extra[column][rows]
    return Scored(np.concatenate(probs), np.concatenate(outcomes), groups, trained)


def _cut(full: WeekMatrix, col: int) -> WeekMatrix:
    """The matrix up to column ``col``: what ``indsats screening`` at that week is given."""
    keep = slice(0, col + 1)
    return WeekMatrix(full.person_ids, full.first_idx, full.benefit[:, keep], full.readiness[:, keep],
                      full.offer[:, keep], full.offers, full.birth_ordinal, full.extra, min(full.observed, col + 1))


class Figures(TypedDict):
    persons: int
    observed: float | None
    predicted: float | None
    auc: float | None
    deciles: list[tuple[float, float, int]]  # (mean predicted, observed share, persons), lowest first


def figures(p: np.ndarray, y: np.ndarray) -> Figures:
    """AUC, mean predicted and observed, and the calibration slope-free check by decile."""
    y = y.astype(bool)
    order = np.argsort(p, kind="stable")
    return {"persons": int(len(y)), "observed": round(float(y.mean()), 4) if len(y) else None,
            "predicted": round(float(p.mean()), 4) if len(y) else None,
            "auc": round(float(roc_auc_score(y, p)), 4) if 0 < y.sum() < len(y) else None,
            "deciles": [(round(float(p[d].mean()), 4), round(float(y[d].mean()), 4), int(len(d)))
                        for d in np.array_split(order, 10) if len(d)]}


def model_card(scored: Scored) -> dict[str, Any]:
    """Overall and per-group figures."""
    card: dict[str, Any] = {"overall": figures(scored.probability, scored.outcome), "groups": {}}
    for dimension, labels in scored.groups.items():
        card["groups"][dimension] = {
            str(label): {k: v for k, v in figures(scored.probability[labels == label],
                                                  scored.outcome[labels == label]).items() if k != "deciles"}
            for label in sorted(set(labels.tolist()))
        }
    return card
