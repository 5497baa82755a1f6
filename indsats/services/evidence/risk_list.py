"""The caseworker's risk list: the newly unemployed of the caseload with the screening's band and
reasons, and the caseworker's own assessment shown first (docs/SCREENING_MODEL_CARD.md).

- On only when the municipality's plan says ``evidence: {screening: true}``.
- The band (lav, middel, høj) and its three strongest reasons are a support; no deadline,
  decision or priority anywhere in indsats is derived from them.
- Every view writes one audit row per citizen shown; recording an assessment writes one too.
- The screening is recomputed from the store's panel once per municipality and week.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.evidence.errors import EvidenceError
from indsats.plan import PlanError, load_plan
from indsats.plan.library import plan_files
from indsats.store.db import Database
from indsats.store.evidence_tables import RiskAssessmentRow
from indsats.store.tables import CitizenRow

from ..accounts.access import ensure_may_read_citizen, ensure_role
from ..accounts.audit import record_read, record_reads
from ..shared.errors import InvalidInput, NotFound
from ..steering.panel_export import export_panel

READERS = (Role.CASEWORKER, Role.TEAM_LEADER)
BANDS = ("lav", "middel", "høj")
#: Probability cut-offs of the bands: below 0.20 lav, below 0.40 middel, else høj.
CUTOFFS = (0.20, 0.40)
PAGE_SIZE = 50
HISTORY_YEARS = 5
_CACHE: dict[tuple[str, str], tuple[list[dict], str]] = {}


def band_of(probability: float) -> str:
    return BANDS[sum(probability >= c for c in CUTOFFS)]


@dataclass(frozen=True)
class Assessment:
    band: str
    note: str
    username: str
    recorded_at: datetime


@dataclass(frozen=True)
class RiskLine:
    citizen_id: int
    name: str
    own: Assessment | None
    band: str
    probability: float
    reasons: list[tuple[str, str, str]]  # (factor, value, "øger"/"mindsker")


@dataclass
class RiskList:
    enabled: bool
    week: str
    lines: list[RiskLine] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    note: str = ""


def screening_enabled(code: str) -> bool:
    """The newest plan of the municipality that parses decides; no plan → off."""
    found = []
    for path in plan_files().values():
        try:
            plan = load_plan(path)
        except PlanError:
            continue
        if plan.municipality.code == code:
            found.append((plan.year, path.stem.startswith("demo-"), plan.evidence.screening))
    return max(found)[2] if found else False


def _scores(db: Database, code: str, week: str, day: date) -> tuple[list[dict], str]:
    key = (code, week)
    if key not in _CACHE:
        import pyarrow.parquet as pq  # Arrow, NumPy, scikit-learn: loaded on the first list, not at start-up

        from indsats.evidence.screening import screen
        from indsats.evidence.weekmatrix import read_matrix

        panel, persons = export_panel(db, code, date(day.year - HISTORY_YEARS, 1, 1),
                                      weeks.monday(week) + timedelta(days=6))
        try:
            if panel.num_rows == 0:
                raise EvidenceError("Der er ingen ydelsesforløb i kommunens data endnu.")
            with tempfile.TemporaryDirectory() as tmp:
                pq.write_table(panel, Path(tmp) / "panel.parquet")
                pq.write_table(persons, Path(tmp) / "persons.parquet")
                matrix = read_matrix(Path(tmp) / "panel.parquet", Path(tmp) / "persons.parquet", week)
            _CACHE[key] = (screen(matrix, week).persons, "")
        except EvidenceError as exc:
            _CACHE[key] = ([], str(exc))
    return _CACHE[key]


def risk_list(db: Database, user: User, page: int = 1, as_of: date | None = None) -> RiskList:
    ensure_role(user, *READERS)
    code = user.municipality_code
    day = as_of or clock.today()
    week = weeks.last_full_week(day)
    if not screening_enabled(code):
        return RiskList(False, week, note="Kommunen har ikke slået tidlig opsporing til i sin beskæftigelsesplan.")
    scored, note = _scores(db, code, week, day)
    by_citizen = {int(p["person_id"].split("-", 1)[1]): p for p in scored if p["person_id"].startswith(f"{code}-")}
    with db.unit_of_work() as s:
        query = select(CitizenRow).where(CitizenRow.id.in_(list(by_citizen)), CitizenRow.municipality_code == code)
        if user.role == Role.CASEWORKER:
            query = query.where(CitizenRow.caseworker_id == user.caseworker_id)
        citizens = list(s.scalars(query.order_by(CitizenRow.id)))
        citizens.sort(key=lambda c: -by_citizen[c.id]["probability"])
        pages = max(1, -(-len(citizens) // PAGE_SIZE))
        page = min(max(page, 1), pages)
        shown = citizens[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        own = _latest_assessments(s, [c.id for c in shown])
        lines = [_line(c, by_citizen[c.id], own.get(c.id)) for c in shown]
        record_reads(s, user, [c.id for c in shown], f"Tidlig opsporing: risikoliste uge {week} (side {page})")
    return RiskList(True, week, lines, len(citizens), page, pages, note)


def _latest_assessments(s, ids: list[int]) -> dict[int, Assessment]:
    if not ids:
        return {}
    newest = (select(RiskAssessmentRow.citizen_id, func.max(RiskAssessmentRow.id).label("id"))
              .where(RiskAssessmentRow.citizen_id.in_(ids)).group_by(RiskAssessmentRow.citizen_id).subquery())
    rows = s.scalars(select(RiskAssessmentRow).join(newest, newest.c.id == RiskAssessmentRow.id))
    return {r.citizen_id: Assessment(r.band, r.note, r.username, r.recorded_at) for r in rows}


def _line(citizen: CitizenRow, scored: dict, own: Assessment | None) -> RiskLine:
    reasons = [(f["factor"], f["value"], "øger" if f["effect"] > 0 else "mindsker") for f in scored["factors"][:3]]
    return RiskLine(citizen.id, f"{citizen.first_name} {citizen.last_name}", own, band_of(scored["probability"]),
                    scored["probability"], reasons)


def record_assessment(db: Database, user: User, citizen_id: int, band: str, note: str) -> None:
    """The caseworker's own assessment of the risk; audited."""
    ensure_role(user, *READERS)
    if band not in BANDS:
        raise InvalidInput(f"Vurdering: vælg {', '.join(BANDS)} (fik {band!r}).")
    note = (note or "").strip()
    if len(note) > 500:
        raise InvalidInput(f"Bemærkning: højst 500 tegn (fik {len(note)}).")
    with db.unit_of_work() as s:
        citizen = s.get(CitizenRow, citizen_id)
        if citizen is None:
            raise NotFound("Borgeren findes ikke.")
        ensure_may_read_citizen(user, citizen)
        s.add(RiskAssessmentRow(citizen_id=citizen_id, band=band, note=note, username=user.username,
                                recorded_at=clock.now()))
        record_read(s, user, citizen_id, f"Tidlig opsporing: egen vurdering registreret ({band})")
