"""Labour-force figures (arbejdsstyrke) for the expenditure per person in the labour force.

The CSV, one row per area and year (``;`` or ``,``):

    area;year;labour_force;expenditure
    Hedensted;2016;23450;
    Hedensted;2017;23610;
    RAR Østjylland;2016;418200;17.520.000.000
    RAR Østjylland;2017;421900;17.130.000.000

``area`` is the municipality itself (its name, its code or "kommune") or a comparison group by
the label the plan gives it (e.g. "RAR Østjylland"). ``labour_force`` = persons in the labour
force (Statistics Denmark's RAS/AKU tables, or jobindsats' denominator); ``expenditure`` =
the area's public expenditure on the benefits in kroner for the year (jobindsats), needed for
comparison groups and ignored for the municipality itself, whose expenditure is computed from
its own panel and rates. Optional column ``source``.

Optional column ``benefits``: the benefit group the expenditure covers (benefit codes joined by
``+``, e.g. ``sickness_benefit+job_clarification``), so each merfald goal is judged against the
comparison group's series for its own benefits (``series_key``); empty = all the goals'
benefits together (one series for every goal without a series of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..domain.enums import Benefit
from .budget import parse_amount
from .csv_rows import read_csv_rows

BENEFITS = tuple(b.value for b in Benefit)


class LabourForceFileError(ValueError):
    """A malformed labour-force file; the Danish message names file, line and column."""


@dataclass(frozen=True, slots=True)
class LabourForceLine:
    area: str
    year: int
    labour_force: int
    expenditure: Decimal | None
    source: str
    line: int
    benefits: tuple[str, ...] = ()


def series_key(measure: str, benefits: list[str] | tuple[str, ...] | None) -> str:
    """The comparison figures' indicator for a measure over a benefit group ("" group = the measure)."""
    return f"{measure}:{'+'.join(sorted(benefits))}" if benefits else measure


def parse_labour_force_csv(text: str, path: str = "arbejdsstyrke") -> list[LabourForceLine]:
    table = read_csv_rows(text)
    if table is None:
        raise LabourForceFileError(f"{path}: linje 1: filen er tom; overskriften skal være area;year;labour_force")
    header = [h.strip().lower() for h in table.header]
    for column in ("area", "year", "labour_force"):
        if column not in header:
            raise LabourForceFileError(f"{path}: linje 1, kolonne '{column}': kolonnen mangler i overskriften")
    pos = {c: i for i, c in enumerate(header)}
    out: list[LabourForceLine] = []
    seen: dict[tuple[str, int, tuple[str, ...]], int] = {}
    for line, row in table.rows:
        if len(row) < len(header):
            raise LabourForceFileError(f"{path}: linje {line}: {len(row)} felter, men overskriften har {len(header)}")

        def cell(name: str, row: list[str] = row) -> str:
            return row[pos[name]].strip() if name in pos else ""

        def bad(column: str, message: str, line: int = line) -> LabourForceFileError:
            return LabourForceFileError(f"{path}: linje {line}, kolonne '{column}': {message}")

        area = cell("area")
        if not area:
            raise bad("area", "tomt område")
        if not re.fullmatch(r"\d{4}", cell("year")):
            raise bad("year", f"{cell('year')!r} er ikke et årstal")
        raw = cell("labour_force").replace(".", "").replace(" ", "")
        if not raw.isdigit() or int(raw) == 0:
            raise bad("labour_force", f"{cell('labour_force')!r} er ikke et positivt antal personer")
        expenditure = None
        if cell("expenditure"):
            try:
                expenditure = parse_amount(cell("expenditure"))
            except ValueError as exc:
                raise bad("expenditure", str(exc)) from None
        group = tuple(sorted({b.strip() for b in re.split(r"[+ ]", cell("benefits")) if b.strip()}))
        unknown = [b for b in group if b not in BENEFITS]
        if unknown:
            raise bad("benefits", f"{unknown[0]!r} er ikke en ydelse; brug ydelsens værdi i filen, fx "
                                  "unemployment_benefit (a-dagpenge) eller sickness_benefit+job_clarification "
                                  "(sygedagpenge og jobafklaringsforløb)")
        key = (area.lower(), int(cell("year")), group)
        if key in seen:
            raise bad("year", f"{area} {key[1]} står allerede i linje {seen[key]}")
        seen[key] = line
        out.append(LabourForceLine(area, key[1], int(raw), expenditure, cell("source"), line, group))
    return out
