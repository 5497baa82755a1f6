"""Import a municipality's own data: citizens, benefit spells and events (CSV or JSON).

The whole import is one transaction: every row of every file is validated first, and
the first error — named by file, line and field — refuses the import with nothing written.
The files are read by ``shared.import_files`` (encodings found or named, binary and empty
files refused); a CPR number twice is refused naming both lines; an import of no rows is
an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from indsats.services.casework.import_rows import CONVERSATION, OFFER, CitizenIn, EventIn, SpellIn
from indsats.services.casework.obligation_store import refresh_citizens
from indsats.services.shared.errors import InvalidInput
from indsats.services.shared.import_files import read_csv, read_json
from indsats.store.db import Database
from indsats.store.tables import (
    BenefitSpellRow,
    CaseEventRow,
    CitizenRow,
    ConversationRow,
    MunicipalityRow,
    OfferRow,
)

KINDS: dict[str, type[BaseModel]] = {"citizens": CitizenIn, "benefit_spells": SpellIn, "events": EventIn}


class ImportRefused(InvalidInput):
    """A refused import; the message names file, line and field."""


@dataclass
class ImportReport:
    citizens: int = 0
    benefit_spells: int = 0
    conversations: int = 0
    offers: int = 0
    events: int = 0


def _kind_of(path: Path) -> str:
    stem = path.stem.lower()
    for kind in KINDS:
        if stem == kind or stem.endswith("_" + kind) or stem.endswith("-" + kind):
            return kind
    raise ImportRefused(f"{path.name}: filnavnet skal ende på citizens, benefit_spells eller events "
                       f"(fx citizens.csv) — eller være én JSON-fil med de tre lister")


def _raw_rows(path: Path, encoding: str | None = None) -> dict[str, list[tuple[int, dict]]]:
    """Rows with their line numbers (CSV: the file's line; JSON: the item's 1-based index)."""
    if path.suffix.lower() == ".json":
        document = read_json(path, ImportRefused, encoding)
        if not isinstance(document, dict) or not set(document) <= set(KINDS):
            raise ImportRefused(f"{path.name}: JSON skal være et objekt med listerne {', '.join(KINDS)}")
        if not all(isinstance(document.get(kind, []), list) for kind in KINDS):
            raise ImportRefused(f"{path.name}: {', '.join(KINDS)} skal hver være en liste")
        return {kind: list(enumerate(document.get(kind, []), start=1)) for kind in KINDS}
    kind = _kind_of(path)
    return {kind: read_csv(path, ImportRefused, encoding)[1]}


def _where(path: Path, kind: str, line: int) -> str:
    return f"{path.name}, {kind} element {line}" if path.suffix.lower() == ".json" else f"{path.name}, linje {line}"


def _validate(path: Path, kind: str, rows: list[tuple[int, dict]]) -> list[tuple[str, BaseModel]]:
    """Each row's model with where it stands (``citizens.csv, linje 3``)."""
    model = KINDS[kind]
    out = []
    for line, raw in rows:
        where = _where(path, kind, line)
        if not isinstance(raw, dict):
            raise ImportRefused(f"{where}: skal være et objekt")
        if None in raw:
            raise ImportRefused(f"{where}: flere felter end overskriften har")
        present = {key: value for key, value in raw.items() if value not in ("", None)}
        try:
            out.append((where, model.model_validate(present)))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "(rækken)"
            message = first["msg"].removeprefix("Value error, ")
            raise ImportRefused(f"{where}, felt '{field}': {message}") from exc
    return out


def import_files(db: Database, paths: list[Path], encoding: str | None = None) -> ImportReport:
    parsed: dict[str, list] = {kind: [] for kind in KINDS}
    for path in paths:
        for kind, rows in _raw_rows(Path(path), encoding).items():
            parsed[kind].extend(_validate(Path(path), kind, rows))
    if not any(parsed.values()):
        raise ImportRefused(f"{', '.join(Path(p).name for p in paths)}: ingen rækker at importere")
    first_seen: dict[str, str] = {}
    for where, c in parsed["citizens"]:
        if c.cpr in first_seen:
            raise ImportRefused(f"{where}, felt 'cpr': CPR {c.cpr[:6]}-xxxx står også i {first_seen[c.cpr]}")
        first_seen[c.cpr] = where
    report = ImportReport()
    with db.unit_of_work() as session:
        known_munis = set(session.scalars(select(MunicipalityRow.code)))
        ids: dict[str, int] = {}
        for where, c in parsed["citizens"]:
            if c.municipality_code not in known_munis:
                session.add(MunicipalityRow(code=c.municipality_code, name=c.municipality_name or c.municipality_code))
                session.flush()
                known_munis.add(c.municipality_code)
            if session.scalar(select(CitizenRow.id).where(CitizenRow.cpr == c.cpr)):
                raise ImportRefused(f"{where}, felt 'cpr': borgeren med CPR {c.cpr[:6]}-xxxx findes allerede")
            row = CitizenRow(cpr=c.cpr, first_name=c.first_name, last_name=c.last_name, birth_date=c.birth_date,
                             municipality_code=c.municipality_code, address=c.address, postcode=c.postcode or "",
                             city=c.city, synthetic=c.synthetic)
            session.add(row)
            session.flush()
            ids[c.cpr] = row.id
            report.citizens += 1

        def citizen_id(where: str, cpr: str) -> int:
            if cpr not in ids:
                found = session.scalar(select(CitizenRow.id).where(CitizenRow.cpr == cpr))
                if found is None:
                    raise ImportRefused(f"{where}, felt 'cpr': ingen borger med CPR {cpr[:6]}-xxxx")
                ids[cpr] = found
            return ids[cpr]

        for where, s in parsed["benefit_spells"]:
            session.add(BenefitSpellRow(citizen_id=citizen_id(where, s.cpr), benefit=s.benefit.value,
                                        readiness=s.readiness.value if s.readiness else None, start=s.start,
                                        end=s.end, sickness_category=s.sickness_category))
            report.benefit_spells += 1
        for where, e in parsed["events"]:
            cid = citizen_id(where, e.cpr)
            if e.type == CONVERSATION:
                session.add(ConversationRow(citizen_id=cid, date=e.date, kind="joint" if e.joint else "individual",
                                            status="held", note=e.note or ""))
                report.conversations += 1
            elif e.type == OFFER:
                session.add(OfferRow(citizen_id=cid, offer_type=e.offer.value, start=e.date, end=e.end,
                                     hours_per_week=e.hours_per_week or 0.0, company_cvr=e.company_cvr))
                report.offers += 1
            else:
                session.add(CaseEventRow(citizen_id=cid, date=e.date, type=e.type, data=e.event_data()))
                report.events += 1
        refresh_citizens(session, ids.values())
    return report
