"""A small municipality for the quota (75 %/25 %) tests, hand-built from the law's windows (as of 2027-02-15).

Cohort 2026-08 (periods from 2026-08-03): the fund's two conversations by 2026-11-02, the
municipality's two from 2026-11-03 to 2027-02-02, the offer by 2027-02-02 — all decided by the
as-of date. Cohort 2026-09 (from 2026-09-01): the municipality's window runs to 2027-02-28, so
its conversations and offer are still open. Otto's period (2026-03) has no quota duties.

Expected, by hand:

| series | cohort | n | met | exempt | not met | open |
|---|---|---|---|---|---|---|
| conversations, dagpenge, municipality | 2026-08 | 4 | 1 (Dan) | 1 (Dina) | 2 (Dorit, Ditte) | 0 |
| conversations, dagpenge, fund | 2026-08 | 4 | 2 (Dan, Ditte) | 0 | 2 (Dina, Dorit) | 0 |
| conversations, job-ready cash, municipality | 2026-08 | 1 | 0 | 1 (Carl) | 0 | 0 |
| offer, dagpenge + cash, municipality | 2026-08 | 5 | 1 (Dan) | 2 (Dina, Carl) | 2 (Dorit, Ditte) | 0 |
| conversations, dagpenge, municipality | 2026-09 | 1 | 0 | 0 | 0 | 1 (Erik) |
| conversations, dagpenge, fund | 2026-09 | 1 | 1 (Erik) | 0 | 0 | 0 |
| offer | 2026-09 | 1 | 0 | 0 | 0 | 1 (Erik) |
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from indsats.domain.cpr import synthetic
from indsats.domain.enums import Role
from indsats.services.accounts.auth import create_user
from indsats.services.casework.obligation_store import refresh_all
from indsats.store.tables import (
    BenefitSpellRow,
    CaseEventRow,
    CaseworkerRow,
    CitizenRow,
    ConversationRow,
    OfferRow,
)
from tests.world_rows import add_seed_municipalities, add_team

AS_OF = date(2027, 2, 15)
PASSWORD = "hemmelig-test"
AUG = date(2026, 8, 3)
SEP = date(2026, 9, 1)
DAGPENGE = "unemployment_benefit"


@dataclass
class World:
    ids: dict[str, int]
    worker: int


def _talk(cid: int, *days: date) -> list[ConversationRow]:
    return [ConversationRow(citizen_id=cid, date=d, kind="individual", status="held") for d in days]


def build(db) -> World:
    rng = random.Random(8)
    with db.unit_of_work() as s:
        add_seed_municipalities(s)
        team = add_team(s, "Jobparate")
        worker = CaseworkerRow(name="Mette Sørensen", initials="MS", team_id=team.id, municipality_code="250")
        other = CaseworkerRow(name="Hans Hedensted", initials="HH", municipality_code="766")
        s.add_all([worker, other])
        s.flush()
        names = ("Dan", "Dina", "Dorit", "Ditte", "Carl", "Erik", "Otto", "Hedda")
        rows = {}
        for i, first in enumerate(names):
            code = "766" if first == "Hedda" else "250"
            born = date(1980 + i, 1 + i, 10)
            row = CitizenRow(cpr=synthetic(born, i % 2 == 0, rng), first_name=first, last_name="Kvotesen",
                             birth_date=born, municipality_code=code,
                             caseworker_id=other.id if code == "766" else worker.id, synthetic=True)
            s.add(row)
            rows[first.lower()] = row
        s.flush()
        ids = {k: r.id for k, r in rows.items()}
        for key in ("dan", "dina", "dorit", "ditte", "hedda"):
            s.add(BenefitSpellRow(citizen_id=ids[key], benefit=DAGPENGE, start=AUG))
        s.add_all([
            # Dan: two conversations in the fund's 3 months, two in the municipality's months, an offer.
            *_talk(ids["dan"], date(2026, 8, 10), date(2026, 9, 14), date(2026, 11, 10), date(2026, 12, 14)),
            OfferRow(citizen_id=ids["dan"], offer_type="company_internship", start=date(2026, 10, 5),
                     end=date(2026, 11, 16), hours_per_week=30),
            # Dina: exempted by the municipality (conversations and offer); the fund's duty stays.
            CaseEventRow(citizen_id=ids["dina"], date=AUG, type="quota_exemption",
                         data={"reason": "Søger selv og har jobsamtaler i gang", "scope": "all",
                               "by": "municipality"}),
            # Ditte: the fund's two conversations, nothing from the municipality.
            *_talk(ids["ditte"], date(2026, 8, 10), date(2026, 9, 14)),
            # Carl: job-ready cash benefit from his first contact, exempted a week later.
            CaseEventRow(citizen_id=ids["carl"], date=AUG, type="first_contact", data={}),
            BenefitSpellRow(citizen_id=ids["carl"], benefit="cash_benefit", readiness="job_ready", start=AUG),
            CaseEventRow(citizen_id=ids["carl"], date=date(2026, 8, 10), type="quota_exemption",
                         data={"reason": "Har tilsagn om job fra oktober", "scope": "all", "by": "municipality"}),
            # Erik: dagpenge from 2026-09-01, the fund's conversations held; the rest still open.
            BenefitSpellRow(citizen_id=ids["erik"], benefit=DAGPENGE, start=SEP),
            *_talk(ids["erik"], date(2026, 9, 8), date(2026, 10, 12)),
            # Otto: dagpenge from 2026-03-02, before the quota duties.
            BenefitSpellRow(citizen_id=ids["otto"], benefit=DAGPENGE, start=date(2026, 3, 2)),
            # Hedda (another municipality): exempted; never counted or shown in Frederikssund.
            CaseEventRow(citizen_id=ids["hedda"], date=AUG, type="quota_exemption",
                         data={"reason": "Anden kommune", "scope": "all", "by": "municipality"}),
        ])
        for username, role, cw in (("teamleder", Role.TEAM_LEADER, worker.id), ("leder", Role.MANAGER, None),
                                   ("mette", Role.CASEWORKER, worker.id)):
            create_user(s, username=username, password=PASSWORD, role=role, municipality_code="250",
                        display_name=username.capitalize(), caseworker_id=cw)
    refresh_all(db, as_of=AS_OF)
    return World(ids, worker.id)
