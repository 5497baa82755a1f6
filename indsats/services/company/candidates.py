"""Candidate profiles (kandidatprofiler): competences, skånebehov, transport and consent.

Caseworkers and team leaders of the citizen's municipality keep a profile; a company
consultant reaches a citizen as a candidate only when a profile exists and the citizen has
consented, and cannot give or withdraw consent on the citizen's behalf. Every read of a
profile goes through ``personal_data`` (logged; a refused attempt too). A company never sees a profile, only a
``CandidateSummary`` of a consenting candidate proposed to it: no name, no CPR number,
no accommodation needs (health), no benefit history.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from indsats.domain.enums import Benefit, Role
from indsats.domain.models import User
from indsats.matching.profiles import ACCOMMODATION_NEEDS, Candidate
from indsats.matching.text import language_code
from indsats.services.accounts.access import ensure_role
from indsats.services.accounts.audit import personal_data
from indsats.services.company.consent import ConsentRecord, change_consent, consent_record
from indsats.services.shared.errors import Conflict, Forbidden, InvalidInput
from indsats.services.shared.paging import Page, PageRequest, fetch
from indsats.services.shared.validation_da import invalid_input
from indsats.store.company_tables import CandidateProfileRow
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CitizenRow

PROFILE_STAFF = (Role.CASEWORKER, Role.TEAM_LEADER, Role.COMPANY_CONSULTANT)
#: Benefits whose weeks count as unemployment for the plan's priority (ledighed).
UNEMPLOYMENT_BENEFITS = frozenset({Benefit.UNEMPLOYMENT_BENEFIT, Benefit.CASH_BENEFIT, Benefit.EDUCATION_BENEFIT,
                                   Benefit.INTEGRATION_BENEFIT, Benefit.FLEXJOB_WAITING_BENEFIT})
FIELDS_DA = {"occupations": "stillinger", "occupation_uris": "stillinger (ESCO)", "skills": "kompetencer",
             "education": "uddannelse", "driving_licence": "kørekort", "languages": "sprog",
             "accommodation_needs": "skånebehov", "max_hours": "højst timer pr. uge",
             "max_commute_km": "højst transport (km)", "available_from": "ledig fra", "consent": "samtykke",
             "summary": "resumé til virksomheder"}


class ProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    occupations: list[str] = Field(default_factory=list, max_length=6)
    occupation_uris: list[str] = Field(default_factory=list, max_length=6)
    skills: list[str] = Field(default_factory=list, max_length=30)
    education: str = Field(default="", max_length=200)
    driving_licence: bool = False
    languages: list[str] = Field(default_factory=list)
    accommodation_needs: list[str] = Field(default_factory=list)
    max_hours: float | None = Field(default=None, gt=0, le=60)
    max_commute_km: float | None = Field(default=None, gt=0, le=500)
    available_from: date | None = None
    consent: bool = False
    summary: str = Field(default="", max_length=1000)
    # only when staff registers consent on the citizen's behalf (services.company.consent)
    consent_reason: str = Field(default="", max_length=500)

    @field_validator("occupations", "skills", "occupation_uris")
    @classmethod
    def _no_blanks(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(v.strip() for v in values if v.strip()))

    @field_validator("languages")
    @classmethod
    def _codes(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(language_code(v) for v in values if v.strip()))

    @field_validator("accommodation_needs")
    @classmethod
    def _known_needs(cls, values: list[str]) -> list[str]:
        for value in values:
            if value not in ACCOMMODATION_NEEDS:
                raise ValueError(f"ukendt skånebehov {value!r}; tilladt: {', '.join(ACCOMMODATION_NEEDS)}")
        return list(dict.fromkeys(values))


def parse_profile(data: dict) -> ProfileIn:
    try:
        return ProfileIn.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(exc, FIELDS_DA) from exc


@dataclass(frozen=True)
class CandidateSummary:
    """What a company may see of a proposed, consenting candidate."""

    reference: str
    occupations: list[str]
    skills: list[str]
    education: str
    driving_licence: bool
    languages: list[str]
    city: str
    available_from: date | None
    summary: str


@dataclass(frozen=True)
class ProfileView:
    citizen_id: int
    name: str
    postcode: str
    city: str
    weeks_unemployed: int
    profile: ProfileIn
    exists: bool
    consent: ConsentRecord | None = None


def in_municipality(user: User, citizen: CitizenRow) -> bool:
    return citizen.municipality_code == user.municipality_code


def _profile(session: Session, citizen_id: int) -> CandidateProfileRow | None:
    return session.scalar(select(CandidateProfileRow).where(CandidateProfileRow.citizen_id == citizen_id))


def candidate_rule(session: Session) -> Callable[[User, CitizenRow], bool]:
    """Staff of the municipality; a consultant only a citizen with a profile and consent."""
    def rule(user: User, citizen: CitizenRow) -> bool:
        if not in_municipality(user, citizen):
            return False
        if user.role == Role.COMPANY_CONSULTANT:
            profile = _profile(session, citizen.id)
            return profile is not None and profile.consent
        return True

    return rule


NOT_A_CANDIDATE = "Borgeren findes ikke som kandidat (ingen kandidatprofil med samtykke)."


def _as_input(row: CandidateProfileRow | None) -> ProfileIn:
    if row is None:
        return ProfileIn()
    return ProfileIn(occupations=row.occupations, occupation_uris=row.occupation_uris, skills=row.skills,
                     education=row.education, driving_licence=row.driving_licence, languages=row.languages,
                     accommodation_needs=row.accommodation_needs, max_hours=row.max_hours,
                     max_commute_km=row.max_commute_km, available_from=row.available_from, consent=row.consent,
                     summary=row.summary)


def weeks_unemployed(session: Session, citizen_ids: list[int], as_of: date) -> dict[int, int]:
    """Whole weeks since the start of the citizen's current unemployment spell (0 if none)."""
    weeks: dict[int, int] = {}
    if not citizen_ids:
        return weeks
    spells = session.execute(select(BenefitSpellRow.citizen_id, BenefitSpellRow.benefit, BenefitSpellRow.start)
                             .where(BenefitSpellRow.citizen_id.in_(citizen_ids), BenefitSpellRow.start <= as_of,
                                    (BenefitSpellRow.end.is_(None)) | (BenefitSpellRow.end > as_of)))
    for citizen_id, benefit, start in spells:
        if benefit in UNEMPLOYMENT_BENEFITS:
            weeks[citizen_id] = max(weeks.get(citizen_id, 0), (as_of - start).days // 7)
    return weeks


def get_profile(db: Database, user: User, citizen_id: int, as_of: date) -> ProfileView:
    ensure_role(user, *PROFILE_STAFF)
    with personal_data(db, user, "kandidatprofil") as access:
        session = access.session
        citizen = access.citizen(citizen_id, candidate_rule(session), NOT_A_CANDIDATE)
        row = _profile(session, citizen_id)
        weeks = weeks_unemployed(session, [citizen_id], as_of).get(citizen_id, 0)
        return ProfileView(citizen_id, f"{citizen.first_name} {citizen.last_name}", citizen.postcode, citizen.city,
                           weeks, _as_input(row), row is not None, consent_record(row))


def save_profile(db: Database, user: User, citizen_id: int, profile: ProfileIn, today: date) -> None:
    """Create or replace the citizen's profile; consent given on the citizen's behalf names the staff
    member and needs a reason, and every change of it is dated (``services.company.consent``)."""
    ensure_role(user, *PROFILE_STAFF)
    with personal_data(db, user, "kandidatprofil gemt") as access:
        session = access.session
        access.citizen(citizen_id, candidate_rule(session), NOT_A_CANDIDATE)
        row = _profile(session, citizen_id)
        if user.role == Role.COMPANY_CONSULTANT and row is not None and profile.consent != row.consent:
            raise Forbidden("Kun borgeren selv eller sagsbehandleren kan give eller trække samtykke.")
        if row is None:
            row = CandidateProfileRow(citizen_id=citizen_id)
            session.add(row)
        for key, value in profile.model_dump(exclude={"consent", "consent_reason"}).items():
            setattr(row, key, value)
        change_consent(row, profile.consent, user, profile.consent_reason)
        row.updated = today
        try:
            session.flush()
        except IntegrityError as exc:  # a first-time profile saved twice at once
            raise Conflict("Profilen blev oprettet af en anden i samme øjeblik. Genindlæs siden og prøv igen.") \
                from exc


@dataclass(frozen=True)
class ProfileListItem:
    citizen_id: int
    name: str
    occupations: list[str]
    consent: bool
    weeks_unemployed: int
    city: str


CANDIDATE_SORTS = {"navn": "navn", "by": "by", "opdateret": "senest opdateret"}


def _json_text(text: str) -> str:
    """``text`` as it stands inside a JSON list stored with ``json.dumps`` (non-ASCII as \\uXXXX)."""
    return json.dumps(text)[1:-1].lower()


def _word_matches(word: str):
    occupations = func.lower(cast(CandidateProfileRow.occupations, String))
    forms = {_json_text(v) for v in (word.lower(), word.upper(), word.capitalize())}
    return or_(CitizenRow.first_name.ilike(f"%{word}%"), CitizenRow.last_name.ilike(f"%{word}%"),
               *(occupations.contains(f, autoescape=True) for f in forms))


def list_profiles(db: Database, user: User, as_of: date, q: str = "", request: PageRequest | None = None,
                  sort: str = "navn", consent: bool | None = None) -> Page[ProfileListItem]:
    """Candidate profiles of the municipality (a consultant: with consent), searched by name or occupation
    and paged in SQL; only the candidates on the page are logged as read."""
    ensure_role(user, *PROFILE_STAFF)
    if sort not in CANDIDATE_SORTS:
        raise InvalidInput(f"Sortér efter en af: {', '.join(CANDIDATE_SORTS)}.")
    request = request or PageRequest()
    with personal_data(db, user, "kandidatliste") as access:
        session = access.session
        query = (select(CandidateProfileRow, CitizenRow)
                 .join(CitizenRow, CitizenRow.id == CandidateProfileRow.citizen_id)
                 .where(CitizenRow.municipality_code == user.municipality_code))
        if user.role == Role.COMPANY_CONSULTANT:
            query = query.where(CandidateProfileRow.consent.is_(True))
        elif consent is not None:
            query = query.where(CandidateProfileRow.consent.is_(consent))
        for word in q.split():
            query = query.where(_word_matches(word))
        name = (CitizenRow.last_name, CitizenRow.first_name, CitizenRow.id)
        order = {"navn": name, "by": (CitizenRow.city, *name),
                 "opdateret": (CandidateProfileRow.updated.desc().nulls_last(), *name)}[sort]
        rows, total = fetch(session, query.order_by(*order), request)
        weeks = weeks_unemployed(session, [c.id for _, c in rows], as_of)
        access.touch(c.id for _, c in rows)
        items = [ProfileListItem(c.id, f"{c.first_name} {c.last_name}", p.occupations, p.consent,
                                 weeks.get(c.id, 0), c.city) for p, c in rows]
        return Page(items, total, request.page, request.page_size, request.capped)


def matching_candidates(session: Session, municipality_code: str, as_of: date,
                        citizen_ids: list[int] | None = None) -> list[Candidate]:
    """The municipality's candidates on a benefit, as the matcher sees them (``id`` = citizen id)."""
    on_benefit = select(BenefitSpellRow.citizen_id).where(
        BenefitSpellRow.start <= as_of, (BenefitSpellRow.end.is_(None)) | (BenefitSpellRow.end > as_of))
    query = (select(CandidateProfileRow, CitizenRow.postcode)
             .join(CitizenRow, CitizenRow.id == CandidateProfileRow.citizen_id)
             .where(CitizenRow.municipality_code == municipality_code, CitizenRow.id.in_(on_benefit))
             .order_by(CitizenRow.id))
    if citizen_ids is not None:
        query = query.where(CitizenRow.id.in_(citizen_ids))
    rows = session.execute(query).all()
    weeks = weeks_unemployed(session, [p.citizen_id for p, _ in rows], as_of)
    return [Candidate(id=p.citizen_id, occupations=p.occupations, occupation_uris=p.occupation_uris, skills=p.skills,
                      education=p.education, driving_licence=p.driving_licence, languages=p.languages,
                      postcode=postcode, max_commute_km=p.max_commute_km, accommodation_needs=p.accommodation_needs,
                      max_hours=p.max_hours, weeks_unemployed=weeks.get(p.citizen_id, 0), consent=p.consent)
            for p, postcode in rows]


def summary_for_company(profile: CandidateProfileRow, citizen: CitizenRow, reference: str) -> CandidateSummary:
    return CandidateSummary(reference, list(profile.occupations), list(profile.skills), profile.education,
                            profile.driving_licence, list(profile.languages), citizen.city, profile.available_from,
                            profile.summary)
