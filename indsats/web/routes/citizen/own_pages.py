"""Min sag: the citizen's duties in plain Danish above the case (plan, conversations, offers, timeline)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework import citizens as citizen_service
from indsats.services.citizen import duties as duty_service
from indsats.services.citizen import notifications
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles

router = APIRouter(tags=["borger"])
citizen_only = require_roles(Role.CITIZEN)


@router.get("/min-sag", include_in_schema=False)
def own_case_page(request: Request, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    case = citizen_service.case_file(db, user, user.citizen_id or -1, action="side: /min-sag")
    duties = duty_service.my_duties(db, user)
    return render(request, "citizen/own_case.html", user=user, case=case, duties=duties,
                  notifications=notifications.my_notifications(db, user))
