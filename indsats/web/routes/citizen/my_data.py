"""Mine data og rettigheder: who read my case, what was shared with companies, my consent, my data."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.casework import citizens as citizen_service
from indsats.services.citizen import my_data
from indsats.services.shared.database import Database

from ...deps import get_db, render, require_roles, verify_csrf
from ...flash import flash
from ...input_bounds import Name
from ...schemas import case_file_out

router = APIRouter(tags=["borger"])
citizen_only = require_roles(Role.CITIZEN)


@router.get("/min-sag/mine-data", include_in_schema=False)
def my_data_page(request: Request, user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    entries = my_data.access_log(db, user)
    return render(request, "citizen/my_data.html", user=user, entries=entries,
                  shared=my_data.shared_with_companies(entries), consent=my_data.consent(db, user))


@router.post("/min-sag/samtykke", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def consent_form(request: Request, choice: Annotated[Name, Form()], user: User = Depends(citizen_only),
                 db: Database = Depends(get_db)):
    given = choice == "giv"
    my_data.set_consent(db, user, given)
    flash(request, "Dit samtykke er givet." if given else "Dit samtykke er trukket tilbage. Virksomheder ser ikke "
                                                          "længere din profil.")
    return RedirectResponse("/min-sag/mine-data", status_code=303)


@router.get("/min-sag/mine-data.json", include_in_schema=False)
def my_data_export(user: User = Depends(citizen_only), db: Database = Depends(get_db)):
    case = case_file_out(citizen_service.case_file(db, user, user.citizen_id or -1, action="borgerens udtræk"))
    entries = my_data.access_log(db, user, limit=100_000)
    consent = my_data.consent(db, user)
    document = {"case": case.model_dump(mode="json"),
                "access_log": [dict(asdict(e), at=e.at.isoformat()) for e in entries],
                "consent": None if consent is None else {k: v.isoformat() if hasattr(v, "isoformat") else v
                                                         for k, v in asdict(consent).items()}}
    my_data.export_log(db, user, len(document["access_log"]) + 1)
    return Response(json.dumps(document, ensure_ascii=False, indent=2), media_type="application/json",
                    headers={"Content-Disposition": "attachment; filename=mine-data.json"})
