"""The kept risk scores of the week: the screening of the newly unemployed, computed once per
municipality and week and kept in ``kept_risk_scores`` so the caseworker's list is paged in SQL.

``warm_all`` is run by ``indsats serve``'s background refresh (``background.py``) and by
``indsats risk-refresh``; ``ensure_kept`` computes on the list's first load when nothing is kept yet.
The scores are a support: no deadline, decision or priority is derived from them.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, func, insert, select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.evidence.errors import EvidenceError
from indsats.store.db import Database
from indsats.store.evidence_tables import KeptRiskScoreRow
from indsats.store.tables import CitizenRow

from .panel_matrix import municipality_matrix

BANDS = ("lav", "middel", "høj")
#: Probability cut-offs of the bands: below 0.20 lav, below 0.40 middel, else høj.
CUTOFFS = (0.20, 0.40)
HISTORY_YEARS = 5
#: (municipality, week) → why nothing could be scored, so neither the list nor the refresh retries it.
NOTHING: dict[tuple[str, str], str] = {}


def band_rank(probability: float) -> int:
    return sum(probability >= c for c in CUTOFFS)


def band_of(probability: float) -> str:
    return BANDS[band_rank(probability)]


def compute_scores(db: Database, code: str, week: str) -> tuple[list[dict], str]:
    """(the screened persons, the model version) of ``week``; raises ``EvidenceError`` when the data cannot answer."""
    from indsats.evidence.screening import MODEL_KIND, screen  # NumPy, scikit-learn: loaded on use

    end = weeks.monday(week) + timedelta(days=6)
    matrix = municipality_matrix(db, code, date(end.year - HISTORY_YEARS, 1, 1), end, week)
    result = screen(matrix, week)
    return list(result.persons), f"{MODEL_KIND} (trænet på {result.trained_on:,} forløb)".replace(",", ".")


def is_kept(db: Database, code: str, week: str) -> bool:
    with db.unit_of_work() as s:
        return bool(s.scalar(select(func.count()).select_from(KeptRiskScoreRow).where(
            KeptRiskScoreRow.municipality_code == code, KeptRiskScoreRow.week == week)))


def refresh(db: Database, code: str, week: str) -> int:
    """Compute and keep the week's scores, replacing the municipality's earlier rows; returns how many."""
    try:
        scored, version = compute_scores(db, code, week)
    except EvidenceError as exc:
        NOTHING[(code, week)] = str(exc)
        return 0
    now = clock.now()
    prefix = f"{code}-"
    by_id = {int(p["person_id"][len(prefix):]): p for p in scored if p["person_id"].startswith(prefix)}
    with db.unit_of_work() as s:
        known = set(s.scalars(select(CitizenRow.id).where(CitizenRow.municipality_code == code)))
        rows = [{"municipality_code": code, "week": week, "citizen_id": cid, "band": band_of(p["probability"]),
                 "band_rank": band_rank(p["probability"]), "probability": float(p["probability"]),
                 "factors": [[f["factor"], f["value"], "øger" if f["effect"] > 0 else "mindsker"]
                             for f in p["factors"][:3]],
                 "model_version": version[:60], "computed_at": now}
                for cid, p in sorted(by_id.items()) if cid in known]
        s.execute(delete(KeptRiskScoreRow).where(KeptRiskScoreRow.municipality_code == code))
        if rows:
            s.execute(insert(KeptRiskScoreRow), rows)
    if not rows:
        NOTHING[(code, week)] = "Ingen nyledige at vurdere i denne uge."
    return len(rows)


def refresh_current(db: Database, code: str, day: date | None = None) -> tuple[str, int, str]:
    """``refresh`` of the current week, even when kept (``indsats risk-scores refresh``):
    (the week, how many kept, why none)."""
    week = weeks.last_full_week(day or clock.today())
    NOTHING.pop((code, week), None)
    kept = refresh(db, code, week)
    return week, kept, NOTHING.get((code, week), "")


def ensure_kept(db: Database, code: str, week: str) -> str:
    """Keep the week's scores when none are; returns why there are none ("" when kept)."""
    if not is_kept(db, code, week) and (code, week) not in NOTHING:
        refresh(db, code, week)
    return NOTHING.get((code, week), "")


def warm_all(db: Database, day: date | None = None) -> list[str]:
    """Keep the current week's scores of every municipality with screening on; returns the codes computed."""
    from .risk_list import screening_enabled

    week = weeks.last_full_week(day or clock.today())
    with db.unit_of_work() as s:
        codes = sorted(s.scalars(select(CitizenRow.municipality_code).distinct()))
    done = []
    for code in codes:
        if screening_enabled(code) and not is_kept(db, code, week) and (code, week) not in NOTHING:
            refresh(db, code, week)
            done.append(code)
    return done
