"""The retention job: delete what has passed its period under the dated rules of
``law/retention.yaml``, in batches of one transaction each, and write one audit row
with the counts per category. Categories marked ``manual_review`` are never touched.

``indsats retention apply [--dry-run] [--as-of D]`` runs it (cron, e.g. nightly); the managers'
page *Sletteregler* shows the rules, what is past its period now, and the last run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, desc, func, select
from sqlalchemy.sql.elements import ColumnElement

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.law.retention import RetentionRule, rules_on
from indsats.services.accounts.access import ensure_role
from indsats.services.accounts.audit import AuditKind, record_event
from indsats.services.accounts.user_admin import CLI_OPERATOR
from indsats.settings import get_settings
from indsats.store.account_tables import LoginFailureRow, LoginSessionRow
from indsats.store.db import Database
from indsats.store.tables import AuditRow

BATCH = 5_000
#: the longest a session can live (INDSATS_SESSION_ABSOLUTE_HOURS is at most 24)
LONGEST_SESSION = timedelta(hours=24)

Progress = Callable[[str, int, int], None]
NO_DELETER = ("Reglen angiver en sletteperiode, men jobbet kan endnu ikke udvælge denne kategoris udløbne data; "
              "intet slettes, før det er programmeret og testet.")


@dataclass(frozen=True)
class CategoryOutcome:
    category: str
    label: str
    action: str
    keep_days: int | None
    valid_from: date
    source: str
    reason: str
    cutoff: datetime | None
    expired: int
    deleted: int = 0


@dataclass(frozen=True)
class RetentionReport:
    as_of: date
    dry_run: bool
    categories: list[CategoryOutcome] = field(default_factory=list)

    @property
    def deleted(self) -> int:
        return sum(c.deleted for c in self.categories)

    def summary(self) -> str:
        done = ", ".join(f"{c.category} {c.deleted}" for c in self.categories if c.action == "delete") or "ingen"
        manual = sum(1 for c in self.categories if c.action == "manual_review")
        return f"sletning pr. {self.as_of.isoformat()}: {done}; manuel vurdering: {manual} kategorier"


def _moment(as_of: date) -> datetime:
    return datetime.combine(as_of, time.min, tzinfo=UTC)


# What each deleting category removes: (the table, its key column, the condition, the cut-off moment)
def _sessions(rule: RetentionRule, moment: datetime):
    cutoff = moment - timedelta(days=rule.keep_days or 0) - LONGEST_SESSION
    return LoginSessionRow, LoginSessionRow.token_hash, LoginSessionRow.created_at < cutoff, cutoff


def _failures(rule: RetentionRule, moment: datetime):
    keep = max(timedelta(days=rule.keep_days or 0), get_settings().login_window)
    cutoff = moment - keep
    return LoginFailureRow, LoginFailureRow.id, LoginFailureRow.at < cutoff, cutoff


DELETERS: dict[str, Callable[[RetentionRule, datetime], tuple[Any, Any, ColumnElement[bool], datetime]]] = {
    "login_sessions": _sessions,
    "login_failures": _failures,
}


def _outcome(rule: RetentionRule, cutoff: datetime | None, expired: int, deleted: int = 0) -> CategoryOutcome:
    return CategoryOutcome(category=rule.category, label=rule.label, action=rule.action, keep_days=rule.keep_days,
                           valid_from=rule.valid_from, source=rule.source, reason=rule.reason, cutoff=cutoff,
                           expired=expired, deleted=deleted)


def apply_retention(db: Database, as_of: date | None = None, *, dry_run: bool = False,
                    progress: Progress | None = None, batch: int = BATCH) -> RetentionReport:
    """Delete what is past its period on ``as_of`` (default today); ``dry_run`` only counts.
    Each batch is one transaction; the audit row with the counts is written last (not for a dry run)."""
    as_of = as_of or clock.today()
    moment = _moment(as_of)
    report = RetentionReport(as_of=as_of, dry_run=dry_run)
    for rule in rules_on(as_of):
        deleter = DELETERS.get(rule.category)
        if rule.deletes and deleter is None:
            # a period was entered but the job cannot yet find this category's expired rows: nothing is
            # deleted and the page says so, rather than showing a period that is not applied
            rule = replace(rule, action="manual_review", reason=NO_DELETER)
        if not rule.deletes or deleter is None:
            report.categories.append(_outcome(rule, None, 0))
            continue
        row_type, key, condition, cutoff = deleter(rule, moment)
        with db.unit_of_work() as session:
            expired = session.scalar(select(func.count()).select_from(row_type).where(condition)) or 0
        deleted = 0
        if progress:
            progress(rule.label, 0, expired)
        while not dry_run and deleted < expired:
            with db.unit_of_work() as session:
                keys = session.scalars(select(key).where(condition).limit(batch)).all()
                if not keys:
                    break
                session.execute(delete(row_type).where(key.in_(keys)))
            deleted += len(keys)
            if progress:
                progress(rule.label, deleted, expired)
        report.categories.append(_outcome(rule, cutoff, expired, deleted))
    if not dry_run:
        with db.unit_of_work() as session:
            record_event(session, AuditKind.RETENTION, username=CLI_OPERATOR, role="", municipality_code="",
                         action=report.summary())
    return report


@dataclass(frozen=True)
class LastRun:
    at: datetime
    summary: str


def retention_overview(db: Database, user: User) -> tuple[list[CategoryOutcome], LastRun | None]:
    """For the managers' page: today's rules with what is past its period now, and the last run."""
    ensure_role(user, Role.MANAGER)
    report = apply_retention(db, dry_run=True)
    with db.unit_of_work() as session:
        row = session.execute(select(AuditRow.at, AuditRow.action).where(AuditRow.kind == AuditKind.RETENTION.value)
                              .order_by(desc(AuditRow.at), desc(AuditRow.id)).limit(1)).first()
    return report.categories, (LastRun(at=row.at, summary=row.action) if row else None)
