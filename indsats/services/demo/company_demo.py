"""Demo data for the company service, written on top of a synthetic municipality.

``seed_company_demo`` gives a share of each municipality's unemployed a candidate
profile, lets some companies order candidates (the largest company always, so its demo
login has something to see), proposes the best consenting candidates to the open
orders, and sets up two company centres. It is idempotent: a municipality that already
has candidate profiles is left alone.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.matching import demo_data
from indsats.matching.batch import match_all
from indsats.matching.embedder import get_embedder
from indsats.matching.taxonomy import default_taxonomy
from indsats.services.company.candidates import UNEMPLOYMENT_BENEFITS, matching_candidates
from indsats.services.company.consent import CITIZEN_SELF
from indsats.services.company.job_orders import as_match_job, company_safe_reasons
from indsats.store.company_tables import (
    CandidateProfileRow,
    CentrePlacementRow,
    CompanyCentreRow,
    CompanyContactRow,
    CompanyRow,
    JobOrderRow,
    JobProposalRow,
)
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CitizenRow, MunicipalityRow

PROPOSALS_PER_ORDER = 3


def seed_company_demo(db: Database, rng_seed: int = 1, municipality_code: str | None = None,
                      as_of: date | None = None) -> int:
    """Write the company demo for one municipality (or all); returns the number of profiles written."""
    as_of = as_of or clock.today()
    written = 0
    with db.unit_of_work() as session:
        codes = [municipality_code] if municipality_code else list(session.scalars(select(MunicipalityRow.code)))
        for code in codes:
            written += _seed_municipality(session, code, random.Random(f"{rng_seed}-{code}"), as_of)
    return written


def _seed_municipality(session: Session, code: str, rng: random.Random, as_of: date) -> int:
    already = session.scalar(select(CandidateProfileRow.id).join(CitizenRow, CitizenRow.id == CandidateProfileRow.citizen_id)
                             .where(CitizenRow.municipality_code == code).limit(1))
    if already is not None:
        return 0
    taxonomy = default_taxonomy()
    spells = session.execute(
        select(BenefitSpellRow.citizen_id, BenefitSpellRow.benefit, BenefitSpellRow.readiness)
        .join(CitizenRow, CitizenRow.id == BenefitSpellRow.citizen_id)
        .where(CitizenRow.municipality_code == code, BenefitSpellRow.start <= as_of,
               (BenefitSpellRow.end.is_(None)) | (BenefitSpellRow.end > as_of))
        .order_by(BenefitSpellRow.citizen_id)).all()
    unemployed = list({cid: readiness for cid, benefit, readiness in spells if benefit in UNEMPLOYMENT_BENEFITS}.items())
    profiles = demo_data.profiles(rng, taxonomy, unemployed)
    for p in profiles:
        session.add(CandidateProfileRow(
            citizen_id=p.citizen_id, occupations=p.occupations, skills=p.skills, education=p.education,
            driving_licence=p.driving_licence, languages=p.languages, accommodation_needs=p.accommodation_needs,
            max_hours=p.max_hours, max_commute_km=p.max_commute_km, consent=p.consent,
            consent_date=as_of if p.consent else None, updated=as_of,
            # the demo's citizens gave their consent themselves (on Min sag), the record says who and when
            consent_given_by=CITIZEN_SELF if p.consent else None,
            consent_given_at=datetime.combine(as_of, time(9), tzinfo=UTC) if p.consent else None,
            summary=f"Søger arbejde som {' eller '.join(p.occupations)}."))
    companies = list(session.scalars(select(CompanyRow).where(CompanyRow.municipality_code == code)
                                     .order_by(CompanyRow.employees.desc(), CompanyRow.cvr)))
    if not companies:
        session.flush()
        return len(profiles)
    orders = demo_data.job_orders(rng, taxonomy, [(c.cvr, c.industry_code, c.postcode) for c in companies], as_of)
    consultant_of = _usual_consultants(session, code)
    top = companies[0]
    orders += demo_data.job_orders(rng, taxonomy, [(top.cvr, top.industry_code, top.postcode)] * 2, as_of, share=1.0)
    rows = []
    for o in orders:
        status = "open" if o.company_cvr == top.cvr and o.status == "cancelled" else o.status
        row = JobOrderRow(company_cvr=o.company_cvr, municipality_code=code, title=o.title, description=o.description,
                          occupation_uri=o.occupation_uri, occupation_label=o.occupation_label, kind=o.kind,
                          hours_per_week=o.hours_per_week, postcode=o.postcode,
                          requires_driving_licence=o.requires_driving_licence,
                          requires_languages=o.requires_languages, heavy_lifting=o.heavy_lifting,
                          night_work=o.night_work, status=status, created=o.created, filled_date=o.filled_date,
                          consultant_id=consultant_of.get(o.company_cvr))
        session.add(row)
        rows.append(row)
    session.flush()
    _propose_best(session, code, rows, as_of)
    for centre in demo_data.centres(rng, [(c.cvr, c.name, c.employees) for c in companies],
                                    [cid for cid, _ in unemployed], as_of):
        row = CompanyCentreRow(company_cvr=centre.company_cvr, name=centre.name, places=centre.places,
                               mentor_name=centre.mentor_name, start=centre.start)
        session.add(row)
        session.flush()
        session.add_all([CentrePlacementRow(centre_id=row.id, citizen_id=cid, start=start) for cid, start in centre.placed])
    session.flush()
    from .network_demo import seed_network

    seed_network(session, code, rng, companies, [cid for cid, _ in unemployed], as_of)
    session.flush()
    return len(profiles)


def _usual_consultants(session: Session, code: str) -> dict[str, int]:
    """Each company's most frequent consultant in its contact history."""
    counts = Counter(session.execute(
        select(CompanyContactRow.company_cvr, CompanyContactRow.consultant_id)
        .join(CompanyRow, CompanyRow.cvr == CompanyContactRow.company_cvr)
        .where(CompanyRow.municipality_code == code, CompanyContactRow.consultant_id.is_not(None))).all())
    usual: dict[str, int] = {}
    for (cvr, consultant), _ in counts.most_common():
        usual.setdefault(cvr, consultant)
    return usual


def _propose_best(session: Session, code: str, orders: list[JobOrderRow], as_of: date) -> None:
    active = [o for o in orders if o.status in ("open", "in_progress", "filled")]
    candidates = matching_candidates(session, code, as_of)
    if not active or not candidates:
        return
    for order, matches in match_all(candidates, [as_match_job(o) for o in active], PROPOSALS_PER_ORDER,
                                    get_embedder()):
        row = next(o for o in active if o.id == order.id)
        for rank, m in enumerate(matches):
            status = "hired" if row.status == "filled" and rank == 0 else "proposed"
            session.add(JobProposalRow(job_order_id=row.id, citizen_id=m.id, proposed_on=row.created,
                                       score=m.score, reasons=company_safe_reasons(m),
                                       status=status))
