"""The company demo on top of a synthetic municipality: profiles, orders, proposals, centres; idempotent."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.company import portal as company_portal
from indsats.services.demo.company_demo import seed_company_demo
from indsats.store.company_tables import (
    CandidateProfileRow,
    CompanyCentreRow,
    CompanyRow,
    JobOrderRow,
    JobProposalRow,
)
from indsats.store.network_tables import CentrePartnerRow, MentorRow, NetworkMeetingRow, SmallJobRow
from indsats.store.programme_tables import StaircaseStepRow
from indsats.synth.build import build

AS_OF = date(2026, 11, 2)


def test_the_demo_gives_the_largest_company_orders_with_proposed_candidates(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_EMBEDDER", "hashing")
    db = sqlite_database
    build(db, seed=3, as_of=AS_OF, codes=("250",), citizens=600)
    written = seed_company_demo(db, 3)
    assert written > 0
    assert seed_company_demo(db, 3) == 0  # idempotent
    with db.unit_of_work() as s:
        count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert count(CandidateProfileRow) == written
        assert count(JobOrderRow) >= 2 and count(JobProposalRow) >= 1 and count(CompanyCentreRow) == 2
        assert s.scalar(select(func.count()).where(JobOrderRow.consultant_id.is_not(None))) > 0
        top = s.scalar(select(CompanyRow).order_by(CompanyRow.employees.desc(), CompanyRow.cvr))
        consenting = set(s.scalars(select(CandidateProfileRow.citizen_id).where(CandidateProfileRow.consent.is_(True))))
        assert set(s.scalars(select(JobProposalRow.citizen_id))) <= consenting
        # every demo consent says who gave it and when (the citizen themself); none without consent does
        given = s.execute(select(CandidateProfileRow.consent, CandidateProfileRow.consent_given_by,
                                 CandidateProfileRow.consent_given_at)).all()
        assert consenting and all((by == "borgeren selv" and at is not None) == bool(c) for c, by, at in given)
        # The network and the staircase have something to show (seed 002).
        assert count(MentorRow) >= 12 and count(NetworkMeetingRow) == 3 and count(CentrePartnerRow) >= 2
        assert count(SmallJobRow) == 15 and count(StaircaseStepRow) >= 30
    user = User(None, "virksomhed", Role.COMPANY, "250", company_cvr=top.cvr)
    orders = company_portal.own_job_orders(db, user)
    assert len(orders) >= 2
    assert any(company_portal.own_job_order(db, user, o.id)[1] for o in orders)
