"""The case page (sagen): rendered by its route and again, with the user's input, after a failed form."""

from __future__ import annotations

from fastapi import Request

from indsats.domain.models import User
from indsats.services.casework import case_page as case_page_service
from indsats.services.casework.quota import STATE_DA
from indsats.services.shared.database import Database

from ...deps import render
from .form_specs import ORDER, SPECS, offer_spec


def render_case_page(request: Request, user: User, db: Database, citizen_id: int, status_code: int = 200,
                     form_state: dict | None = None):
    page = case_page_service.case_page(db, user, citizen_id, action=f"side: /borgere/{citizen_id}")
    return render(request, "casework/citizens/case.html", user=user, case=page.case, status_code=status_code,
                  quota_use=page.quota_use, quota_state_da=STATE_DA,
                  specs=[offer_spec(page.palette) if k == "offer" else SPECS[k] for k in ORDER],
                  palette_reasons=page.palette_reasons,
                  form_state=form_state or {"kind": None, "values": {}, "errors": {}},
                  sick_leave=page.sick_leave)
