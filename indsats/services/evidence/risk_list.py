"""The caseworker's risk list: the newly unemployed of the caseload with the screening's band and
reasons, and the caseworker's own assessment shown first (docs/SCREENING_MODEL_CARD.md).

- On only when the municipality's plan says ``evidence: {screening: true}``.
- The band (lav, middel, høj) and its three strongest reasons are a support; no deadline,
  decision or priority anywhere in indsats is derived from them.
- Every view writes one audit row per citizen shown; recording an assessment writes one too.
- The screening is kept per municipality and week in ``kept_risk_scores`` (``risk_scores``: the
  background refresh of ``indsats serve`` keeps it; the first load computes it when nothing is kept);
  the list is counted and paged in SQL, sorted by band, then probability.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from indsats.analytics import weeks
from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.plan import PlanError, load_plan
from indsats.plan.library import plan_files
from indsats.store.db import Database
from indsats.store.evidence_tables import KeptRiskScoreRow, RiskAssessmentRow
from indsats.store.tables import CitizenRow

from ..accounts.access import ensure_may_read_citizen, ensure_role
from ..accounts.audit import record_read, record_reads
from ..shared import paging
from ..shared.errors import InvalidInput, NotFound
from .risk_scores import BANDS, CUTOFFS, band_of, ensure_kept

READERS = (Role.CASEWORKER, Role.TEAM_LEADER)
PAGE_SIZE = 50
__all__ = ["BANDS", "CUTOFFS", "PAGE_SIZE", "band_of", "risk_list", "record_assessment"]


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


def risk_list(db: Database, user: User, page: int = 1, as_of: date | None = None) -> RiskList:
    ensure_role(user, *READERS)
    code = user.municipality_code
    day = as_of or clock.today()
    week = weeks.last_full_week(day)
    if not screening_enabled(code):
        return RiskList(False, week, note="Kommunen har ikke slået tidlig opsporing til i sin beskæftigelsesplan.")
    note = ensure_kept(db, code, week)
    with db.unit_of_work() as s:
        query = (select(KeptRiskScoreRow, CitizenRow.first_name, CitizenRow.last_name)
                 .join(CitizenRow, CitizenRow.id == KeptRiskScoreRow.citizen_id)
                 .where(KeptRiskScoreRow.municipality_code == code, KeptRiskScoreRow.week == week,
                        CitizenRow.municipality_code == code))
        if user.role == Role.CASEWORKER:
            query = query.where(CitizenRow.caseworker_id == user.caseworker_id)
        query = query.order_by(KeptRiskScoreRow.band_rank.desc(), KeptRiskScoreRow.probability.desc(),
                               KeptRiskScoreRow.citizen_id)
        total = paging.count(s, query)
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 1), pages)
        rows = s.execute(query.offset(paging.PageRequest(page, PAGE_SIZE).offset).limit(PAGE_SIZE)).all()
        own = _latest_assessments(s, [r[0].citizen_id for r in rows])
        lines = [_line(score, f"{first} {last}", own.get(score.citizen_id)) for score, first, last in rows]
        record_reads(s, user, [line.citizen_id for line in lines],
                     f"Tidlig opsporing: risikoliste uge {week} (side {page})")
    return RiskList(True, week, lines, total, page, pages, note)


def _latest_assessments(s, ids: list[int]) -> dict[int, Assessment]:
    if not ids:
        return {}
    newest = (select(RiskAssessmentRow.citizen_id, func.max(RiskAssessmentRow.id).label("id"))
              .where(RiskAssessmentRow.citizen_id.in_(ids)).group_by(RiskAssessmentRow.citizen_id).subquery())
    rows = s.scalars(select(RiskAssessmentRow).join(newest, newest.c.id == RiskAssessmentRow.id))
    return {r.citizen_id: Assessment(r.band, r.note, r.username, r.recorded_at) for r in rows}


def _line(score: KeptRiskScoreRow, name: str, own: Assessment | None) -> RiskLine:
    reasons = [(str(f[0]), str(f[1]), str(f[2])) for f in score.factors]
    return RiskLine(score.citizen_id, name, own, score.band, score.probability, reasons)


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
