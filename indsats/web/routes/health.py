"""``GET /healthz`` — 200 when the database answers."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text

from indsats.store.db import Database

from ..deps import get_db

router = APIRouter(tags=["drift"])


@router.get("/healthz")
def healthz(db: Database = Depends(get_db)):
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1 FROM citizens LIMIT 1"))
    except Exception as exc:  # the database is not ready (missing schema, unreachable)
        return JSONResponse({"status": "fejl", "detail": str(exc).splitlines()[0]}, status_code=503)
    return {"status": "ok"}
