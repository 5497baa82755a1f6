"""Demo accounts: one login per role and municipality, tied to real rows of the synthetic data."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain.enums import Role
from indsats.services.accounts.auth import create_user, hash_password
from indsats.store.company_tables import CompanyRow
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CaseworkerRow, CitizenRow, MunicipalityRow, TeamRow, UserRow

DEMO_PASSWORD = "demo1234"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: Role
    municipality: str
    description: str


def _busiest_caseworker(session: Session, code: str, exclude_team_words: tuple[str, ...] = ("virksomhed",)) -> CaseworkerRow | None:
    active = select(BenefitSpellRow.citizen_id).where(BenefitSpellRow.end.is_(None))
    row = session.execute(
        select(CitizenRow.caseworker_id, func.count())
        .where(CitizenRow.municipality_code == code, CitizenRow.caseworker_id.is_not(None), CitizenRow.id.in_(active))
        .group_by(CitizenRow.caseworker_id).order_by(func.count().desc(), CitizenRow.caseworker_id).limit(1)
    ).first()
    return session.get(CaseworkerRow, row[0]) if row else None


def _consultant(session: Session, code: str) -> CaseworkerRow | None:
    team = session.scalar(select(TeamRow).where(TeamRow.municipality_code == code,
                                                TeamRow.name.ilike("%virksomhed%")).order_by(TeamRow.id))
    if team is None:
        return None
    return session.scalar(select(CaseworkerRow).where(CaseworkerRow.team_id == team.id).order_by(CaseworkerRow.id))


def ensure_demo_accounts(db: Database) -> list[DemoLogin]:
    """Create (once) the demo logins for every municipality in the store; returns them all."""
    logins: list[DemoLogin] = []
    shared_hash: list[str] = []  # one Argon2 hash (its own salt) for all of them: they share the demo password
    with db.unit_of_work() as session:
        existing = set(session.scalars(select(UserRow.username)))
        for muni in session.scalars(select(MunicipalityRow).order_by(MunicipalityRow.code)):
            slug = muni.name.lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa").split()[0]
            worker = _busiest_caseworker(session, muni.code)
            consultant = _consultant(session, muni.code)
            active = select(BenefitSpellRow.citizen_id).where(BenefitSpellRow.end.is_(None))
            citizen = session.scalar(select(CitizenRow).where(CitizenRow.municipality_code == muni.code,
                                                              CitizenRow.id.in_(active)).order_by(CitizenRow.id))
            company = session.scalar(select(CompanyRow).where(CompanyRow.municipality_code == muni.code)
                                     .order_by(CompanyRow.employees.desc(), CompanyRow.cvr))
            specs = [
                (f"sagsbehandler.{slug}", Role.CASEWORKER, worker.name if worker else "Sagsbehandler",
                 dict(caseworker_id=worker.id if worker else None), "ser sin sagsstamme og søger borgere"),
                (f"teamleder.{slug}", Role.TEAM_LEADER, f"Teamleder ({worker.name})" if worker else "Teamleder",
                 dict(caseworker_id=worker.id if worker else None), "ser teamets sager, frister og rettidighed"),
                (f"konsulent.{slug}", Role.COMPANY_CONSULTANT, consultant.name if consultant else "Virksomhedskonsulent",
                 dict(caseworker_id=consultant.id if consultant else None), "virksomheder, jobordrer og match"),
                (f"leder.{slug}", Role.MANAGER, f"Jobcenterchef, {muni.name}", {}, "mål, resultater og logning"),
                (f"sundhed.{slug}", Role.PARTICIPANT, f"Sundhedskoordinator, {muni.name}", {},
                 "tværfaglig deltager: kun de samlede planer, sagsbehandleren tilføjer hende til"),
            ]
            if citizen is not None:
                specs.append((f"borger.{slug}", Role.CITIZEN, f"{citizen.first_name} {citizen.last_name}",
                              dict(citizen_id=citizen.id), "ser sin egen sag"))
            if company is not None:
                specs.append((f"virksomhed.{slug}", Role.COMPANY, company.name, dict(company_cvr=company.cvr),
                              "virksomhedens egne jobordrer og foreslåede kandidater"))
            for username, role, display, links, description in specs:
                if username not in existing:
                    shared_hash = shared_hash or [hash_password(DEMO_PASSWORD)]
                    create_user(session, username=username, password=DEMO_PASSWORD, role=role,
                                municipality_code=muni.code, display_name=display, password_hash=shared_hash[0],
                                **links)
                logins.append(DemoLogin(username, DEMO_PASSWORD, role, muni.name, description))
    return logins
