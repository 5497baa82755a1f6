"""Import of CVR data: companies and their production units (P-numbers), CSV or JSON.

CSV: one row per production unit (or per company, with ``p_number`` empty), columns
``cvr, name, address, postcode, city, industry_code, industry, employees, p_number,
municipality_code`` (``;`` or ``,``; the last two optional). Rows sharing a CVR number
are one company: its name and industry come from its first row, its employee count is
the sum over its production units. JSON: a list of companies, each with an optional
``production_units`` list of ``{p_number, name, address, postcode, city, employees}``.

A company already in the register is updated. Every row is validated first; the first
bad row — named by file, line and field — refuses the whole import, nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.dk import cvr as stdnum_cvr

from indsats.services.shared.errors import InvalidInput
from indsats.services.shared.import_files import read_csv, read_json
from indsats.store.company_tables import CompanyRow, ProductionUnitRow
from indsats.store.db import Database
from indsats.store.tables import MunicipalityRow


class CvrImportRefused(InvalidInput):
    """The message names file, line and field."""


class UnitIn(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    p_number: str = Field(pattern=r"^\d{10}$")
    name: str = ""
    address: str = ""
    postcode: str = Field(default="", pattern=r"^(\d{4})?$")
    city: str = ""
    employees: int = Field(default=0, ge=0)


class CompanyIn(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    cvr: str
    name: str = Field(min_length=1, max_length=160)
    address: str = ""
    postcode: str = Field(default="", pattern=r"^(\d{4})?$")
    city: str = ""
    industry_code: str = Field(default="", max_length=10)
    industry: str = ""
    employees: int = Field(default=0, ge=0)
    municipality_code: str | None = Field(default=None, pattern=r"^\d{3}$")
    production_units: list[UnitIn] = []

    @field_validator("cvr")
    @classmethod
    def _cvr(cls, value: str) -> str:
        try:
            return stdnum_cvr.validate(value)
        except Exception as exc:  # stdnum raises its own ValidationError subclasses
            raise ValueError(f"ugyldigt CVR-nummer {value!r} (8 cifre med gyldigt kontrolciffer)") from exc


@dataclass
class CvrImportReport:
    companies_created: int = 0
    companies_updated: int = 0
    production_units: int = 0


def _blank_to_none(row: dict) -> dict:
    return {k.strip(): (v if v not in ("", None) else None) for k, v in row.items() if k}


def _parse(path: Path, encoding: str | None = None) -> list[tuple[int, CompanyIn]]:
    if path.suffix.lower() == ".json":
        document = read_json(path, CvrImportRefused, encoding)
        if not isinstance(document, list):
            raise CvrImportRefused(f"{path.name}: JSON skal være en liste af virksomheder")
        if not document:
            raise CvrImportRefused(f"{path.name}: listen af virksomheder er tom")
        return [(n, _validated(path, "virksomhed nr.", n, item)) for n, item in enumerate(document, start=1)]
    header, lines = read_csv(path, CvrImportRefused, encoding)
    if "cvr" not in header:
        raise CvrImportRefused(f"{path.name}, linje 1: kolonnen 'cvr' mangler")
    rows = []
    for line, row in lines:
        data = {k: v for k, v in _blank_to_none(row).items() if v is not None}
        p_number = data.pop("p_number", None)
        company = _validated(path, "linje", line, data)
        if p_number is not None:
            unit = {"p_number": p_number, **{k: data[k] for k in ("address", "postcode", "city", "employees")
                                              if k in data}, "name": data.get("name", "")}
            company.production_units = [_validated_unit(path, line, unit)]
        rows.append((line, company))
    return rows


def _validated(path: Path, where: str, number: int, data) -> CompanyIn:
    if not isinstance(data, dict):
        raise CvrImportRefused(f"{path.name}, {where} {number}: skal være et objekt")
    try:
        return CompanyIn.model_validate(data)
    except ValidationError as exc:
        raise CvrImportRefused(f"{path.name}, {where} {number}: {_first_error(exc)}") from exc


def _validated_unit(path: Path, number: int, data: dict) -> UnitIn:
    try:
        return UnitIn.model_validate(data)
    except ValidationError as exc:
        raise CvrImportRefused(f"{path.name}, linje {number}: {_first_error(exc)}") from exc


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(p) for p in error["loc"]) or "række"
    return f"feltet '{field}': {error['msg']}"


def import_companies(db: Database, path: Path, municipality_code: str | None = None,
                     encoding: str | None = None) -> CvrImportReport:
    """Validate every row, then write all companies and production units in one transaction."""
    rows = _parse(Path(path), encoding)
    report = CvrImportReport()
    with db.unit_of_work() as session:
        known_codes = set(session.scalars(select(MunicipalityRow.code)))
        merged: dict[str, CompanyIn] = {}
        for number, company in rows:
            code = company.municipality_code or municipality_code
            if code is None or code not in known_codes:
                raise CvrImportRefused(
                    f"{Path(path).name}, linje {number}: feltet 'municipality_code': "
                    + ("mangler (angiv kolonnen eller --kommune)" if code is None else f"ukendt kommune {code!r}"))
            company.municipality_code = code
            if company.cvr in merged:
                merged[company.cvr].production_units.extend(company.production_units)
            else:
                merged[company.cvr] = company
        for company in merged.values():
            _write(session, company, report)
    return report


def _write(session: Session, company: CompanyIn, report: CvrImportReport) -> None:
    employees = sum(u.employees for u in company.production_units) or company.employees
    values = dict(name=company.name, municipality_code=company.municipality_code, industry_code=company.industry_code,
                  industry=company.industry, employees=employees, address=company.address,
                  postcode=company.postcode, city=company.city)
    row = session.get(CompanyRow, company.cvr)
    if row is None:
        session.add(CompanyRow(cvr=company.cvr, **values))
        report.companies_created += 1
    else:
        for key, value in values.items():
            setattr(row, key, value)
        report.companies_updated += 1
    session.flush()
    for unit in company.production_units:
        existing = session.get(ProductionUnitRow, unit.p_number)
        if existing is not None and existing.company_cvr != company.cvr:
            raise CvrImportRefused(f"P-nummer {unit.p_number} hører allerede til CVR {existing.company_cvr}")
        data = dict(company_cvr=company.cvr, name=unit.name or company.name, address=unit.address,
                    postcode=unit.postcode, city=unit.city, employees=unit.employees)
        if existing is None:
            session.add(ProductionUnitRow(p_number=unit.p_number, **data))
        else:
            for key, value in data.items():
                setattr(existing, key, value)
        report.production_units += 1
