"""Everything the case page (sagen) shows, read in one transaction.

The case file, the reasons given for offers outside the plan's palette, the sick-leave panel and
the quota box are read in the one ``personal_data`` block, so a page costs one transaction (one
commit of its audit records) instead of five; the audit log gets the same records as when each
part was read on its own: the case read and the read of the sick-leave panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indsats.domain import clock
from indsats.domain.models import User
from indsats.services.accounts import audit
from indsats.services.casework import citizens, sick_leave
from indsats.services.casework.citizens import CaseFile
from indsats.services.casework.quota import CohortUse, cohort_use_in
from indsats.services.steering import goals, offer_palette
from indsats.services.steering.offer_palette import Palette
from indsats.store.db import Database


@dataclass
class CasePage:
    case: CaseFile
    palette: Palette | None  # the offers of the plan for the citizen's target group (None: no group)
    palette_reasons: dict[int, str] = field(default_factory=dict)  # offer id → reason outside the palette
    sick_leave: list[sick_leave.SickLeaveEntry] = field(default_factory=list)
    quota_use: list[CohortUse] = field(default_factory=list)


def case_page(db: Database, user: User, citizen_id: int, action: str) -> CasePage:
    """The case page of one citizen; raises NotFound or Forbidden (recorded as refused); audits the read."""
    with audit.personal_data(db, user, action) as access:
        case = citizens.read_case(access, user, citizen_id)
        session = access.session
        panel = sick_leave.panel_entries(session, citizen_id)
        access.also(citizen_id, sick_leave.panel_action(citizen_id))
        quota_use = cohort_use_in(session, db.url, user, citizen_id)
        plan = goals.plan_for(db, user.municipality_code, goals.IN_FORCE, clock.today().year, session)
    palette = offer_palette.palette_of(plan, offer_palette.current_of(case.spells), case.citizen.birth_date)
    return CasePage(case, palette, case.palette_reasons, panel, quota_use)
