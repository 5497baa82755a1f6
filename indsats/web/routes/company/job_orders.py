"""Job orders and candidate profiles: the consultant finds, explains and proposes candidates."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from pydantic import BaseModel

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.company import candidates, companies, job_orders
from indsats.services.company.job_orders import occupation_taxonomy as default_taxonomy
from indsats.services.shared.database import Database
from indsats.services.shared.paging import PageRequest

from ...api_models import (
    CandidateListOut,
    CreatedOut,
    JobOrderOut,
    JobsFilledOut,
    MatchOut,
    OccupationOut,
    PageOut,
)
from ...deps import get_db, render, require_roles, verify_csrf
from ...input_bounds import Cvr, Day, Name, Note, Places, RowId
from .companies import PageSize, Side, back, csrf, day, query_of, staff

router = APIRouter(tags=["jobordrer"])
profile_staff = require_roles(Role.CASEWORKER, Role.TEAM_LEADER, Role.COMPANY_CONSULTANT)
NEEDS_DA = {"no_heavy_lifting": "Ingen tunge løft", "no_night_work": "Intet natarbejde"}


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def _number(value: str) -> str | None:
    """A form's number with a decimal comma, left for the service to parse (and to refuse in Danish)."""
    return value.strip().replace(",", ".") or None


def _order_fields(row) -> dict:
    return {c.name: getattr(row, c.key) for c in row.__table__.columns}


@router.get("/jobordrer", include_in_schema=False)
def job_orders_page(request: Request, status: Name = "", sort: Name = "nyeste", side: Side = 1,
                    user: User = Depends(staff), db: Database = Depends(get_db)):
    page = job_orders.list_job_orders(db, user, status or None, request=PageRequest.of(side, 50), sort=sort)
    return render(request, "company/companies/job_orders.html", user=user, page=page, rows=page.items, status=status,
                  statuses=job_orders.STATUSES, kinds=job_orders.KIND_LABELS, sort=sort,
                  sorts=job_orders.JOB_ORDER_SORTS, query=query_of(status=status, sort=sort))


@router.post("/virksomheder/{cvr}/jobordrer", include_in_schema=False, dependencies=csrf)
def job_order_form(request: Request, cvr: Cvr, title: Annotated[Name, Form()],
                   description: Annotated[Note, Form()] = "", occupation_uri: Annotated[Name, Form()] = "",
                   kind: Annotated[Name, Form()] = "ordinary", hours_per_week: Annotated[Name, Form()] = "",
                   positions: Annotated[Places, Form()] = 1, postcode: Annotated[Name, Form()] = "",
                   requires_driving_licence: bool = Form(False), requires_languages: Annotated[Name, Form()] = "da",
                   heavy_lifting: bool = Form(False), night_work: bool = Form(False),
                   requirements: Annotated[Note, Form()] = "",
                   user: User = Depends(staff), db: Database = Depends(get_db)):
    order = job_orders.parse_job_order(dict(
        title=title, description=description, occupation_uri=occupation_uri or None, kind=kind,
        hours_per_week=_number(hours_per_week),
        positions=positions, postcode=postcode, requires_driving_licence=requires_driving_licence,
        requires_languages=_lines(requires_languages), heavy_lifting=heavy_lifting, night_work=night_work,
        requirements=requirements))
    job_id = job_orders.create_job_order(db, user, cvr, order, clock.today())
    return back(request, f"/jobordrer/{job_id}", "Jobordren er oprettet.")


@router.get("/jobordrer/{job_id}", include_in_schema=False)
def job_order_page(request: Request, job_id: RowId, user: User = Depends(staff), db: Database = Depends(get_db)):
    job = job_orders.get_job_order(db, user, job_id)
    ranked = job_orders.rank_candidates(db, user, job_id, clock.today()) if job.status in ("open", "in_progress") else []
    return render(request, "company/companies/job_order.html", user=user, job=job, ranked=ranked,
                  company_name=companies.company_name(db, user, job.company_cvr),
                  statuses=job_orders.STATUSES, kinds=job_orders.KIND_LABELS,
                  transitions=sorted(job_orders.TRANSITIONS[job.status]),
                  proposal_statuses=job_orders.PROPOSAL_STATUSES, today=clock.today())


@router.post("/jobordrer/{job_id}/status", include_in_schema=False, dependencies=csrf)
def status_form(request: Request, job_id: RowId, status: Annotated[Name, Form()], on: Annotated[Name, Form()] = "", user: User = Depends(staff),
                db: Database = Depends(get_db)):
    job_orders.set_status(db, user, job_id, status, day(on, "dato") or clock.today())
    return back(request, f"/jobordrer/{job_id}", "Status er ændret.")


@router.post("/jobordrer/{job_id}/forslag", include_in_schema=False, dependencies=csrf)
def propose_form(request: Request, job_id: RowId, citizen_id: Annotated[RowId, Form()], user: User = Depends(staff), db: Database = Depends(get_db)):
    job_orders.propose(db, user, job_id, citizen_id, clock.today())
    return back(request, f"/jobordrer/{job_id}", "Kandidaten er foreslået virksomheden.")


def _consent(samtykke: str) -> bool | None:
    return {"ja": True, "nej": False}.get(samtykke)


@router.get("/kandidater", include_in_schema=False)
def candidates_page(request: Request, q: Name = "", sort: Name = "navn", samtykke: Name = "", side: Side = 1,
                    user: User = Depends(profile_staff), db: Database = Depends(get_db)):
    page = candidates.list_profiles(db, user, clock.today(), q, PageRequest.of(side, 50), sort, _consent(samtykke))
    return render(request, "company/companies/candidates.html", user=user, page=page, rows=page.items, q=q,
                  sort=sort, sorts=candidates.CANDIDATE_SORTS, samtykke=samtykke,
                  query=query_of(q=q, sort=sort, samtykke=samtykke))


@router.get("/kandidater/{citizen_id}", include_in_schema=False)
def candidate_page(request: Request, citizen_id: RowId, user: User = Depends(profile_staff),
                   db: Database = Depends(get_db)):
    view = candidates.get_profile(db, user, citizen_id, clock.today())
    fits = job_orders.job_orders_for_candidate(db, user, citizen_id, clock.today()) \
        if user.role == Role.COMPANY_CONSULTANT else []
    return render(request, "company/companies/candidate.html", user=user, v=view, fits=fits, needs=NEEDS_DA,
                  kinds=job_orders.KIND_LABELS)


@router.post("/kandidater/{citizen_id}", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def candidate_form(request: Request, citizen_id: RowId, occupations: Annotated[Note, Form()] = "",
                   skills: Annotated[Note, Form()] = "", education: Annotated[Name, Form()] = "",
                   driving_licence: bool = Form(False), languages: Annotated[Name, Form()] = "",
                   accommodation_needs: Annotated[list[Name], Form()] = [],  # noqa: B006
                   max_hours: Annotated[Name, Form()] = "", max_commute_km: Annotated[Name, Form()] = "",
                   available_from: Annotated[Name, Form()] = "", consent: bool = Form(False),
                   summary: Annotated[Note, Form()] = "", consent_reason: Annotated[Note, Form()] = "",
                   user: User = Depends(profile_staff), db: Database = Depends(get_db)):
    profile = candidates.parse_profile(dict(
        occupations=_lines(occupations), skills=_lines(skills), education=education, driving_licence=driving_licence,
        languages=_lines(languages), accommodation_needs=accommodation_needs, max_hours=_number(max_hours),
        max_commute_km=_number(max_commute_km), available_from=day(available_from, "ledig fra"), consent=consent,
        summary=summary, consent_reason=consent_reason))
    candidates.save_profile(db, user, citizen_id, profile, clock.today())
    return back(request, f"/kandidater/{citizen_id}", "Profilen er gemt.")


# ---- JSON API -------------------------------------------------------------------------------------------

class ProposalIn(BaseModel):
    citizen_id: RowId


@router.get("/api/job-orders", response_model=PageOut[JobOrderOut])
def api_job_orders(status: Name | None = None, sort: Name = Query("nyeste", description="nyeste, titel eller virksomhed"),
                   page: Side = 1, page_size: PageSize = 50, user: User = Depends(staff), db: Database = Depends(get_db)):
    """The municipality's job orders, newest first (filter by status: open, in_progress, filled, cancelled), paged."""
    found = job_orders.list_job_orders(db, user, status, request=PageRequest.of(page, page_size), sort=sort)
    out = found.to_dict()
    out["items"] = [dict(_order_fields(j), company_name=name) for j, name in found.items]
    return out


@router.get("/api/candidates", response_model=PageOut[CandidateListOut])
def api_candidates(q: Name = "", sort: Name = Query("navn", description="navn, by eller opdateret"),
                   consent: bool | None = Query(None, description="kun med (true) eller uden (false) samtykke"),
                   page: Side = 1, page_size: PageSize = 50, user: User = Depends(profile_staff),
                   db: Database = Depends(get_db)):
    """Candidate profiles (a consultant: only with consent), searched by name or occupation, paged; logged as read."""
    return candidates.list_profiles(db, user, clock.today(), q, PageRequest.of(page, page_size), sort,
                                    consent).to_dict()


@router.post("/api/companies/{cvr}/job-orders", status_code=201, dependencies=csrf, response_model=CreatedOut)
def api_create_job_order(cvr: Cvr, body: job_orders.JobOrderIn, user: User = Depends(staff),
                         db: Database = Depends(get_db)):
    """Create a job order for the company (kind: ordinary, flexjob, small_job, internship, wage_subsidy)."""
    order = job_orders.parse_job_order(body.model_dump())
    return {"id": job_orders.create_job_order(db, user, cvr, order, clock.today())}


@router.get("/api/job-orders/{job_id}/matches", response_model=list[MatchOut])
def api_matches(job_id: RowId, top: int = Query(20, ge=1, le=200), user: User = Depends(staff),
                db: Database = Depends(get_db)):
    """The best candidates for the job order with score and reasons (hard constraints first);
    ``reasons`` in English as in the batch contract, ``reasons_da`` the same in Danish."""
    return [dict(asdict(r), reasons=[x.en() for x in r.reasons], reasons_da=[x.da() for x in r.reasons])
            for r in job_orders.rank_candidates(db, user, job_id, clock.today(), top)]


@router.post("/api/job-orders/{job_id}/proposals", status_code=201, dependencies=csrf,
             response_model=CreatedOut)
def api_propose(job_id: RowId, body: ProposalIn, user: User = Depends(staff), db: Database = Depends(get_db)):
    """Propose a consenting candidate who meets the hard constraints to the company."""
    return {"id": job_orders.propose(db, user, job_id, body.citizen_id, clock.today())}


@router.get("/api/jobs-filled", response_model=JobsFilledOut)
def api_jobs_filled(start: Day, end: Day, kind: Name | None = None, user: User = Depends(staff),
                    db: Database = Depends(get_db)):
    """Jobs filled through the jobcenter: job orders with status filled and start <= filled_date <= end
    (optionally of one kind, e.g. ordinary)."""
    return {"municipality_code": user.municipality_code, "start": start, "end": end, "kind": kind,
            "jobs_filled": job_orders.count_jobs_filled(db, user.municipality_code, start, end, kind)}


@router.get("/api/occupations", response_model=list[OccupationOut])
def api_occupations(q: Name = "", user: User = Depends(staff)):
    """The curated occupation list (ESCO URI, ISCO-08 group, Danish and English label)."""
    needle = q.strip().lower()
    return [{"uri": o.uri, "isco": o.isco, "label_da": o.label_da, "label_en": o.label_en}
            for o in default_taxonomy().occupations
            if not needle or any(needle in a.lower() for a in o.aliases)]

