"""The knowledge bank's reference figures (jobeffekter.dk), imported by the municipality and shown
beside its own estimates (layout: ``indsats/evidence/reference.py``, docs/EFFECTS.md).

An import is all or nothing: the whole file is checked first, and only a file without errors
replaces the municipality's earlier figures, in one transaction. An error names file, line and
column. Upload on the *Effekter* page (team leader, manager) or ``indsats effect-estimates
import-reference FILE --municipality CODE``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.labels import OFFER_DA
from indsats.domain.models import User
from indsats.evidence.errors import EvidenceError
from indsats.evidence.reference import ALL_GROUPS, Reference, parse_reference
from indsats.store.db import Database
from indsats.store.evidence_tables import EffectReferenceRow

from ..accounts.access import ensure_role
from ..shared.errors import InvalidInput
from .effect_estimates import ALL, TARGET_GROUPS

IMPORTERS = (Role.TEAM_LEADER, Role.MANAGER)
MAX_BYTES = 1_000_000


def _offers() -> dict[str, str]:
    out = {str(code).lower(): str(code) for code in OFFER_DA}
    out.update({name.lower(): str(code) for code, name in OFFER_DA.items()})
    return out


def _groups() -> dict[str, str]:
    out = {code: code for code in TARGET_GROUPS}
    out.update({name.lower(): code for code, (name, _) in TARGET_GROUPS.items()})
    out[ALL_GROUPS] = ALL
    return out


def parse(file_name: str, data: bytes) -> list[Reference]:
    """The figures of an uploaded file; ``InvalidInput`` (Danish, with file, line and column) when bad."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{file_name}: filen er større end {MAX_BYTES // 1_000_000} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InvalidInput(f"{file_name}: linje {line}: ikke UTF-8-tekst; gem filen som CSV UTF-8.") from None
    try:
        return parse_reference(file_name, text.replace("\r\n", "\n"), _offers(), _groups())
    except EvidenceError as exc:
        raise InvalidInput(str(exc)) from None


def _replace(session: Session, code: str, file_name: str, by: str, figures: list[Reference]) -> None:
    now = clock.now()
    session.execute(delete(EffectReferenceRow).where(EffectReferenceRow.municipality_code == code))
    session.execute(insert(EffectReferenceRow), [
        {"municipality_code": code, "offer": r.offer, "target_group": r.target_group, "effect_pp": r.effect_pp,
         "low_pp": r.low_pp, "high_pp": r.high_pp, "source": r.source, "year": r.year,
         "file_name": file_name[:200], "imported_by": by[:100], "imported_at": now} for r in figures])


def import_reference(db: Database, user: User, file_name: str, data: bytes) -> int:
    """The page's upload: replace the municipality's figures with the file's; returns the rows imported."""
    ensure_role(user, *IMPORTERS)
    figures = parse(file_name, data)
    with db.unit_of_work() as session:
        _replace(session, user.municipality_code, file_name, user.username, figures)
    return len(figures)


def import_reference_file(db: Database, code: str, path: Path) -> int:
    """``indsats effect-estimates import-reference``: the same import from a file, by the operator."""
    if not path.is_file():
        raise InvalidInput(f"{path}: filen findes ikke.")
    figures = parse(str(path), path.read_bytes())
    with db.unit_of_work() as session:
        _replace(session, code, path.name, "kommandolinje", figures)
    return len(figures)


def reference_figures(session: Session, code: str) -> dict[tuple[str, str], Reference]:
    """(offer, target group code) → the imported figure."""
    rows = session.scalars(select(EffectReferenceRow).where(EffectReferenceRow.municipality_code == code))
    return {(r.offer, r.target_group): Reference(r.offer, r.target_group, r.effect_pp, r.low_pp, r.high_pp,
                                                 r.source, r.year) for r in rows}
