"""The company network's pages (seed 002): mentors, mentor courses and network meetings (/netvaerk),
small jobs with their follow-up (/smajob), partner companies of a company centre; CSV of each list."""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, Form, Request

from indsats.domain import clock
from indsats.domain.models import User
from indsats.services.accounts.audit import AuditKind
from indsats.services.company import network
from indsats.services.company import small_jobs as jobs
from indsats.services.shared.database import Database
from indsats.services.shared.errors import Conflict, InvalidInput
from indsats.services.shared.paging import PageRequest

from ...csv_export import csv_response
from ...deps import get_db, render
from ...input_bounds import Name, Note, RowId
from .companies import back, centres_view, csrf, day, staff

router = APIRouter(tags=["virksomheder"])
PageNo = Annotated[int, Ge(1), Le(100_000)]


def _network_page(request: Request, user: User, db: Database, side: int = 1, moedeside: int = 1,
                  failed: dict | None = None, status_code: int = 200):
    today = clock.today()
    return render(request, "company/companies/network.html", user=user, status_code=status_code,
                  mentors=network.mentors(db, user, PageRequest.of(side, 50)),
                  meetings=network.meetings(db, user, PageRequest.of(moedeside, 20)),
                  courses=network.courses(db, user), counts=network.network_counts(db, user, today.year),
                  today=today, failed=failed or {})


@router.get("/netvaerk", include_in_schema=False)
def network_page(request: Request, side: PageNo = 1, moedeside: PageNo = 1, user: User = Depends(staff),
                 db: Database = Depends(get_db)):
    return _network_page(request, user, db, side, moedeside)


@router.post("/netvaerk/kurser", include_in_schema=False, dependencies=csrf)
def course_form(request: Request, title: Annotated[Note, Form()] = "", held_on: Annotated[Name, Form()] = "",
                place: Annotated[Note, Form()] = "", user: User = Depends(staff), db: Database = Depends(get_db)):
    try:
        network.add_course(db, user, title, _required_day(held_on, "dato"), place)
    except InvalidInput as exc:
        return _network_page(request, user, db, failed={"form": "course", "error": str(exc), "title": title,
                                                        "held_on": held_on, "place": place}, status_code=422)
    return back(request, "/netvaerk", "Mentorkurset er oprettet.")


@router.post("/netvaerk/mentorer", include_in_schema=False, dependencies=csrf)
def mentor_form(request: Request, name: Annotated[Note, Form()] = "", cvr: Annotated[Name, Form()] = "",
                job_title: Annotated[Note, Form()] = "", course_id: Annotated[Name, Form()] = "",
                course_on: Annotated[Name, Form()] = "", user: User = Depends(staff), db: Database = Depends(get_db)):
    try:
        course = int(course_id) if course_id.strip().isdigit() else None
        network.add_mentor(db, user, cvr.strip(), name, job_title, course, day(course_on, "kursusdato"))
    except InvalidInput as exc:
        return _network_page(request, user, db, failed={"form": "mentor", "error": str(exc), "name": name, "cvr": cvr,
                                                        "job_title": job_title, "course_id": course_id,
                                                        "course_on": course_on}, status_code=422)
    return back(request, "/netvaerk", "Mentoren er registreret.")


@router.post("/netvaerk/moeder", include_in_schema=False, dependencies=csrf)
def meeting_form(request: Request, held_on: Annotated[Name, Form()] = "", topic: Annotated[Name, Form()] = "",
                 cvrs: Annotated[Note, Form()] = "", user: User = Depends(staff), db: Database = Depends(get_db)):
    try:
        network.add_meeting(db, user, _required_day(held_on, "dato"), topic,
                            [c for c in cvrs.replace(",", " ").split()])
    except InvalidInput as exc:
        return _network_page(request, user, db, failed={"form": "meeting", "error": str(exc), "held_on": held_on,
                                                        "topic": topic, "cvrs": cvrs}, status_code=422)
    return back(request, "/netvaerk", "Netværksmødet er registreret.")


@router.get("/netvaerk/mentorer.csv", include_in_schema=False)
def mentors_csv(user: User = Depends(staff), db: Database = Depends(get_db)):
    rows = ([m.name, m.job_title, m.company_cvr, m.company_name, m.course, m.course_on.isoformat() if m.course_on else ""]
            for m in network.all_mentors(db, user))
    return csv_response(f"mentorer-{user.municipality_code}.csv",
                        ["mentor", "stilling", "cvr", "virksomhed", "mentorkursus", "kursusdato"], rows)


@router.get("/netvaerk/moeder.csv", include_in_schema=False)
def meetings_csv(user: User = Depends(staff), db: Database = Depends(get_db)):
    found = network.meetings(db, user, PageRequest(1, 10**6)).items
    return csv_response(f"netvaerksmoeder-{user.municipality_code}.csv", ["dato", "emne", "virksomheder", "antal"],
                        ([m.held_on.isoformat(), m.topic, ", ".join(m.companies), len(m.companies)] for m in found))


def _required_day(value: str, field: str):
    found = day(value, field)
    if found is None:
        raise InvalidInput(f"Feltet '{field}' skal udfyldes.")
    return found


def _jobs_page(request: Request, user: User, db: Database, side: int = 1, status: str = "all",
               failed: dict | None = None, status_code: int = 200):
    today = clock.today()
    return render(request, "company/companies/small_jobs.html", user=user, status_code=status_code,
                  page=jobs.small_jobs(db, user, PageRequest.of(side, 50), status), status=status,
                  statuses=jobs.STATUS_DA, counts=jobs.small_job_counts(db, user.municipality_code, today.year),
                  today=today, failed=failed or {}, max_hours=jobs.MAX_HOURS)


@router.get("/smajob", include_in_schema=False)
def small_jobs_page(request: Request, side: PageNo = 1, status: Name = "all", user: User = Depends(staff),
                    db: Database = Depends(get_db)):
    return _jobs_page(request, user, db, side, status if status in jobs.STATUS_DA else "all")


@router.post("/smajob", include_in_schema=False, dependencies=csrf)
def small_job_form(request: Request, who: Annotated[Name, Form()] = "", cvr: Annotated[Name, Form()] = "",
                   hours: Annotated[Name, Form()] = "", start: Annotated[Name, Form()] = "",
                   follow_up_on: Annotated[Name, Form()] = "", user: User = Depends(staff),
                   db: Database = Depends(get_db)):
    try:
        if not hours.strip().isdigit():
            raise InvalidInput("Timer pr. uge skal være et helt tal.")
        jobs.add_small_job(db, user, who, cvr, int(hours), _required_day(start, "start"),
                           day(follow_up_on, "opfølgning"))
    except InvalidInput as exc:
        return _jobs_page(request, user, db, failed={"form": "new", "error": str(exc), "who": who, "cvr": cvr,
                                                     "hours": hours, "start": start, "follow_up_on": follow_up_on},
                          status_code=422)
    return back(request, "/smajob", "Småjobbet er registreret.")


@router.post("/smajob/{job_id}/opfoelgning", include_in_schema=False, dependencies=csrf)
def follow_up_form(request: Request, job_id: RowId, on: Annotated[Name, Form()] = "",
                   note: Annotated[Note, Form()] = "", end: Annotated[Name, Form()] = "",
                   user: User = Depends(staff), db: Database = Depends(get_db)):
    try:
        jobs.follow_up(db, user, job_id, day(on, "opfølgningsdato") or clock.today(), note, day(end, "slut"))
    except (InvalidInput, Conflict) as exc:
        return _jobs_page(request, user, db, failed={"form": job_id, "error": str(exc), "on": on, "note": note,
                                                     "end": end}, status_code=422)
    return back(request, "/smajob", "Opfølgningen er registreret.")


@router.get("/smajob.csv", include_in_schema=False)
def small_jobs_csv(status: Name = "all", user: User = Depends(staff), db: Database = Depends(get_db)):
    found = jobs.small_jobs(db, user, PageRequest(1, 10**6), status if status in jobs.STATUS_DA else "all",
                            kind=AuditKind.EXPORT).items
    rows = ([j.citizen_name, j.company_cvr, j.company_name, j.hours_per_week, j.start.isoformat(),
             j.end.isoformat() if j.end else "", j.follow_up_on.isoformat(),
             j.followed_up_on.isoformat() if j.followed_up_on else "", j.note] for j in found)
    return csv_response(f"smajob-{user.municipality_code}.csv", ["borger", "cvr", "virksomhed", "timer pr. uge", "start",
                        "slut", "opfølgning senest", "fulgt op", "note"], rows)


@router.post("/virksomhedscentre/{centre_id}/partnere", include_in_schema=False, dependencies=csrf)
def partner_form(request: Request, centre_id: RowId, cvr: Annotated[Name, Form()] = "",
                 user: User = Depends(staff), db: Database = Depends(get_db)):
    try:
        network.add_partner(db, user, centre_id, cvr)
    except (InvalidInput, Conflict) as exc:
        return centres_view(request, user, db, failed={"centre_id": centre_id, "partner": cvr, "error": str(exc),
                                                       "who": "", "start": ""}, status_code=422)
    return back(request, "/virksomhedscentre", "Partnervirksomheden er tilføjet centret.")
