"""The employment plan in the system: versions with a status, the difference between two, YAML in and out,
and the plan in force that feeds the dashboard and casework.

A version holds the validated ``EmploymentPlan`` as JSON. Only drafts are edited; a draft is sent to the
committee, approved (date and decision) and put in force; the version in force before it is then replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import yaml
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.models import User
from indsats.plan import EmploymentPlan, parse_plan
from indsats.plan import PlanError as PlanError  # for the interfaces
from indsats.services.shared.errors import Conflict, InvalidInput, NotFound
from indsats.store.db import Database
from indsats.store.plan_tables import PlanStatusEventRow, PlanVersionRow

STATUS_DA = {"draft": "Kladde", "sent": "Sendt til udvalget", "approved": "Godkendt", "in_force": "I kraft",
             "replaced": "Afløst"}
TRANSITIONS = {"draft": ("sent",), "sent": ("approved", "draft"), "approved": ("in_force",), "in_force": (),
               "replaced": ()}
ACTION_DA = {"sent": "Send til udvalget", "approved": "Godkend", "draft": "Send tilbage som kladde",
             "in_force": "Sæt i kraft"}


@dataclass
class Version:
    id: int
    number: int
    year: int
    title: str
    status: str
    status_da: str
    decided_on: date | None
    decision: str
    in_force_from: date | None
    based_on: int | None
    origin: str
    created_by: str
    plan: EmploymentPlan
    history: list[dict]


def _document(plan: EmploymentPlan) -> dict:
    return plan.model_dump(mode="json", exclude_defaults=True)


def _version(row: PlanVersionRow, history: list[dict] | None = None) -> Version:
    return Version(row.id, row.number, row.year, row.title, row.status, STATUS_DA[row.status], row.decided_on,
                   row.decision, row.in_force_from, row.based_on, row.origin, row.created_by,
                   EmploymentPlan.model_validate(row.document), history or [])


def create_version(db: Database, code: str, plan: EmploymentPlan, by: str, origin: str = "",
                   based_on: int | None = None) -> int:
    """Store ``plan`` as a new draft of municipality ``code``; returns its id."""
    if plan.municipality.code != code:
        raise InvalidInput(f"Planen er for kommune {plan.municipality.code}, ikke {code}.")
    now = clock.now()
    with db.unit_of_work() as s:
        number = (s.execute(select(func.max(PlanVersionRow.number)).where(
            PlanVersionRow.municipality_code == code)).scalar() or 0) + 1
        row = PlanVersionRow(municipality_code=code, number=number, year=plan.year, title=plan.title,
                             document=_document(plan), status="draft", decision="", based_on=based_on,
                             origin=origin, created_by=by, created_at=now, updated_at=now)
        s.add(row)
        s.flush()
        s.add(PlanStatusEventRow(version_id=row.id, status="draft", on=clock.today(), decision=origin, by=by, at=now))
        return row.id


def import_yaml(db: Database, code: str, text: str, name: str, by: str = "") -> int:
    """Validate plan YAML with the loader (errors name line and field) and store it as a draft."""
    plan = parse_plan(text, name)
    return create_version(db, code, plan, by, origin=f"Importeret fra {name}")


def export_yaml(plan: EmploymentPlan) -> str:
    return yaml.safe_dump(_document(plan), allow_unicode=True, sort_keys=False, width=110)


def list_versions(db: Database, code: str) -> list[dict]:
    with db.unit_of_work() as s:
        rows = s.execute(select(PlanVersionRow).where(PlanVersionRow.municipality_code == code)
                         .order_by(PlanVersionRow.number.desc())).scalars()
        return [{"id": r.id, "number": r.number, "year": r.year, "title": r.title, "status": r.status,
                 "status_da": STATUS_DA[r.status], "decided_on": r.decided_on, "decision": r.decision, "in_force_from": r.in_force_from,
                 "origin": r.origin} for r in rows]


def get_version(db: Database, code: str, version_id: int) -> Version:
    with db.unit_of_work() as s:
        row = s.get(PlanVersionRow, version_id)
        if row is None or row.municipality_code != code:
            raise NotFound("Planversionen findes ikke.")
        events = s.execute(select(PlanStatusEventRow).where(PlanStatusEventRow.version_id == version_id)
                           .order_by(PlanStatusEventRow.id)).scalars()
        history = [{"status_da": STATUS_DA[e.status], "on": e.on, "decision": e.decision, "by": e.by} for e in events]
        return _version(row, history)


def save_draft(db: Database, user: User, version_id: int, plan: EmploymentPlan) -> None:
    """Replace a draft's document with the (already validated) ``plan``."""
    with db.unit_of_work() as s:
        row = s.get(PlanVersionRow, version_id)
        if row is None or row.municipality_code != user.municipality_code:
            raise NotFound("Planversionen findes ikke.")
        if row.status != "draft":
            raise Conflict(f"Kun en kladde kan rettes; denne version er {STATUS_DA[row.status].lower()}.")
        row.document, row.title, row.year, row.updated_at = _document(plan), plan.title, plan.year, clock.now()


def set_status(db: Database, user: User, version_id: int, status: str, on: date | None = None,
               decision: str = "") -> None:
    """Move a version along draft → sent → approved → in force; approval needs a date and a decision."""
    on = on or clock.today()
    with db.unit_of_work() as s:
        row = s.get(PlanVersionRow, version_id)
        if row is None or row.municipality_code != user.municipality_code:
            raise NotFound("Planversionen findes ikke.")
        if status not in TRANSITIONS[row.status]:
            raise Conflict(f"En plan, der er {STATUS_DA[row.status].lower()}, kan ikke få status "
                           f"{STATUS_DA.get(status, status).lower()}.")
        if status == "approved":
            if not decision.strip():
                raise InvalidInput("Feltet 'Beslutning' skal udfyldes, når planen godkendes.")
            row.decided_on, row.decision = on, decision.strip()
        if status == "in_force":
            for old in s.execute(select(PlanVersionRow).where(PlanVersionRow.municipality_code == row.municipality_code,
                                                             PlanVersionRow.status == "in_force")).scalars():
                old.status = "replaced"
                s.add(PlanStatusEventRow(version_id=old.id, status="replaced", on=on,
                                         decision=f"Afløst af version {row.number}", by=user.username, at=clock.now()))
            row.in_force_from = on
        row.status, row.updated_at = status, clock.now()
        s.add(PlanStatusEventRow(version_id=row.id, status=status, on=on, decision=decision.strip(),
                                 by=user.username, at=clock.now()))


_PARSED: dict[tuple, EmploymentPlan] = {}


def plan_in_force(db: Database, code: str, session: Session | None = None) -> tuple[int, EmploymentPlan] | None:
    """The municipality's version in force (id, plan), or None (then the YAML library is used); read in
    ``session`` when the caller has one open. Asked on every case page: the version's document is read
    and validated only when its id or ``updated_at`` (set by every write) is new to this process."""
    if session is None:
        with db.unit_of_work() as own:
            return plan_in_force(db, code, own)
    found = session.execute(select(PlanVersionRow.id, PlanVersionRow.updated_at)
                            .where(PlanVersionRow.municipality_code == code, PlanVersionRow.status == "in_force")
                            .order_by(PlanVersionRow.number.desc())).first()
    if found is None:
        return None
    key = (db.url, found.id, found.updated_at)
    plan = _PARSED.get(key)
    if plan is None:
        document = session.scalar(select(PlanVersionRow.document).where(PlanVersionRow.id == found.id))
        if len(_PARSED) > 64:
            _PARSED.clear()
        plan = _PARSED[key] = EmploymentPlan.model_validate(document)
    return found.id, plan  # shared, like the parsed YAML plans (goals.cached_plan): not to be changed


def copy_as_draft(db: Database, user: User, version_id: int) -> int:
    """A new draft with the content of ``version_id`` (to change a plan that is no longer a draft)."""
    old = get_version(db, user.municipality_code, version_id)
    return create_version(db, user.municipality_code, old.plan, user.username,
                          origin=f"Kopi af version {old.number}", based_on=old.id)


def _flatten(value, path: str, out: dict[str, object]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else key, out)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, item in enumerate(value):
            ident = item.get("id") or item.get("target_group") or item.get("competence_group") or item.get("offer")
            _flatten(item, f"{path}[{ident if ident else i}]", out)
    else:
        out[path] = value


def _palette_keys(doc: dict) -> dict:
    """Palettes compared as ordered lists of offers (so a reordering reads as one change)."""
    doc = dict(doc)
    doc["strategies"] = [dict(s, offer_palette=" → ".join(p["offer"] for p in s.get("offer_palette", [])))
                         for s in doc.get("strategies", [])]
    return doc


def difference(old: EmploymentPlan, new: EmploymentPlan) -> list[dict]:
    """The changed fields between two plans: path, before and after (None where absent), in document order."""
    a, b = {}, {}
    _flatten(_palette_keys(old.model_dump(mode="json", exclude_defaults=True)), "", a)
    _flatten(_palette_keys(new.model_dump(mode="json", exclude_defaults=True)), "", b)
    keys = list(a) + [k for k in b if k not in a]
    return [{"field": k, "before": a.get(k), "after": b.get(k)} for k in keys if a.get(k) != b.get(k)]


def validation_messages(exc: ValidationError | PlanError) -> list[str]:
    if isinstance(exc, PlanError):
        return str(exc).splitlines()
    return [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]


def version_id(db: Database, code: str, number: int | None = None) -> int:
    """The id of version ``number``; without a number the version in force, else the newest."""
    with db.unit_of_work() as s:
        query = select(PlanVersionRow).where(PlanVersionRow.municipality_code == code)
        if number is not None:
            query = query.where(PlanVersionRow.number == number)
        rows = list(s.execute(query.order_by(PlanVersionRow.number.desc())).scalars())
        if not rows:
            raise NotFound(f"Kommune {code} har ingen plan{f' med version {number}' if number else ''} i systemet.")
        return next((r.id for r in rows if r.status == "in_force"), rows[0].id)
