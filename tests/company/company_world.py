"""A small hand-made company world: two municipalities, three companies, consultants,
company logins and three unemployed citizens with candidate profiles."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from indsats.domain.cpr import synthetic
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.auth import create_user
from indsats.store.company_tables import CandidateProfileRow, CompanyRow
from indsats.store.db import Database
from indsats.store.tables import (
    BenefitSpellRow,
    CaseworkerRow,
    CitizenRow,
    OfferRow,
)
from tests.world_rows import add_seed_municipalities, add_team

PASSWORD = "hemmelig-test"
TODAY = date(2026, 11, 2)
WEIGHTS = (2, 7, 6, 5, 4, 3, 2)


def cvr(seven: str) -> str:
    """A CVR number with a valid modulus-11 check digit."""
    check = (-sum(int(d) * w for d, w in zip(seven, WEIGHTS, strict=True))) % 11
    assert check != 10, seven
    return seven + str(check)


LAGER, PLEJE, HEDENSTED_CO = cvr("3100000"), cvr("3100001"), cvr("3100003")


@dataclass
class CompanyWorld:
    anna: int  # lagermedarbejder, consents
    bo: int  # lagermedarbejder, no consent
    carla: int  # SOSU-assistent, no heavy lifting, consents
    consultant: User
    consultant_766: User
    manager: User
    lager_user: User
    pleje_user: User


def build_company_world(db: Database) -> CompanyWorld:
    rng = random.Random(3)
    with db.unit_of_work() as s:
        add_seed_municipalities(s)
        team = add_team(s, "Virksomhedsservice")
        kim = CaseworkerRow(name="Kim Virksomhed", initials="KV", team_id=team.id, municipality_code="250")
        s.add(kim)
        s.add_all([
            CompanyRow(cvr=LAGER, name="Lagerhuset A/S", municipality_code="250", industry_code="52.10.00",
                       industry="Oplagring", employees=80, postcode="3600", city="Frederikssund"),
            CompanyRow(cvr=PLEJE, name="Plejecenter Fjorden", municipality_code="250", industry_code="87.10.00",
                       industry="Plejehjem", employees=60, postcode="3600", city="Frederikssund"),
            CompanyRow(cvr=HEDENSTED_CO, name="Hedensted Byg", municipality_code="766", industry_code="41.20.00",
                       employees=20, postcode="8722", city="Hedensted"),
        ])
        s.flush()
        ids = []
        for first, birth, occupations, extra in [
            ("Anna", date(1985, 4, 12), ["lagermedarbejder"], dict(consent=True, skills=["truckkørsel"])),
            ("Bo", date(1990, 1, 2), ["lagermedarbejder"], dict(consent=False)),
            ("Carla", date(1979, 6, 30), ["SOSU-assistent"],
             dict(consent=True, accommodation_needs=["no_heavy_lifting"], max_hours=30.0)),
        ]:
            citizen = CitizenRow(cpr=synthetic(birth, first != "Bo", rng), first_name=first, last_name="Jensen",
                                 birth_date=birth, municipality_code="250", postcode="3600", city="Frederikssund",
                                 synthetic=True)
            s.add(citizen)
            s.flush()
            s.add(BenefitSpellRow(citizen_id=citizen.id, benefit="cash_benefit", readiness="job_ready",
                                  start=date(2025, 9, 1)))
            s.add(CandidateProfileRow(citizen_id=citizen.id, occupations=occupations, languages=["da"],
                                      max_commute_km=40, **extra))
            ids.append(citizen.id)
        s.add(OfferRow(citizen_id=ids[0], offer_type="company_internship", start=date(2026, 3, 2),
                       end=date(2026, 4, 27), hours_per_week=30, company_cvr=LAGER))
        users = {}
        for name, role, code, links in [
            ("konsulent", Role.COMPANY_CONSULTANT, "250", dict(caseworker_id=kim.id)),
            ("konsulent766", Role.COMPANY_CONSULTANT, "766", {}),
            ("leder", Role.MANAGER, "250", {}),
            ("lagerhuset", Role.COMPANY, "250", dict(company_cvr=LAGER)),
            ("plejecentret", Role.COMPANY, "250", dict(company_cvr=PLEJE)),
        ]:
            row = create_user(s, username=name, password=PASSWORD, role=role, municipality_code=code,
                              display_name=name, **links)
            users[name] = User(row.id, name, role, code, name, caseworker_id=links.get("caseworker_id"),
                               company_cvr=links.get("company_cvr"))
    return CompanyWorld(ids[0], ids[1], ids[2], users["konsulent"], users["konsulent766"], users["leder"],
                        users["lagerhuset"], users["plejecentret"])
