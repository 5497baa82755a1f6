"""A team with more than 500 citizens on a benefit, for the paging tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select

from indsats.store.tables import BenefitSpellRow, CitizenRow, UserRow

from .builders import World, build_world

EXTRA = 620


def build_big_team(db) -> World:
    world = build_world(db)
    with db.unit_of_work() as s:
        mette_id = s.scalar(select(UserRow.caseworker_id).where(UserRow.username == "mette"))
        s.execute(insert(CitizenRow), [
            dict(cpr=f"{(i % 28) + 1:02d}0190{9000 + i:04d}", first_name=f"Borger{i:04d}", last_name="Testesen",
                 birth_date=date(1990, 1, (i % 28) + 1), municipality_code="250", caseworker_id=mette_id,
                 synthetic=True) for i in range(EXTRA)])
        ids = s.scalars(select(CitizenRow.id).where(CitizenRow.last_name == "Testesen")).all()
        s.execute(insert(BenefitSpellRow), [
            dict(citizen_id=cid, benefit="cash_benefit" if n % 3 == 0 else "unemployment_benefit",
                 readiness="job_ready" if n % 3 == 0 else None, start=date(2026, 3, 2)) for n, cid in enumerate(ids)])
    return world
