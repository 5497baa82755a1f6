"""Økonomi: budget against actuals and forecast, budget entry and import, entered costs,
offer prices, and the reimbursement staircase now (docs/ECONOMY.md). ``router`` holds the
routes of both modules (flat, so the app can list their paths)."""

from fastapi import APIRouter

from . import budget_pages, scenario_pages, staircase_pages

router = APIRouter()
router.routes.extend(budget_pages.router.routes + staircase_pages.router.routes + scenario_pages.router.routes)
