"""Evidens: the local effects of offers (docs/EFFECTS.md). ``router`` holds the routes."""

from fastapi import APIRouter

from . import effects_pages

router = APIRouter()
router.routes.extend(effects_pages.router.routes)
