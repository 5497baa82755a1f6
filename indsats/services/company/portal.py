"""The company portal: a company's user sees its own job orders and the candidates proposed to it.

Nothing else. A job order of another company is "not found" (the same answer as for
one that does not exist, so the portal does not reveal other companies' orders). A
proposed candidate is shown as a ``CandidateSummary`` while the candidate's consent
stands; the company never sees a name, a CPR number, health or benefit details.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.matching.reasons import ABOUT_UNEMPLOYMENT, Reason
from indsats.services.accounts.access import ensure_role
from indsats.services.accounts.audit import AuditKind, personal_data
from indsats.services.company.candidates import CandidateSummary, summary_for_company
from indsats.services.shared.errors import Forbidden, InvalidInput, NotFound
from indsats.services.shared.paging import Page, PageRequest, fetch
from indsats.store.company_tables import CandidateProfileRow, CompanyRow, JobOrderRow, JobProposalRow
from indsats.store.db import Database
from indsats.store.tables import CitizenRow

COMPANY_ANSWERS = ("interview", "declined")


@dataclass(frozen=True)
class ProposedCandidate:
    proposal_id: int
    status: str
    reasons: tuple[Reason, ...]
    candidate: CandidateSummary


def _company_cvr(user: User) -> str:
    ensure_role(user, Role.COMPANY)
    if not user.company_cvr:
        raise Forbidden("Brugeren er ikke knyttet til en virksomhed.")
    return user.company_cvr


def _own_job(session: Session, user: User, job_id: int) -> JobOrderRow:
    row = session.get(JobOrderRow, job_id)
    if row is None or row.company_cvr != _company_cvr(user):
        raise NotFound("Jobordren findes ikke.")
    return row


def company_name(db: Database, user: User) -> str:
    with db.unit_of_work() as session:
        company = session.get(CompanyRow, _company_cvr(user))
        return company.name if company else ""


def _own_orders_query(user: User):
    return (select(JobOrderRow).where(JobOrderRow.company_cvr == _company_cvr(user))
            .order_by(JobOrderRow.created.desc(), JobOrderRow.id.desc()))


def own_job_orders(db: Database, user: User) -> list[JobOrderRow]:
    """Every job order of the company, newest first."""
    query = _own_orders_query(user)
    with db.unit_of_work() as session:
        return list(session.scalars(query))


def own_job_orders_page(db: Database, user: User, request: PageRequest) -> Page[JobOrderRow]:
    """One page of the company's job orders, counted in SQL (the API)."""
    query = _own_orders_query(user)
    with db.unit_of_work() as session:
        rows, total = fetch(session, query, request)
        return Page([r for (r,) in rows], total, request.page, request.page_size, request.capped)


def own_job_order(db: Database, user: User, job_id: int) -> tuple[JobOrderRow, list[ProposedCandidate]]:
    """The company's job order and the consenting candidates proposed for it (each summary shown
    is logged as a disclosure to the company)."""
    with personal_data(db, user, f"virksomhedsportal: kandidatresumé til jobordre {job_id}",
                       AuditKind.DISCLOSURE, recipient=user.company_cvr) as access:
        session = access.session
        job = _own_job(session, user, job_id)
        rows = session.execute(
            select(JobProposalRow, CandidateProfileRow, CitizenRow)
            .join(CandidateProfileRow, CandidateProfileRow.citizen_id == JobProposalRow.citizen_id)
            .join(CitizenRow, CitizenRow.id == JobProposalRow.citizen_id)
            .where(JobProposalRow.job_order_id == job_id, CandidateProfileRow.consent.is_(True))
            .order_by(JobProposalRow.score.desc(), JobProposalRow.id)).all()
        out = []
        for proposal, profile, citizen in rows:
            access.touch([citizen.id])
            stored = (Reason.from_json(r) for r in proposal.reasons)
            reasons = tuple(r for r in stored if r.kind not in ABOUT_UNEMPLOYMENT)
            out.append(ProposedCandidate(proposal.id, proposal.status, reasons,
                                         summary_for_company(profile, citizen, f"K-{proposal.id}")))
        return job, out


def answer_proposal(db: Database, user: User, proposal_id: int, answer: str) -> None:
    """The company asks a proposed candidate to an interview or declines."""
    if answer not in COMPANY_ANSWERS:
        raise InvalidInput(f"Ukendt svar {answer!r}; tilladt: {', '.join(COMPANY_ANSWERS)}")
    with personal_data(db, user, f"virksomhedens svar på forslag {proposal_id}: {answer}",
                       AuditKind.DISCLOSURE, recipient=user.company_cvr) as access:
        session = access.session
        proposal = session.get(JobProposalRow, proposal_id)
        if proposal is None:
            raise NotFound("Forslaget findes ikke.")
        _own_job(session, user, proposal.job_order_id)
        access.touch([proposal.citizen_id])
        proposal.status = answer
