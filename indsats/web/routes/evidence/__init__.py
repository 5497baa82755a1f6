"""Evidens: the local effects of offers (docs/EFFECTS.md), the caseworker's risk list for the newly
unemployed (docs/SCREENING_MODEL_CARD.md) and the benefit-exhaustion watch. ``router`` holds the
routes of the three modules."""

from fastapi import APIRouter

from . import effects_pages, exhaustion_pages, risk_pages

router = APIRouter()
router.routes.extend(effects_pages.router.routes + risk_pages.router.routes + exhaustion_pages.router.routes)
