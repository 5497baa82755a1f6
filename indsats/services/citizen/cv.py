"""Mit CV: the citizen keeps their own CV, which is the candidate profile company consultants match on.

The matching fields are written to ``candidate_profiles`` (the company context's table, validated by
its ``ProfileIn``) so a consultant finds the citizen as a candidate only while the citizen consents;
the CV's own parts (work experience, the date consent was withdrawn) are in ``citizen_cvs``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.matching.profiles import NO_HEAVY_LIFTING, NO_NIGHT_WORK
from indsats.matching.text import normalise
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_role
from indsats.services.citizen.own import WRITERS, citizen_self, staff_read
from indsats.services.company.candidates import ProfileIn
from indsats.services.company.consent import ConsentRecord, change_consent, consent_record
from indsats.services.shared.errors import InvalidInput
from indsats.services.shared.validation_da import message_da
from indsats.store.citizen_tables import CitizenCvRow
from indsats.store.company_tables import CandidateProfileRow
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CaseworkerRow, CitizenRow

NEEDS_DA = {NO_HEAVY_LIFTING: "Jeg kan ikke løfte tungt", NO_NIGHT_WORK: "Jeg kan ikke arbejde om natten"}
NEEDS_STAFF_DA = {NO_HEAVY_LIFTING: "Kan ikke løfte tungt", NO_NIGHT_WORK: "Kan ikke arbejde om natten"}
MAX_EXPERIENCE = 4000
PAGE_SIZE = 50


def default_taxonomy():
    """The occupation taxonomy (NumPy vectors): loaded on the first use, not when the server starts."""
    from indsats.matching.taxonomy import default_taxonomy as taxonomy

    return taxonomy()


class CvErrors(InvalidInput):
    """Danish messages per form field; the form is shown again with the input kept."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("Tjek de markerede felter.")
        self.errors = errors


@dataclass(frozen=True)
class Cv:
    exists: bool
    occupations: list[str]
    experience: str
    education: str
    skills: list[str]
    driving_licence: bool
    languages: list[str]
    max_hours: float | None
    max_commute_km: float | None
    accommodation_needs: list[str]
    consent: bool
    consent_date: date | None
    consent_withdrawn_on: date | None
    updated: date | None
    consent_record: ConsentRecord | None = None


def occupation_suggestions(text: str, limit: int = 8) -> list[str]:
    """Danish occupation labels of the shipped taxonomy whose label or a synonym contains ``text``."""
    needle = normalise(text or "").strip()
    if len(needle) < 2:
        return []
    starts, contains = [], []
    for occ in default_taxonomy().occupations:
        names = [normalise(a) for a in occ.aliases]
        if any(n.startswith(needle) for n in names):
            starts.append(occ.label_da)
        elif any(needle in n for n in names):
            contains.append(occ.label_da)
    return list(dict.fromkeys(starts + contains))[:limit]


def _uris(labels: list[str]) -> list[str]:
    by_label = {o.label_da: o.uri for o in default_taxonomy().occupations}
    return [by_label[label] for label in labels if label in by_label]


def _cv(session: Session, citizen_id: int) -> Cv:
    cv = session.scalar(select(CitizenCvRow).where(CitizenCvRow.citizen_id == citizen_id))
    p = session.scalar(select(CandidateProfileRow).where(CandidateProfileRow.citizen_id == citizen_id))
    return Cv(exists=cv is not None, occupations=list(p.occupations) if p else [],
              experience=cv.experience if cv else "", education=p.education if p else "",
              skills=list(p.skills) if p else [], driving_licence=bool(p and p.driving_licence),
              languages=list(p.languages) if p else [], max_hours=p.max_hours if p else None,
              max_commute_km=p.max_commute_km if p else None,
              accommodation_needs=list(p.accommodation_needs) if p else [], consent=bool(p and p.consent),
              consent_date=p.consent_date if p else None,
              consent_withdrawn_on=cv.consent_withdrawn_on if cv else None, updated=cv.updated if cv else None,
              consent_record=consent_record(p))


def my_cv(db: Database, user: User) -> Cv:
    with citizen_self(db, user) as (session, citizen):
        return _cv(session, citizen.id)


def _split(text: str) -> list[str]:
    return [part.strip() for line in (text or "").splitlines() for part in line.split(",") if part.strip()]


def save_my_cv(db: Database, user: User, form: dict) -> None:
    """Save the CV from the form's fields (lists as text, one per line or comma-separated)."""
    errors: dict[str, str] = {}
    experience = (form.get("experience") or "").strip()
    if len(experience) > MAX_EXPERIENCE:
        errors["experience"] = f"Skriv højst {MAX_EXPERIENCE} tegn."
    occupations = [o.strip() for o in form.get("occupations", []) if o.strip()]
    if not occupations:
        errors["occupations"] = "Vælg mindst én stilling, du søger. Skriv de første bogstaver og vælg på listen."
    raw = {"occupations": occupations, "occupation_uris": _uris(occupations), "skills": _split(form.get("skills", "")),
           "education": (form.get("education") or "").strip(), "driving_licence": bool(form.get("driving_licence")),
           "languages": _split(form.get("languages", "")), "accommodation_needs": form.get("accommodation_needs", []),
           "max_hours": (form.get("max_hours") or "").strip().replace(",", ".") or None,
           "max_commute_km": (form.get("max_commute_km") or "").strip().replace(",", ".") or None}
    try:
        profile = ProfileIn.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            errors.setdefault(str(err["loc"][0]), message_da(err))
        profile = None
    if errors or profile is None:
        raise CvErrors(errors)
    today = clock.today()
    with citizen_self(db, user) as (session, citizen):
        row = session.scalar(select(CandidateProfileRow).where(CandidateProfileRow.citizen_id == citizen.id))
        if row is None:
            row = CandidateProfileRow(citizen_id=citizen.id, consent=False)
            session.add(row)
        for key, value in profile.model_dump(exclude={"consent", "available_from", "summary"}).items():
            setattr(row, key, value)
        row.updated = today
        cv = session.scalar(select(CitizenCvRow).where(CitizenCvRow.citizen_id == citizen.id))
        if cv is None:
            cv = CitizenCvRow(citizen_id=citizen.id)
            session.add(cv)
        cv.experience, cv.updated = experience, today


def set_my_consent(db: Database, user: User, consent: bool) -> None:
    """Give or withdraw consent to be found by companies; both are dated."""
    today = clock.today()
    with citizen_self(db, user) as (session, citizen):
        row = session.scalar(select(CandidateProfileRow).where(CandidateProfileRow.citizen_id == citizen.id))
        cv = session.scalar(select(CitizenCvRow).where(CitizenCvRow.citizen_id == citizen.id))
        if row is None or cv is None:
            raise InvalidInput("Gem dit CV først; derefter kan du give samtykke.")
        if change_consent(row, consent, user) and not consent:
            cv.consent_withdrawn_on = today


def staff_cv(db: Database, user: User, citizen_id: int) -> Cv:
    """The citizen's CV for the caseworker (audited like the case)."""
    with staff_read(db, user, citizen_id, "cv") as (session, citizen):
        return _cv(session, citizen.id)


@dataclass(frozen=True)
class MissingCv:
    citizen_id: int
    name: str
    since: date


@dataclass(frozen=True)
class CvCheck:
    total: int
    rows: list[MissingCv]
    page: int
    pages: int


def citizens_without_cv(db: Database, user: User, page: int = 1) -> CvCheck:
    """CV-tjek: the caseworker's (a team leader's: the team's) citizens on a benefit without a CV, paged."""
    today = clock.today()
    ensure_role(user, *WRITERS)
    with audit.personal_data(db, user, "cv-tjek") as access:
        session = access.session
        query = (select(CitizenRow.id, CitizenRow.first_name, CitizenRow.last_name, func.min(BenefitSpellRow.start))
                 .join(BenefitSpellRow, BenefitSpellRow.citizen_id == CitizenRow.id)
                 .where(CitizenRow.municipality_code == user.municipality_code, BenefitSpellRow.start <= today,
                        (BenefitSpellRow.end.is_(None)) | (BenefitSpellRow.end > today),
                        CitizenRow.id.not_in(select(CitizenCvRow.citizen_id)))
                 .group_by(CitizenRow.id, CitizenRow.first_name, CitizenRow.last_name))
        if user.role == Role.CASEWORKER:
            query = query.where(CitizenRow.caseworker_id == user.caseworker_id)
        else:
            team = session.scalar(select(CaseworkerRow.team_id).where(CaseworkerRow.id == user.caseworker_id))
            members = select(CaseworkerRow.id).where(CaseworkerRow.team_id == team)
            query = query.where(CitizenRow.caseworker_id.in_(members))
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(1, page), pages)
        rows = session.execute(query.order_by(CitizenRow.last_name, CitizenRow.first_name, CitizenRow.id)
                               .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
        access.touch(r[0] for r in rows)
        return CvCheck(total, [MissingCv(r[0], f"{r[1]} {r[2]}", r[3]) for r in rows], page, pages)
