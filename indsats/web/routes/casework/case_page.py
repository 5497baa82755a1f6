"""The case page (sagen): rendered by its route and again, with the user's input, after a failed form."""

from __future__ import annotations

from fastapi import Request

from indsats.domain.models import User
from indsats.services.casework import citizens as citizen_service
from indsats.services.casework import sick_leave
from indsats.services.casework.quota import STATE_DA, cohort_use_for_citizen
from indsats.services.shared.database import Database
from indsats.services.steering import offer_palette

from ...deps import render
from .form_specs import ORDER, SPECS, offer_spec


def render_case_page(request: Request, user: User, db: Database, citizen_id: int, status_code: int = 200,
                     form_state: dict | None = None):
    case = citizen_service.case_file(db, user, citizen_id, action=f"side: /borgere/{citizen_id}")
    return render(request, "casework/citizens/case.html", user=user, case=case, status_code=status_code,
                  quota_use=cohort_use_for_citizen(db, user, citizen_id), quota_state_da=STATE_DA,
                  specs=[offer_spec(offer_palette.citizen_palette(db, user, citizen_id)) if k == "offer" else SPECS[k]
                         for k in ORDER], palette_reasons=offer_palette.reasons(db, citizen_id),
                  form_state=form_state or {"kind": None, "values": {}, "errors": {}},
                  sick_leave=sick_leave.case_panel(db, user, citizen_id))
