"""A small municipality for the economy pages: three citizens on benefits, an offer, a
manager and a team leader (synthetic data)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from indsats.domain.cpr import synthetic
from indsats.domain.enums import Role
from indsats.services.accounts.auth import create_user
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CitizenRow, OfferRow
from tests.world_rows import add_seed_municipalities

PASSWORD = "hemmelig-test"
TODAY = date(2024, 6, 5)  # a Wednesday: the last full week is 2024-W22


@dataclass
class EconomyWorld:
    anna: int  # cash benefit from 2024-01-01: week 22 of her period in W22, reaches 27 in 5 weeks
    bo: int  # unemployment benefit from 2023-06-05: week 52 in W22, reaches 53 in 1 week
    carl: int  # sickness benefit from 2024-05-06: week 4


def build_economy_world(db: Database) -> EconomyWorld:
    rng = random.Random(3)
    with db.unit_of_work() as s:
        add_seed_municipalities(s)
        ids = []
        for first, last, born, benefit, start in [
            ("Anna", "Østergaard", date(1985, 4, 12), "cash_benefit", date(2024, 1, 1)),
            ("Bo", "Hansen", date(1979, 2, 3), "unemployment_benefit", date(2023, 6, 5)),
            ("Carl", "Dam", date(1990, 9, 9), "sickness_benefit", date(2024, 5, 6)),
        ]:
            c = CitizenRow(cpr=synthetic(born, True, rng), first_name=first, last_name=last, birth_date=born,
                           municipality_code="250", synthetic=True)
            s.add(c)
            s.flush()
            s.add(BenefitSpellRow(citizen_id=c.id, benefit=benefit, start=start, end=None))
            ids.append(c.id)
        s.add(OfferRow(citizen_id=ids[0], offer_type="company_internship", start=date(2024, 3, 1),
                       end=date(2024, 3, 14), hours_per_week=30))
        create_user(s, username="leder", password=PASSWORD, role=Role.MANAGER, municipality_code="250")
        create_user(s, username="teamleder", password=PASSWORD, role=Role.TEAM_LEADER, municipality_code="250")
        create_user(s, username="sagsbehandler", password=PASSWORD, role=Role.CASEWORKER, municipality_code="250")
        create_user(s, username="leder766", password=PASSWORD, role=Role.MANAGER, municipality_code="766")
    return EconomyWorld(*ids)
