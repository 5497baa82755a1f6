"""A small municipality for the worklist and timeliness tests (fixed dates, as of 2026-08-25)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from indsats.domain.cpr import synthetic
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.accounts.auth import create_user
from indsats.services.casework.obligation_store import refresh_all
from indsats.store.tables import (
    BenefitSpellRow,
    CaseEventRow,
    CaseworkerRow,
    CitizenRow,
    ConversationRow,
    MunicipalityRow,
    TeamRow,
)

AS_OF = date(2026, 8, 25)
PASSWORD = "hemmelig-test"


@dataclass
class World:
    ids: dict[str, int]
    team_a: int
    team_b: int
    mette: int
    jens: int
    hanne: int

    def user(self, role: Role, caseworker_id: int | None = None, username: str = "u") -> User:
        return User(id=None, username=username, role=role, municipality_code="250", caseworker_id=caseworker_id)


def build(db) -> World:
    rng = random.Random(3)
    with db.unit_of_work() as s:
        s.add(MunicipalityRow(code="250", name="Frederikssund"))
        s.flush()
        a = TeamRow(name="Jobparate", municipality_code="250", target_groups=[])
        b = TeamRow(name="Sygedagpenge", municipality_code="250", target_groups=[])
        s.add_all([a, b])
        s.flush()
        mette = CaseworkerRow(name="Mette Sørensen", initials="MS", team_id=a.id, municipality_code="250")
        jens = CaseworkerRow(name="Jens Holm", initials="JH", team_id=a.id, municipality_code="250")
        hanne = CaseworkerRow(name="Hanne Dam", initials="HD", team_id=b.id, municipality_code="250")
        s.add_all([mette, jens, hanne])
        s.flush()
        people = {
            "anna": ("Anna", date(1985, 4, 12), mette.id),
            "bo": ("Bo", date(1990, 1, 2), mette.id),
            "eva": ("Eva", date(1970, 3, 3), mette.id),
            "frank": ("Frank", date(1980, 7, 7), jens.id),
            "dorte": ("Dorte", date(1979, 6, 30), hanne.id),
        }
        rows = {}
        for key, (first, born, worker) in people.items():
            row = CitizenRow(cpr=synthetic(born, True, rng), first_name=first, last_name="Testesen", birth_date=born,
                             municipality_code="250", caseworker_id=worker, synthetic=True)
            s.add(row)
            rows[key] = row
        s.flush()
        ids = {k: r.id for k, r in rows.items()}
        s.add_all([
            # Anna: unemployment benefit from 2026-03-02 (LAB 2024), two conversations in the fund's months.
            BenefitSpellRow(citizen_id=ids["anna"], benefit="unemployment_benefit", start=date(2026, 3, 2)),
            ConversationRow(citizen_id=ids["anna"], date=date(2026, 3, 20), kind="individual", status="held"),
            ConversationRow(citizen_id=ids["anna"], date=date(2026, 5, 4), kind="individual", status="held"),
            ConversationRow(citizen_id=ids["anna"], date=date(2026, 6, 4), kind="individual", status="cancelled"),
            # Bo: job-ready cash benefit from his first contact 2026-01-05, nothing held.
            CaseEventRow(citizen_id=ids["bo"], date=date(2026, 1, 5), type="first_contact", data={}),
            BenefitSpellRow(citizen_id=ids["bo"], benefit="cash_benefit", readiness="job_ready", start=date(2026, 1, 5)),
            # Eva: off benefits since 2025.
            BenefitSpellRow(citizen_id=ids["eva"], benefit="cash_benefit", start=date(2024, 1, 8), end=date(2025, 1, 6)),
            # Frank: cash benefit from 2026-01-05, every conversation on time, no offer.
            CaseEventRow(citizen_id=ids["frank"], date=date(2026, 1, 5), type="first_contact", data={}),
            BenefitSpellRow(citizen_id=ids["frank"], benefit="cash_benefit", readiness="job_ready",
                            start=date(2026, 1, 5)),
            *[ConversationRow(citizen_id=ids["frank"], date=d, kind="individual", status="held")
              for d in (date(2026, 1, 8), date(2026, 2, 2), date(2026, 3, 2), date(2026, 4, 1))],
            # Dorte: sick leave category 2 from 2026-07-01: first follow-up by 2026-08-25 (today).
            BenefitSpellRow(citizen_id=ids["dorte"], benefit="sickness_benefit", start=date(2026, 7, 1),
                            sickness_category=2),
        ])
        for username, role, worker in (("mette", Role.CASEWORKER, mette.id), ("teamleder", Role.TEAM_LEADER, jens.id),
                                       ("leder", Role.MANAGER, None), ("hanne", Role.CASEWORKER, hanne.id)):
            create_user(s, username=username, password=PASSWORD, role=role, municipality_code="250",
                        display_name=username.capitalize(), caseworker_id=worker)
    refresh_all(db, as_of=AS_OF)  # the rows went in directly, as an import does; keep their obligations
    return World(ids, a.id, b.id, mette.id, jens.id, hanne.id)
