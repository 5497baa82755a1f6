"""The citizen's own case: the one way a citizen's request reaches their data, and staff's audited reads.

A citizen reaches only the citizen their login is tied to (``User.citizen_id``); there is no id in
the citizen's URLs. Staff reach a citizen through ``access.may_read_citizen`` (their municipality)
inside ``audit.personal_data``, so every read of the CV, job log or messages is logged like the case.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy.orm import Session

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.plan import PlanError, load_plan
from indsats.plan.library import plan_files
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_role, may_read_citizen
from indsats.services.shared.errors import NotFound
from indsats.store.db import Database
from indsats.store.tables import CitizenRow

STAFF = (Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER)
WRITERS = (Role.CASEWORKER, Role.TEAM_LEADER)
DEFAULT_JOB_LOG_PER_MONTH = 4


def own_citizen(session: Session, user: User) -> CitizenRow:
    """The logged-in citizen's own row; a login that is not a citizen's, or not tied to a case, is refused."""
    ensure_role(user, Role.CITIZEN)
    row = session.get(CitizenRow, user.citizen_id) if user.citizen_id is not None else None
    if row is None:
        raise NotFound("Din bruger er ikke knyttet til en sag.")
    return row


@contextmanager
def citizen_self(db: Database, user: User) -> Iterator[tuple[Session, CitizenRow]]:
    """A unit of work over the logged-in citizen's own data (no audit: it is their own)."""
    ensure_role(user, Role.CITIZEN)
    with db.unit_of_work() as session:
        yield session, own_citizen(session, user)


@contextmanager
def staff_read(db: Database, user: User, citizen_id: int, action: str,
               roles: tuple[Role, ...] = STAFF) -> Iterator[tuple[Session, CitizenRow]]:
    """A staff member's read of one citizen's self-service data: authorised and audited in one transaction."""
    ensure_role(user, *roles)
    with audit.personal_data(db, user, action) as access:
        citizen = access.citizen(citizen_id, may_read_citizen, forbidden="Du har ikke adgang til denne borgers sag.")
        yield access.session, citizen


def job_log_requirement(municipality_code: str) -> int:
    """Applications a month a job-ready citizen logs: the plan's ``self_service.job_log_per_month``."""
    files = plan_files()
    return _requirement(municipality_code, tuple(sorted((str(p), p.stat().st_mtime) for p in files.values())))


@lru_cache(maxsize=32)
def _requirement(code: str, _stamp: tuple) -> int:
    found = []
    for path, _ in _stamp:
        try:
            plan = load_plan(path)
        except PlanError:
            continue
        if plan.municipality.code == code:
            found.append((plan.year, path.rsplit("/", 1)[-1].startswith("demo-"),
                          plan.self_service.job_log_per_month))
    return max(found)[2] if found else DEFAULT_JOB_LOG_PER_MONTH
