"""Budget, actuals and forecast per area and month; the budget form and CSV import; entered
costs; offer prices. Team leaders read, managers write."""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse

from indsats.domain import clock
from indsats.domain.enums import Benefit, Role
from indsats.domain.labels import BENEFIT_DA, OFFER_DA, label
from indsats.domain.models import User
from indsats.services.economy import budget_overview, budget_records, labour_force
from indsats.services.shared.database import Database
from indsats.services.shared.errors import InvalidInput

from ...csv_export import csv_response
from ...deps import get_db, render, require_roles, verify_csrf
from ...input_bounds import Day, Name, Year

router = APIRouter(tags=["økonomi"])
readers = require_roles(Role.TEAM_LEADER, Role.MANAGER)
writers = require_roles(Role.MANAGER)
Month = Annotated[int, Ge(1), Le(12)]
AREAS = [("forsorgelse", "Forsørgelse"), ("aktivering", "Aktivering"), ("drift", "Drift"), ("lon", "Løn")]


def _year(year: int | None) -> int:
    return year or clock.today().year


@router.get("/okonomi", include_in_schema=False)
def overview_page(request: Request, year: Year | None = None, besked: Name = "", user: User = Depends(readers),
                  db: Database = Depends(get_db)):
    return _overview(request, user, db, _year(year), besked)


def _overview(request: Request, user: User, db: Database, year: int, message: str = "", errors: dict | None = None):
    """The overview; a refused file comes back here with the message at its file field."""
    view = budget_overview.overview(db, user, year)
    return render(request, "economy/overview.html", user=user, view=view, months=range(1, 13), message=message,
                  benefit_codes=[(BENEFIT_DA[b], b.value) for b in Benefit if b in BENEFIT_DA],
                  errors=errors or {}, status_code=422 if errors else 200)


@router.get("/okonomi.csv", include_in_schema=False)
def overview_csv(year: Year | None = None, user: User = Depends(readers), db: Database = Depends(get_db)):
    view = budget_overview.overview(db, user, _year(year))
    return csv_response(f"budget-{view.year}.csv", budget_overview.CSV_HEADER, budget_overview.overview_csv_rows(view))


@router.get("/okonomi/budget", include_in_schema=False)
def budget_page(request: Request, year: Year | None = None, besked: Name = "", user: User = Depends(writers),
                db: Database = Depends(get_db)):
    the_year = _year(year)
    return render(request, "economy/budget.html", user=user, year=the_year, areas=AREAS, months=range(1, 13),
                  budget=budget_records.budget(db, user, the_year), message=besked)


@router.post("/okonomi/budget", include_in_schema=False, dependencies=[Depends(verify_csrf)])
async def budget_save(request: Request, year: Annotated[Year, Form()], user: User = Depends(writers),
                      db: Database = Depends(get_db)):
    form = await request.form()
    amounts = {(area, m): str(form.get(f"{area}_{m}", "")) for area, _ in AREAS for m in range(1, 13)}
    try:
        n = budget_records.set_budget_month(db, user, year, amounts)
    except InvalidInput as exc:  # the message at its field, every amount as typed
        return render(request, "economy/budget.html", user=user, year=year, areas=AREAS, months=range(1, 13),
                      budget=budget_records.budget(db, user, year), message="", status_code=422,
                      errors={getattr(exc, "field", "__all__"): str(exc)},
                      values={f"{a}_{m}": text for (a, m), text in amounts.items()})
    return RedirectResponse(f"/okonomi/budget?year={year}&besked=Budgettet er gemt ({n} linjer).", status_code=303)


@router.post("/okonomi/budget/import", include_in_schema=False, dependencies=[Depends(verify_csrf)])
async def budget_import(request: Request, file: UploadFile = File(...), user: User = Depends(writers),
                        db: Database = Depends(get_db)):
    try:
        n = budget_records.import_budget_bytes(db, user, await file.read(), file.filename or "budget.csv")
    except InvalidInput as exc:
        return _overview(request, user, db, _year(None), errors={"budget": str(exc)})
    return RedirectResponse(f"/okonomi?besked=Budgetfilen er indlæst ({n} linjer).", status_code=303)


@router.get("/okonomi/udgifter", include_in_schema=False)
def costs_page(request: Request, year: Year | None = None, besked: Name = "", user: User = Depends(readers),
               db: Database = Depends(get_db)):
    the_year = _year(year)
    return render(request, "economy/costs.html", user=user, year=the_year, costs=budget_records.costs(db, user, the_year),
                  areas=[a for a in AREAS if a[0] != "forsorgelse"], area_da=dict(AREAS), message=besked,
                  may_write=user.role == Role.MANAGER)


@router.get("/okonomi/udgifter.csv", include_in_schema=False)
def costs_csv(year: Year | None = None, user: User = Depends(readers), db: Database = Depends(get_db)):
    the_year = _year(year)
    area_da = dict(AREAS)
    rows = ([c.month, area_da.get(c.area, c.area), c.amount, c.note] for c in budget_records.costs(db, user, the_year))
    return csv_response(f"udgifter-{user.municipality_code}-{the_year}.csv", ["måned", "område", "beløb (kr.)", "note"],
                        rows)


@router.post("/okonomi/udgifter", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def costs_add(year: Annotated[Year, Form()], month: Annotated[Month, Form()], area: Annotated[Name, Form()],
              amount: Annotated[Name, Form()], note: Annotated[Name, Form()] = "", user: User = Depends(writers), db: Database = Depends(get_db)):
    budget_records.add_cost(db, user, year, month, area, amount, note)
    return RedirectResponse(f"/okonomi/udgifter?year={year}&besked=Udgiften er registreret.", status_code=303)


@router.get("/okonomi/priser", include_in_schema=False)
def prices_page(request: Request, besked: Name = "", user: User = Depends(readers), db: Database = Depends(get_db)):
    return render(request, "economy/prices.html", user=user, prices=budget_records.offer_prices(db, user),
                  offer_types=[(o, label(OFFER_DA, o)) for o in budget_records.OFFER_TYPES], offer_da=OFFER_DA,
                  today=clock.today(), message=besked, may_write=user.role == Role.MANAGER)


@router.get("/okonomi/priser.csv", include_in_schema=False)
def prices_csv(user: User = Depends(readers), db: Database = Depends(get_db)):
    rows = ([label(OFFER_DA, p.offer_type), p.provider or "alle", p.valid_from, p.weekly_price]
            for p in budget_records.offer_prices(db, user))
    return csv_response(f"tilbudspriser-{user.municipality_code}.csv",
                        ["tilbud", "leverandør (CVR)", "gælder fra", "pris pr. uge (kr.)"], rows)


@router.post("/okonomi/priser", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def prices_save(offer_type: Annotated[Name, Form()], valid_from: Annotated[Day, Form()],
                weekly_price: Annotated[Name, Form()], provider: Annotated[Name, Form()] = "", user: User = Depends(writers), db: Database = Depends(get_db)):
    budget_records.set_offer_price(db, user, offer_type, provider, valid_from, weekly_price)
    return RedirectResponse("/okonomi/priser?besked=Prisen er gemt.", status_code=303)


@router.post("/okonomi/arbejdsstyrke", include_in_schema=False, dependencies=[Depends(verify_csrf)])
async def labour_force_import(request: Request, file: UploadFile = File(...), user: User = Depends(writers),
                              db: Database = Depends(get_db)):
    try:
        n = labour_force.import_labour_force_upload(db, user, await file.read(), file.filename or "arbejdsstyrke.csv")
    except InvalidInput as exc:
        return _overview(request, user, db, _year(None), errors={"labour_force": str(exc)})
    return RedirectResponse(f"/okonomi?besked=Arbejdsstyrketallene er indlæst ({n} linjer).", status_code=303)
