"""Who is newly unemployed at a week, their features from the panel, and their outcome.

Definitions (contracts/effects.md, contracts/kpis.md), for reference column ``c``:

* **newly unemployed**: gross unemployed in some week ``c-3 … c``; with ``f`` the first such
  week, no benefit at all in ``f-4 … f-1``;
* **long-term unemployed at ``c + 52``**: gross unemployed in that week and in at least 42 of
  the 52 weeks ending with it.

Every feature of a person at ``c`` reads columns ``<= c`` only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..analytics.panel import BENEFITS, READINESS
from ..domain.labels import BENEFIT_DA, READINESS_DA
from .weekmatrix import WeekMatrix, prefix_sum, window_sum

WINDOW = 4  # the reference week and the three before it
CLEAN_BEFORE = 4  # weeks without benefit before the first gross week
LOOKBACK = WINDOW - 1 + CLEAN_BEFORE  # columns a cohort needs before its reference column
YEAR = 52
LONG_TERM_WEEKS = 42


@dataclass
class Cohort:
    """The newly unemployed at column ``ref``: matrix rows and the column of their first gross week."""

    ref: int
    rows: np.ndarray
    start: np.ndarray


class History:
    """Prefix sums over the matrix, computed once and shared by every cohort."""

    def __init__(self, m: WeekMatrix):
        self.m = m
        self.gross = m.gross_unemployed()
        on = m.on_benefit()
        self.on = prefix_sum(on)
        self.gross_sum = prefix_sum(self.gross)
        starts = on.copy()
        starts[:, 1:] &= ~on[:, :-1]
        self.starts = prefix_sum(starts)
        self.offered = prefix_sum(m.offer > 0)
        del on, starts

    def newly_unemployed(self, ref: int) -> Cohort:
        window = self.gross[:, ref - WINDOW + 1: ref + 1]
        rows = np.flatnonzero(window.any(axis=1))
        start = ref - WINDOW + 1 + window[rows].argmax(axis=1)
        clean = window_sum(self.on, rows, start - CLEAN_BEFORE, start - 1) == 0
        return Cohort(ref, rows[clean], start[clean])

    def long_term_unemployed(self, cohort: Cohort) -> np.ndarray:
        """Outcome at ``ref + 52`` (needs that column in the matrix)."""
        week = cohort.ref + YEAR
        rows = cohort.rows
        count = window_sum(self.gross_sum, rows, np.full(len(rows), week - YEAR + 1), np.full(len(rows), week))
        outcome: np.ndarray = self.gross[rows, week] & (count >= LONG_TERM_WEEKS)
        return outcome

    def features(self, cohort: Cohort) -> dict[str, np.ndarray]:
        """Raw features, one array per name, aligned with ``cohort.rows``."""
        m, rows, f, c = self.m, cohort.rows, cohort.start, cohort.ref
        n = len(rows)
        ref = np.full(n, c)
        # The latest week on a benefit in f..c: its benefit and readiness describe the person now.
        cols = np.arange(c - WINDOW + 1, c + 1)
        on = (m.benefit[np.ix_(rows, cols)] > 0) & (cols[None, :] >= f[:, None])
        last = cols[WINDOW - 1 - on[:, ::-1].argmax(axis=1)]
        return {
            "age": m.age_at(c, rows),
            "benefit": m.benefit[rows, last].astype(np.int16),
            "readiness": m.readiness[rows, last].astype(np.int16),
            "on_benefit_now": m.benefit[rows, c] > 0,
            "weeks_since_start": (c - f).astype(np.float64),
            "offer_since_start": window_sum(self.offered, rows, f, ref) > 0,
            "benefit_weeks_1y": window_sum(self.on, rows, f - YEAR, f - 1),
            "benefit_weeks_2y": window_sum(self.on, rows, f - 2 * YEAR, f - YEAR - 1),
            "benefit_weeks_3y": window_sum(self.on, rows, f - 3 * YEAR, f - 2 * YEAR - 1),
            "gross_weeks_3y": window_sum(self.gross_sum, rows, f - 3 * YEAR, f - 1),
            "spells_3y": window_sum(self.starts, rows, f - 3 * YEAR, f - 1),
            "month": np.full(n, m_month(m, c), dtype=np.int16),
        }


MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
             "oktober", "november", "december")


def m_month(m: WeekMatrix, col: int) -> int:
    from ..analytics import weeks

    return weeks.monday_of_index(m.first_idx + col).month


def benefit_text(benefit: int, readiness: int) -> str:
    text = BENEFIT_DA.get(BENEFITS[benefit - 1], BENEFITS[benefit - 1]) if benefit else "Ingen ydelse"
    if readiness:
        text += ", " + READINESS_DA.get(READINESS[readiness - 1], READINESS[readiness - 1]).lower()
    return text
