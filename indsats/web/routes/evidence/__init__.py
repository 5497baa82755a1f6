"""Evidens: the local effects of offers (docs/EFFECTS.md) and the caseworker's risk list for the
newly unemployed (docs/SCREENING_MODEL_CARD.md). ``router`` holds the routes of both modules."""

from fastapi import APIRouter

from . import effects_pages, risk_pages

router = APIRouter()
router.routes.extend(effects_pages.router.routes + risk_pages.router.routes)
