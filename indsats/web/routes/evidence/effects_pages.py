"""Effekter af tilbud: the municipality's own estimates per offer and target group, the knowledge
bank's figures beside them (upload), the chart and the CSV export."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import RedirectResponse

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.evidence import effect_references, local_effects
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput

from ...csv_export import csv_text_response
from ...deps import get_db, render, require_roles, verify_csrf
from ...input_bounds import Name

router = APIRouter(tags=["evidens"])
readers = require_roles(Role.TEAM_LEADER, Role.MANAGER)


@router.get("/evidens/effekter", include_in_schema=False)
def effects_page(request: Request, besked: Name = "", user: User = Depends(readers), db: Database = Depends(get_db)):
    view = local_effects.local_effects(db, user)
    return render(request, "evidence/effects.html", user=user, view=view, message=besked)


@router.get("/evidens/effekter.csv", include_in_schema=False)
def effects_csv(user: User = Depends(readers), db: Database = Depends(get_db)):
    view = local_effects.local_effects(db, user)
    return csv_text_response(f"effekter-{view.first}-{view.last}.csv", local_effects.effects_csv(view))


@router.post("/evidens/effekter/vidensbank", include_in_schema=False, dependencies=[Depends(verify_csrf)])
async def reference_upload(request: Request, file: UploadFile = File(...), user: User = Depends(readers),
                           db: Database = Depends(get_db)):
    try:
        n = effect_references.import_reference(db, user, file.filename or "vidensbank.csv", await file.read())
    except InvalidInput as exc:
        view = local_effects.local_effects(db, user)
        return render(request, "evidence/effects.html", user=user, view=view, error=str(exc), status_code=422)
    return RedirectResponse(f"/evidens/effekter?besked=Vidensbankens tal er indlæst ({n} rækker).", status_code=303)
