"""build_world plus the company side: a company with a login, Anna's consented candidate profile,
a job order she is proposed to and a company centre she is placed in — so every page has
personal data to show."""

from __future__ import annotations

from dataclasses import dataclass

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.services.accounts.auth import authenticate, create_user
from indsats.services.casework import coordination, coordination_writes
from indsats.services.company import centres, job_orders
from indsats.services.company.candidates import ProfileIn, save_profile
from indsats.store.company_tables import CompanyRow
from indsats.store.db import Database
from tests.casework.builders import PASSWORD, World, build_world

CVR = "31000008"


@dataclass
class AuditWorld:
    people: World
    job_id: int
    proposal_id: int
    centre_id: int
    placement_id: int


def build_audit_world(db: Database) -> AuditWorld:
    people = build_world(db)
    with db.unit_of_work() as s:
        s.add(CompanyRow(cvr=CVR, name="Lagerhuset A/S", municipality_code="250", postcode="3600",
                         city="Frederikssund"))
        s.flush()
        create_user(s, username="lagerhuset", password=PASSWORD, role=Role.COMPANY, municipality_code="250",
                    company_cvr=CVR)
        create_user(s, username="sofie.social", password=PASSWORD, role=Role.PARTICIPANT, municipality_code="250",
                    display_name="Sofie Social")
    today = clock.today()
    mette = authenticate(db, "mette", PASSWORD)
    consultant = authenticate(db, "konsulent250", PASSWORD)
    save_profile(db, mette, people.anna_id, ProfileIn(occupations=["lagermedarbejder"], languages=["da"],
                                                      consent=True, max_commute_km=40,
                                                      consent_reason="Givet ved samtalen (testdata)"), today)
    order = job_orders.parse_job_order({"title": "Lagermedarbejder", "kind": "ordinary", "postcode": "3600",
                                        "requires_languages": ["da"]})
    job_id = job_orders.create_job_order(db, consultant, CVR, order, today)
    proposal_id = job_orders.propose(db, consultant, job_id, people.anna_id, today)
    centre_id = centres.create_centre(db, consultant, CVR, "Lagercentret", 2, "Lone", today)
    placement_id = centres.place(db, consultant, centre_id, people.anna_id, today)
    # a participant from the social department on Anna's coordinated plan, with her consent
    coordination_writes.add_participant(db, mette, people.anna_id, "sofie.social", "social")
    coordination.set_sharing_consent(db, mette, people.anna_id, "social", True,
                                     "Givet mundtligt ved mødet")
    return AuditWorld(people, job_id, proposal_id, centre_id, placement_id)
