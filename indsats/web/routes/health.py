"""``GET /healthz`` — 200 when the database answers."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from indsats.services.shared.database import Database, health

from ..deps import get_db

router = APIRouter(tags=["drift"])


@router.get("/healthz")
def healthz(db: Database = Depends(get_db)):
    problem = health(db)
    if problem is not None:
        return JSONResponse({"status": "fejl", "detail": problem}, status_code=503)
    return {"status": "ok"}
