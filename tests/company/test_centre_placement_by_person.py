"""A company-centre placement picks the citizen by name or CPR number (never an internal id); the job
order's status form starts on no status."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from indsats.services.company import centres as company_centres
from indsats.services.shared.errors import InvalidInput
from indsats.store.tables import AuditRow, CitizenRow

from .company_world import PLEJE, build_company_world


def test_placement_by_full_name_or_cpr_and_clear_refusals(database):
    world = build_company_world(database)
    centre = company_centres.create_centre(database, world.consultant, PLEJE, "Plejecentret", 3, "Lone Madsen",
                                           date(2026, 1, 1))
    company_centres.place(database, world.consultant, centre, None, date(2026, 10, 1), who="  anna   jensen ")
    with database.unit_of_work() as s:
        carla_cpr = s.get(CitizenRow, world.carla).cpr
    company_centres.place(database, world.consultant, centre, None, date(2026, 10, 1),
                          who=f"{carla_cpr[:6]}-{carla_cpr[6:]}")
    placed = company_centres.centres(database, world.consultant, date(2026, 10, 2))[0].placed
    assert sorted(p.name for p in placed) == ["Anna Jensen", "Carla Jensen"]
    with pytest.raises(InvalidInput, match="10 cifre"):
        company_centres.place(database, world.consultant, centre, None, date(2026, 10, 1), who="12345")
    with pytest.raises(InvalidInput, match="Ingen borger"):
        company_centres.place(database, world.consultant, centre, None, date(2026, 10, 1), who="Ukendt Person")
    with database.unit_of_work() as s:
        assert s.scalar(select(AuditRow).where(AuditRow.citizen_id == world.carla, AuditRow.kind == "disclosure",
                                               AuditRow.action.like("placeret i virksomhedscenter%"))) is not None
