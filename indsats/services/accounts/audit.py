"""Logning: every read of a citizen's personal data leaves a record, in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import AuditRecord, User
from indsats.services.accounts.access import ensure_role
from indsats.store.db import Database
from indsats.store.tables import AuditRow


def record_read(session: Session, user: User, citizen_id: int | None, action: str) -> None:
    session.add(AuditRow(at=clock.now(), username=user.username, role=user.role.value,
                         citizen_id=citizen_id, action=action[:200], municipality_code=user.municipality_code))


def record_reads(session: Session, user: User, citizen_ids: list[int], action: str) -> None:
    """One record per citizen, for list views that show personal data (CPR numbers, names)."""
    now = clock.now()
    session.add_all([
        AuditRow(at=now, username=user.username, role=user.role.value, citizen_id=cid,
                 action=action[:200], municipality_code=user.municipality_code)
        for cid in citizen_ids
    ])


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    citizen_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    limit: int = 200


@dataclass(frozen=True)
class AuditPage:
    records: list[AuditRecord]
    total: int


def list_audit(db: Database, user: User, flt: AuditFilter) -> AuditPage:
    """Managers see the audit log of their own municipality, newest first."""
    ensure_role(user, Role.MANAGER)
    with db.unit_of_work() as session:
        query = select(AuditRow).where(AuditRow.municipality_code == user.municipality_code)
        if flt.username:
            query = query.where(AuditRow.username == flt.username)
        if flt.citizen_id is not None:
            query = query.where(AuditRow.citizen_id == flt.citizen_id)
        if flt.date_from:
            query = query.where(AuditRow.at >= datetime.combine(flt.date_from, datetime.min.time(), UTC))
        if flt.date_to:
            end = datetime.combine(flt.date_to + timedelta(days=1), datetime.min.time(), UTC)
            query = query.where(AuditRow.at < end)
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.scalars(query.order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(flt.limit)).all()
        return AuditPage(
            records=[AuditRecord(at=r.at, username=r.username, role=r.role, citizen_id=r.citizen_id,
                                 action=r.action, municipality_code=r.municipality_code) for r in rows],
            total=total,
        )
