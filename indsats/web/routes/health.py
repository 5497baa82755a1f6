"""``GET /healthz`` — 200 when the database answers."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from indsats.services.shared.database import Database, health

from ..api_models import HealthOut
from ..deps import get_db
from ..errors import ErrorOut

router = APIRouter(tags=["drift"])


@router.get("/healthz", response_model=HealthOut, responses={503: {"model": ErrorOut}})
def healthz(db: Database = Depends(get_db)):
    problem = health(db)
    if problem is not None:
        return JSONResponse({"detail": f"Databasen svarer ikke: {problem}", "errors": []}, status_code=503)
    return {"status": "ok"}
