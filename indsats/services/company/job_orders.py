"""Job orders (jobordrer): a company asks for candidates; the consultant finds, proposes, fills.

Status runs open → in_progress → filled (with the date it was filled) or cancelled;
"jobs filled through the jobcenter" are the job orders with status filled and a
``filled_date`` in the period (``count_jobs_filled``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from indsats.domain.models import User
from indsats.matching.profiles import JOB_KINDS, Job, Match
from indsats.matching.reasons import ABOUT_UNEMPLOYMENT, Reason
from indsats.matching.text import language_code
from indsats.services.accounts.access import ensure_role
from indsats.services.accounts.audit import personal_data
from indsats.services.company.candidates import matching_candidates
from indsats.services.company.companies import COMPANY_STAFF, company_in_scope
from indsats.services.shared.errors import Conflict, InvalidInput, NotFound
from indsats.services.shared.paging import Page, PageRequest, fetch
from indsats.services.shared.validation_da import invalid_input
from indsats.store.company_tables import CompanyRow, JobOrderRow, JobProposalRow
from indsats.store.db import Database
from indsats.store.tables import CitizenRow

if TYPE_CHECKING:
    from indsats.matching.taxonomy import Taxonomy

STATUSES = {"open": "Åben", "in_progress": "I gang", "filled": "Besat", "cancelled": "Annulleret"}
TRANSITIONS = {"open": {"in_progress", "filled", "cancelled"}, "in_progress": {"open", "filled", "cancelled"},
               "filled": set(), "cancelled": set()}
KIND_LABELS = {"ordinary": "Ordinært job", "flexjob": "Fleksjob", "small_job": "Småjob",
               "internship": "Virksomhedspraktik", "wage_subsidy": "Løntilskud"}
FIELDS_DA = {"title": "titel", "description": "beskrivelse", "occupation_uri": "stilling", "kind": "type",
             "hours_per_week": "timer pr. uge", "positions": "antal stillinger", "address": "adresse",
             "postcode": "postnummer", "requires_driving_licence": "kræver kørekort", "requires_languages": "sprog",
             "heavy_lifting": "tunge løft", "night_work": "natarbejde", "requirements": "krav"}
PROPOSAL_STATUSES = {"proposed": "Foreslået", "interview": "Til samtale", "hired": "Ansat", "declined": "Ikke valgt"}


# The matcher (NumPy, the taxonomy's vectors, the embedder) loads on the first use, not when the server starts.
def default_taxonomy() -> Taxonomy:
    from indsats.matching.taxonomy import default_taxonomy as taxonomy

    return taxonomy()


def get_embedder():
    from indsats.matching.embedder import get_embedder as embedder

    return embedder()


def match_all(*args, **kwargs):
    from indsats.matching.batch import match_all as run

    return run(*args, **kwargs)


def jobs_for_candidate(*args, **kwargs):
    from indsats.matching.batch import jobs_for_candidate as run

    return run(*args, **kwargs)


class JobOrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    title: str = Field(min_length=2, max_length=160)
    description: str = Field(default="", max_length=4000)
    occupation_uri: str | None = None
    kind: str = "ordinary"
    hours_per_week: float | None = Field(default=None, gt=0, le=60)
    positions: int = Field(default=1, ge=1, le=100)
    address: str = ""
    postcode: str = Field(default="", pattern=r"^(\d{4})?$")
    requires_driving_licence: bool = False
    requires_languages: list[str] = Field(default_factory=list)
    heavy_lifting: bool = False
    night_work: bool = False
    requirements: str = Field(default="", max_length=2000)

    @field_validator("requires_languages")
    @classmethod
    def _codes(cls, values: list[str]) -> list[str]:
        """'dansk', 'Engelsk' → 'da', 'en' (as candidate profiles store them)."""
        return list(dict.fromkeys(language_code(v) for v in values if v.strip()))


def parse_job_order(data: dict) -> JobOrderIn:
    try:
        order = JobOrderIn.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(exc, FIELDS_DA) from exc
    if order.kind not in JOB_KINDS:
        raise InvalidInput(f"Feltet 'kind': ukendt jobtype {order.kind!r}; tilladt: {', '.join(JOB_KINDS)}")
    if order.occupation_uri and order.occupation_uri not in default_taxonomy().by_uri:
        raise InvalidInput(f"Feltet 'occupation_uri': ukendt stilling {order.occupation_uri!r}")
    return order


@dataclass(frozen=True)
class RankedCandidate:
    citizen_id: int
    name: str
    score: float
    reasons: tuple[Reason, ...]
    proposal_status: str | None


def job_in_scope(session: Session, user: User, job_id: int) -> JobOrderRow:
    row = session.get(JobOrderRow, job_id)
    if row is None or row.municipality_code != user.municipality_code:
        raise NotFound("Jobordren findes ikke.")
    return row


def as_match_job(row: JobOrderRow) -> Job:
    return Job(id=row.id, title=row.title, description=f"{row.description} {row.requirements}".strip(),
               occupation_uri=row.occupation_uri, postcode=row.postcode, hours_per_week=row.hours_per_week,
               kind=row.kind, requires_driving_licence=row.requires_driving_licence,
               requires_languages=list(row.requires_languages), heavy_lifting=row.heavy_lifting,
               night_work=row.night_work)


def create_job_order(db: Database, user: User, cvr: str, order: JobOrderIn, today: date) -> int:
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as session:
        company = company_in_scope(session, user, cvr)
        occupation = default_taxonomy().by_uri.get(order.occupation_uri or "")
        if occupation is None and (found := default_taxonomy().resolve(order.title)) is not None:
            occupation = found.occupation
        row = JobOrderRow(company_cvr=cvr, municipality_code=company.municipality_code, created=today,
                          consultant_id=user.caseworker_id, status="open",
                          **order.model_dump(exclude={"occupation_uri", "postcode"}),
                          postcode=order.postcode or company.postcode,
                          occupation_uri=occupation.uri if occupation else None,
                          occupation_label=occupation.label_da if occupation else "")
        session.add(row)
        session.flush()
        return row.id


def set_status(db: Database, user: User, job_id: int, status: str, on: date) -> None:
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as session:
        row = job_in_scope(session, user, job_id)
        if not status:
            raise InvalidInput("Vælg den nye status.")
        if status not in STATUSES:
            raise InvalidInput(f"Ukendt status {status!r}; tilladt: {', '.join(STATUSES)}")
        if status not in TRANSITIONS[row.status]:
            raise InvalidInput(f"En jobordre med status '{STATUSES[row.status]}' kan ikke ændres til "
                               f"'{STATUSES[status]}'.")
        if status == "filled" and on < row.created:
            raise InvalidInput("Besat-datoen kan ikke ligge før jobordren blev oprettet.")
        row.status = status
        row.filled_date = on if status == "filled" else None


JOB_ORDER_SORTS = {"nyeste": "nyeste først", "titel": "titel", "virksomhed": "virksomhed"}


def job_orders_query(user: User, status: str | None = None, mine: bool = False, sort: str = "nyeste"):
    """(job order, company name) of the municipality; ``mine``: only the consultant's own orders."""
    ensure_role(user, *COMPANY_STAFF)
    if status and status not in STATUSES:
        raise InvalidInput(f"Status skal være en af: {', '.join(STATUSES)}.")
    if sort not in JOB_ORDER_SORTS:
        raise InvalidInput(f"Sortér efter en af: {', '.join(JOB_ORDER_SORTS)}.")
    query = (select(JobOrderRow, CompanyRow.name).join(CompanyRow, CompanyRow.cvr == JobOrderRow.company_cvr)
             .where(JobOrderRow.municipality_code == user.municipality_code))
    if status:
        query = query.where(JobOrderRow.status == status)
    if mine and user.caseworker_id is not None:
        query = query.where(JobOrderRow.consultant_id == user.caseworker_id)
    newest = (JobOrderRow.created.desc(), JobOrderRow.id.desc())
    order = {"nyeste": newest, "titel": (JobOrderRow.title, *newest), "virksomhed": (CompanyRow.name, *newest)}[sort]
    return query.order_by(*order)


def list_job_orders(db: Database, user: User, status: str | None = None, mine: bool = False,
                    request: PageRequest | None = None, sort: str = "nyeste") -> Page[tuple[JobOrderRow, str]]:
    """One page of (job order, company name), newest first, counted in SQL."""
    query = job_orders_query(user, status, mine, sort)
    request = request or PageRequest()
    with db.unit_of_work() as session:
        rows, total = fetch(session, query, request)
        return Page([(j, n) for j, n in rows], total, request.page, request.page_size, request.capped)


def job_order_pipeline(db: Database, user: User, mine: bool = False) -> dict[str, int]:
    """How many job orders in each status (counted in SQL over all of them)."""
    ensure_role(user, *COMPANY_STAFF)
    query = (select(JobOrderRow.status, func.count()).where(JobOrderRow.municipality_code == user.municipality_code)
             .group_by(JobOrderRow.status))
    if mine and user.caseworker_id is not None:
        query = query.where(JobOrderRow.consultant_id == user.caseworker_id)
    with db.unit_of_work() as session:
        found = dict(session.execute(query).all())
    return {status: found.get(status, 0) for status in STATUSES}


def get_job_order(db: Database, user: User, job_id: int) -> JobOrderRow:
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as session:
        return job_in_scope(session, user, job_id)


def rank_candidates(db: Database, user: User, job_id: int, as_of: date, top: int = 20) -> list[RankedCandidate]:
    """The best candidates of the municipality for the job order, with reasons (reads are logged)."""
    ensure_role(user, *COMPANY_STAFF)
    with personal_data(db, user, f"match til jobordre {job_id}") as access:
        session = access.session
        row = job_in_scope(session, user, job_id)
        candidates = matching_candidates(session, row.municipality_code, as_of)
        [(_, matches)] = match_all(candidates, [as_match_job(row)], top, get_embedder())
        names = {c.id: f"{c.first_name} {c.last_name}" for c in session.scalars(
            select(CitizenRow).where(CitizenRow.id.in_([m.id for m in matches])))}
        proposed = dict(session.execute(select(JobProposalRow.citizen_id, JobProposalRow.status)
                                        .where(JobProposalRow.job_order_id == job_id)).all())
        access.touch(m.id for m in matches)
        return [RankedCandidate(m.id, names.get(m.id, ""), m.score, m.why, proposed.get(m.id)) for m in matches]


def propose(db: Database, user: User, job_id: int, citizen_id: int, on: date) -> int:
    """Propose a candidate to the company; only one who consents and breaks no hard constraint."""
    ensure_role(user, *COMPANY_STAFF)
    with personal_data(db, user, f"foreslået til jobordre {job_id}") as access:
        session = access.session
        row = job_in_scope(session, user, job_id)
        if row.status not in ("open", "in_progress"):
            raise InvalidInput("Der kan kun foreslås kandidater til en åben jobordre.")
        candidates = matching_candidates(session, row.municipality_code, on, citizen_ids=[citizen_id])
        if not candidates:
            raise InvalidInput("Borgeren har ingen kandidatprofil eller modtager ingen ydelse i dag.")
        if not candidates[0].consent:
            raise InvalidInput("Kandidaten har ikke givet samtykke til at dele sin profil med virksomheder.")
        [(_, matches)] = match_all(candidates, [as_match_job(row)], 1, get_embedder())
        if not matches:
            raise InvalidInput("Kandidaten opfylder ikke jobordrens krav (skånebehov, timer, transport, "
                               "kørekort eller sprog).")
        existing = session.scalar(select(JobProposalRow).where(JobProposalRow.job_order_id == job_id,
                                                              JobProposalRow.citizen_id == citizen_id))
        if existing is not None:
            return existing.id
        access.disclose(citizen_id, row.company_cvr)
        proposal = JobProposalRow(job_order_id=job_id, citizen_id=citizen_id, proposed_on=on,
                                  score=matches[0].score, reasons=company_safe_reasons(matches[0]), status="proposed")
        session.add(proposal)
        if row.status == "open":
            row.status = "in_progress"
        try:
            session.flush()
        except IntegrityError as exc:  # the same candidate proposed twice at once
            raise Conflict("Kandidaten er netop blevet foreslået til jobordren af en anden.") from exc
        return proposal.id


def company_safe_reasons(match: Match) -> list[dict]:
    """The reasons stored with a proposal, which the company reads: occupation, skills and distance;
    never the candidate's unemployment (``Reason.as_json``, read back with ``Reason.from_json``)."""
    return [r.as_json() for r in match.why if r.kind not in ABOUT_UNEMPLOYMENT]


def set_proposal_status(db: Database, user: User, proposal_id: int, status: str) -> None:
    ensure_role(user, *COMPANY_STAFF)
    if status not in PROPOSAL_STATUSES:
        raise InvalidInput(f"Ukendt status {status!r}; tilladt: {', '.join(PROPOSAL_STATUSES)}")
    with db.unit_of_work() as session:
        proposal = session.get(JobProposalRow, proposal_id)
        if proposal is None:
            raise NotFound("Forslaget findes ikke.")
        job_in_scope(session, user, proposal.job_order_id)
        proposal.status = status


def count_jobs_filled(db: Database, municipality_code: str, start: date, end: date, kind: str | None = None) -> int:
    """Jobs filled through the jobcenter: job orders with status filled and ``start <= filled_date <= end``
    (``kind="ordinary"`` for the plans' "ordinary jobs filled")."""
    with db.unit_of_work() as session:
        query = select(func.count(JobOrderRow.id)).where(
            JobOrderRow.municipality_code == municipality_code, JobOrderRow.status == "filled",
            JobOrderRow.filled_date.is_not(None), JobOrderRow.filled_date >= start, JobOrderRow.filled_date <= end)
        if kind is not None:
            query = query.where(JobOrderRow.kind == kind)
        return session.scalar(query) or 0


def job_orders_for_candidate(db: Database, user: User, citizen_id: int, as_of: date,
                             top: int = 10) -> list[tuple[JobOrderRow, str, Match]]:
    """The open job orders a candidate fits best: (job order, company name, match), best first."""
    ensure_role(user, *COMPANY_STAFF)
    with db.unit_of_work() as session:
        candidates = matching_candidates(session, user.municipality_code, as_of, citizen_ids=[citizen_id])
        if not candidates:
            return []
        rows = session.execute(select(JobOrderRow, CompanyRow.name)
                               .join(CompanyRow, CompanyRow.cvr == JobOrderRow.company_cvr)
                               .where(JobOrderRow.municipality_code == user.municipality_code,
                                      JobOrderRow.status.in_(("open", "in_progress")))).all()
        by_id = {job.id: (job, name) for job, name in rows}
        # The ranking ignores consent here: the consultant looks for jobs for the citizen, not the reverse.
        candidate = candidates[0]
        candidate.consent = True
        ranked = jobs_for_candidate(candidate, [as_match_job(j) for j, _ in rows], top, get_embedder())
        return [(*by_id[job.id], match) for job, match in ranked]


def occupation_taxonomy() -> Taxonomy:
    """The curated occupation list (ESCO URI, ISCO-08 group, Danish and English label, aliases)."""
    return default_taxonomy()
