"""Small hand-made municipalities for the casework, accounts and steering tests (two municipalities, a few citizens)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from indsats.domain.cpr import synthetic
from indsats.domain.enums import Role
from indsats.services.accounts.auth import create_user
from indsats.store.db import Database
from indsats.store.tables import (
    BenefitSpellRow,
    CaseworkerRow,
    CitizenPlanRow,
    CitizenRow,
    ConversationRow,
    OfferRow,
)
from tests.world_rows import add_seed_municipalities, add_team

PASSWORD = "hemmelig-test"


@dataclass
class World:
    anna_id: int  # Frederikssund, caseworker Mette's
    bo_id: int  # Frederikssund, caseworker Mette's, no active spell
    carl_id: int  # Hedensted
    anna_cpr: str


def build_world(db: Database) -> World:
    rng = random.Random(7)
    with db.unit_of_work() as s:
        add_seed_municipalities(s)
        t1 = add_team(s, "Jobparate", "250", ["unemployment_benefit"])
        t2 = add_team(s, "Jobparate", "766", ["unemployment_benefit"])
        mette = CaseworkerRow(name="Mette Sørensen", initials="MS", team_id=t1.id, municipality_code="250")
        jens = CaseworkerRow(name="Jens Holm", initials="JH", team_id=t1.id, municipality_code="250")
        hanne = CaseworkerRow(name="Hanne Dam", initials="HD", team_id=t2.id, municipality_code="766")
        s.add_all([mette, jens, hanne])
        s.flush()
        anna_cpr = synthetic(date(1985, 4, 12), True, rng)
        anna = CitizenRow(cpr=anna_cpr, first_name="Anna", last_name="Østergaard", birth_date=date(1985, 4, 12),
                          municipality_code="250", address="Jernbanegade 3", postcode="3600", city="Frederikssund",
                          caseworker_id=mette.id, synthetic=True)
        bo = CitizenRow(cpr=synthetic(date(1990, 1, 2), False, rng), first_name="Bo", last_name="Andersen",
                        birth_date=date(1990, 1, 2), municipality_code="250", caseworker_id=mette.id, synthetic=True)
        dorte = CitizenRow(cpr=synthetic(date(1979, 6, 30), True, rng), first_name="Dorte", last_name="Kjær",
                           birth_date=date(1979, 6, 30), municipality_code="250", caseworker_id=jens.id,
                           synthetic=True)
        carl = CitizenRow(cpr=synthetic(date(1975, 9, 9), False, rng), first_name="Carl", last_name="Andersen",
                          birth_date=date(1975, 9, 9), municipality_code="766", caseworker_id=hanne.id,
                          synthetic=True)
        s.add_all([anna, bo, dorte, carl])
        s.flush()
        s.add_all([
            BenefitSpellRow(citizen_id=anna.id, benefit="unemployment_benefit", start=date(2026, 5, 4)),
            BenefitSpellRow(citizen_id=bo.id, benefit="cash_benefit", readiness="job_ready",
                            start=date(2024, 1, 8), end=date(2024, 9, 2)),
            BenefitSpellRow(citizen_id=dorte.id, benefit="sickness_benefit", start=date(2026, 9, 1),
                            sickness_category=2),
            BenefitSpellRow(citizen_id=carl.id, benefit="unemployment_benefit", start=date(2026, 2, 2)),
            ConversationRow(citizen_id=anna.id, date=date(2026, 5, 20), kind="individual", status="held"),
            ConversationRow(citizen_id=anna.id, date=date(2026, 7, 1), kind="joint", status="held"),
            OfferRow(citizen_id=anna.id, offer_type="company_internship", start=date(2026, 9, 7),
                     end=date(2026, 10, 5), hours_per_week=30, company_cvr="12345678"),
            CitizenPlanRow(citizen_id=anna.id, goal="Job som lagerarbejder", activities=["Virksomhedspraktik"],
                           updated=date(2026, 9, 1)),
        ])
        users = [
            ("mette", Role.CASEWORKER, "250", dict(caseworker_id=mette.id)),
            ("leder250", Role.MANAGER, "250", {}),
            ("teamleder250", Role.TEAM_LEADER, "250", dict(caseworker_id=mette.id)),
            ("hanne", Role.CASEWORKER, "766", dict(caseworker_id=hanne.id)),
            ("leder766", Role.MANAGER, "766", {}),
            ("anna", Role.CITIZEN, "250", dict(citizen_id=anna.id)),
            ("konsulent250", Role.COMPANY_CONSULTANT, "250", {}),
        ]
        for username, role, code, links in users:
            create_user(s, username=username, password=PASSWORD, role=role, municipality_code=code,
                        display_name=username.capitalize(), **links)
        return World(anna_id=anna.id, bo_id=bo.id, carl_id=carl.id, anna_cpr=anna_cpr)


# The day the hand-made world is seen from: its spells start in 2026 and its tests record
# conversations and offers on fixed days of 2026, so they run with the clock at this day.
WORLD_DAY = "2026-12-01 09:00:00+00:00"
