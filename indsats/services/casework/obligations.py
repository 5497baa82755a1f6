"""Obligations from the store: build each citizen's timeline from its rows and run the law engine.

One query per table for the selected citizens, then the pure engine per citizen. The result
is kept in ``citizen_obligations`` by ``obligation_store`` (the worklist, timeliness and the
case page read that table); this module is what fills it, and what answers for a day the
table was not computed for.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.models import User
from indsats.law import Result, RhythmError, TimelineError, compute, parse_rhythms, parse_timeline
from indsats.law.local_rhythm import ContactRhythm
from indsats.law.timeline import Timeline, parse_event, trusted_timeline
from indsats.services.accounts import audit
from indsats.services.accounts.access import ensure_may_read_citizen
from indsats.services.shared.errors import NotFound
from indsats.store.db import Database
from indsats.store.tables import (
    BenefitSpellRow,
    CaseEventRow,
    CitizenRow,
    ConversationRow,
    OfferRow,
)

log = logging.getLogger(__name__)

LAW_BENEFITS = (
    "unemployment_benefit",
    "cash_benefit",
    "education_benefit",
    "sickness_benefit",
    "job_clarification",
    "resource_programme",
    "flexjob_waiting_benefit",
    "rehabilitation",
    "integration_benefit",
)


class ObligationInputError(ValueError):
    """A timeline or plan the engine cannot read; the message names the place."""


# --- the contract command -------------------------------------------------------------


def rhythms_from_plan(plan_path: Path | None) -> list[ContactRhythm]:
    if plan_path is None:
        return []
    from indsats.plan import load_plan
    from indsats.plan.loader import PlanError

    try:
        plan = load_plan(plan_path)
    except PlanError as exc:
        raise ObligationInputError(str(exc)) from None
    try:
        return parse_rhythms([r.model_dump() for r in plan.contact_rhythm], f"{plan_path}: contact_rhythm")
    except RhythmError as exc:
        raise ObligationInputError(str(exc)) from None


def deadlines_for_document(document: Any, as_of: date | None = None, plan_path: Path | None = None) -> Any:
    """The contract: one timeline object → one result; a list → a list of results."""
    rhythms = rhythms_from_plan(plan_path)
    if isinstance(document, dict) and "citizen" not in document and isinstance(document.get("timeline"), dict):
        document = document["timeline"]  # a worked example file: {"about", "timeline", "expected"}
    many = isinstance(document, list)
    items = document if many else [document]
    results = []
    for i, raw in enumerate(items, start=1):
        try:
            timeline = parse_timeline(raw, as_of=as_of)
        except TimelineError as exc:
            prefix = f"timeline {i}: " if many else ""
            raise ObligationInputError(f"{prefix}{exc}") from None
        results.append(compute(timeline, rhythms=rhythms).to_dict())
    return results if many else results[0]


# --- timelines from the store -------------------------------------------------------------


@dataclass(slots=True)
class CitizenRef:
    id: int
    birth_date: date
    caseworker_id: int | None
    name: str


def _active_ids_query(as_of: date, municipality_code: str | None, citizen_ids: Iterable[int] | None,
                      caseworker_ids: Iterable[int] | None, since: date | None = None):
    covering = and_(
        BenefitSpellRow.start <= as_of,
        or_(BenefitSpellRow.end.is_(None), BenefitSpellRow.end > (since or as_of)),
        BenefitSpellRow.benefit.in_(LAW_BENEFITS),
    )
    query = select(BenefitSpellRow.citizen_id).where(covering)
    if municipality_code is not None or caseworker_ids is not None or citizen_ids is not None:
        query = query.join(CitizenRow, CitizenRow.id == BenefitSpellRow.citizen_id)
        if municipality_code is not None:
            query = query.where(CitizenRow.municipality_code == municipality_code)
        if caseworker_ids is not None:
            query = query.where(CitizenRow.caseworker_id.in_(list(caseworker_ids)))
        if citizen_ids is not None:
            query = query.where(CitizenRow.id.in_(list(citizen_ids)))
    return query.distinct()


def _spell_events(rows: list) -> list[dict]:
    """Benefit spells (end exclusive) → benefit_start / benefit_change / benefit_end events."""
    out: list[dict] = []
    rows = sorted(rows, key=lambda r: r.start)
    for i, row in enumerate(rows):
        previous = rows[i - 1] if i else None
        follows = previous is not None and previous.end == row.start
        event = {"date": row.start, "type": "benefit_change" if follows else "benefit_start", "benefit": row.benefit}
        if row.readiness:
            event["readiness"] = row.readiness
        out.append(event)
        if row.benefit == "sickness_benefit" and row.sickness_category in (1, 2, 3):
            out.append({"date": row.start, "type": "sick_leave_start", "category": row.sickness_category})
        following = rows[i + 1] if i + 1 < len(rows) else None
        if row.end is not None and not (following is not None and following.start == row.end):
            out.append({"date": row.end, "type": "benefit_end"})
    return out


def _offer_events(rows: list) -> list[dict]:
    out = []
    for row in rows:
        if row.given_on is not None:
            out.append({"date": row.given_on, "type": "offer_given", "offer": row.offer_type, "start": row.start})
        else:
            out.append({"date": row.start, "type": "offer_start", "offer": row.offer_type})
        if row.end is not None:
            out.append({"date": row.end, "type": "offer_end", "offer": row.offer_type})
    return out


def _to_timeline(citizen: CitizenRef, as_of: date, typed: list[dict], case_events: list[dict]) -> Timeline:
    """Spells, conversations and offers are typed by the store and go in as they are; case events
    carry free JSON data, so each is checked like a contract event and one the engine cannot
    read is left out (and logged) rather than stopping a whole worklist."""
    rows = [(e["date"], e["type"], {k: v for k, v in e.items() if k != "date" and k != "type"}) for e in typed]
    for i, raw in enumerate(case_events, start=1):
        try:
            event = parse_event(i, raw)
        except TimelineError as exc:
            log.warning("citizen %s: case event left out of the law engine: %s", citizen.id, exc)
            continue
        rows.append((event.date, event.type, event.data))
    return trusted_timeline(str(citizen.id), citizen.birth_date, as_of, rows)


def load_timelines(
    session: Session,
    as_of: date,
    *,
    municipality_code: str | None = None,
    citizen_ids: Iterable[int] | None = None,
    caseworker_ids: Iterable[int] | None = None,
    active_only: bool = True,
    since: date | None = None,
) -> dict[int, tuple[CitizenRef, Timeline]]:
    """Timelines of the selected citizens, one query per table.

    ``active_only``: citizens on a benefit the law covers on ``as_of`` — or, with ``since``,
    at any time from ``since`` to ``as_of`` (for timeliness over past months).
    """
    if active_only:
        ids_query = _active_ids_query(as_of, municipality_code, citizen_ids, caseworker_ids, since)
    else:
        ids_query = select(CitizenRow.id)
        if municipality_code is not None:
            ids_query = ids_query.where(CitizenRow.municipality_code == municipality_code)
        if caseworker_ids is not None:
            ids_query = ids_query.where(CitizenRow.caseworker_id.in_(list(caseworker_ids)))
        if citizen_ids is not None:
            ids_query = ids_query.where(CitizenRow.id.in_(list(citizen_ids)))
    ids_sub = ids_query.subquery()
    citizens = {
        row.id: CitizenRef(row.id, row.birth_date, row.caseworker_id, f"{row.first_name} {row.last_name}")
        for row in session.execute(
            select(CitizenRow.id, CitizenRow.birth_date, CitizenRow.caseworker_id, CitizenRow.first_name,
                   CitizenRow.last_name).where(CitizenRow.id.in_(select(ids_sub)))
        )
    }
    spells: dict[int, list] = defaultdict(list)
    for row in session.execute(
        select(BenefitSpellRow.citizen_id, BenefitSpellRow.benefit, BenefitSpellRow.readiness, BenefitSpellRow.start,
               BenefitSpellRow.end, BenefitSpellRow.sickness_category)
        .where(BenefitSpellRow.citizen_id.in_(select(ids_sub)), BenefitSpellRow.start <= as_of)
    ):
        spells[row.citizen_id].append(row)
    events: dict[int, list[dict]] = defaultdict(list)
    conversations: dict[int, list[dict]] = defaultdict(list)
    for row in session.execute(
        select(ConversationRow.citizen_id, ConversationRow.date, ConversationRow.kind)
        .where(ConversationRow.citizen_id.in_(select(ids_sub)), ConversationRow.status == "held",
               ConversationRow.date <= as_of)
    ):
        conversations[row.citizen_id].append({"date": row.date, "type": "conversation", "joint": row.kind == "joint"})
    offers: dict[int, list] = defaultdict(list)
    for row in session.execute(
        select(OfferRow.citizen_id, OfferRow.offer_type, OfferRow.start, OfferRow.end, OfferRow.given_on)
        .where(OfferRow.citizen_id.in_(select(ids_sub)))
    ):
        offers[row.citizen_id].append(row)
    for row in session.execute(
        select(CaseEventRow.citizen_id, CaseEventRow.date, CaseEventRow.type, CaseEventRow.data)
        .where(CaseEventRow.citizen_id.in_(select(ids_sub)), CaseEventRow.date <= as_of)
    ):
        event = dict(row.data or {})
        event["date"] = row.date
        event["type"] = row.type
        if row.type == "offer_given" and isinstance(event.get("start"), str):
            event["start"] = date.fromisoformat(event["start"])
        events[row.citizen_id].append(event)
    out: dict[int, tuple[CitizenRef, Timeline]] = {}
    for cid, citizen in citizens.items():
        typed = _spell_events(spells.get(cid, [])) + _offer_events(offers.get(cid, [])) + conversations.get(cid, [])
        out[cid] = (citizen, _to_timeline(citizen, as_of, typed, events.get(cid, [])))
    return out


def compute_all(
    timelines: dict[int, tuple[CitizenRef, Timeline]], rhythms: list[ContactRhythm] | None = None
) -> dict[int, tuple[CitizenRef, Result]]:
    return {cid: (ref, compute(tl, rhythms=rhythms)) for cid, (ref, tl) in timelines.items()}


def obligations_for_citizen(session: Session, citizen_id: int, as_of: date,
                            rhythms: list[ContactRhythm] | None = None) -> Result | None:
    """One citizen's obligations, recomputed from the store (after every recorded event)."""
    found = load_timelines(session, as_of, citizen_ids=[citizen_id], active_only=False)
    if citizen_id not in found:
        return None
    return compute(found[citizen_id][1], rhythms=rhythms)


# --- the municipality's local rhythm and one citizen's obligations -------------------------


def rhythms_for_municipality(code: str, plan_dir: Path | None = None) -> list[ContactRhythm]:
    """The local contact rhythm of the municipality's newest plan in the plans folder (``indsats.plan.library``).

    No plan, or a plan that does not validate, means no local obligations (legal ones are unaffected).
    """
    from indsats.plan.library import plans_dir

    folder = plan_dir or plans_dir()
    if not folder.is_dir():
        return []
    return list(_rhythms_cached(str(folder.resolve()), code,
                                tuple(sorted((p.name, p.stat().st_mtime) for p in folder.glob("*.yaml")))))


@lru_cache(maxsize=32)
def _rhythms_cached(folder: str, code: str, _stamp: tuple) -> tuple[ContactRhythm, ...]:
    from indsats.plan import load_plan
    from indsats.plan.loader import PlanError

    best = None
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            plan = load_plan(path)
        except PlanError:
            continue
        if plan.municipality.code == code and plan.contact_rhythm and (best is None or plan.year > best.year):
            best = plan
    if best is None:
        return ()
    try:
        return tuple(parse_rhythms([r.model_dump() for r in best.contact_rhythm]))
    except RhythmError:
        return ()


def citizen_obligations(db: Database, user: User, citizen_id: int, as_of: date | None = None) -> Result:
    """One citizen's obligations, for the case page and the API (authorised and logged)."""
    result, _cases = citizen_deadlines(db, user, citizen_id, as_of, availability=False)
    return result


def citizen_deadlines(db: Database, user: User, citizen_id: int, as_of: date | None = None,
                      availability: bool = True) -> tuple[Result, list]:
    """The citizen's deadline page in one transaction: the obligations and (``availability``) the open
    availability cases (``availability.AvailabilityDeadline``), each read audited as when read alone."""
    from indsats.services.casework import availability as availability_cases
    from indsats.services.casework.obligation_store import kept_result

    as_of = as_of or clock.today()
    with db.unit_of_work() as session:
        citizen = session.get(CitizenRow, citizen_id)
        if citizen is None:
            raise NotFound("Borgeren findes ikke.")
        ensure_may_read_citizen(user, citizen)
        result = kept_result(session, citizen_id, as_of)
        if result is None:
            result = obligations_for_citizen(session, citizen_id, as_of,
                                             rhythms_for_municipality(citizen.municipality_code))
        cases = availability_cases.deadlines_of(session, citizen) if availability else []
        audit.record(session, user, [citizen_id], "frister",
                     more=[(citizen_id, availability_cases.DEADLINES_ACTION)] if availability else [])
        if result is None:
            raise NotFound("Borgeren findes ikke.")
        return result, cases


# --- many citizens at once ----------------------------------------------------------------

_SHARED: list[Any] = []
_BUILD: Any = None


def _compute_range(args: tuple[int, int, list[dict] | None]) -> dict[str, int]:
    import gc

    gc.disable()  # the engine makes no reference cycles; collecting only costs time here
    first, last, rhythm_dicts = args
    rhythms = parse_rhythms(rhythm_dicts) if rhythm_dicts else None
    build = _BUILD
    counts: dict[str, int] = defaultdict(int)
    for item in _SHARED[first:last]:
        timeline = build(item) if build is not None else item
        for ob in compute(timeline, rhythms=rhythms).obligations:
            counts[ob.status] += 1
    return dict(counts)


def compute_parallel(items: list[Any], workers: int = 2, rhythms: list[ContactRhythm] | None = None,
                     chunk: int = 10_000, build: Any = None) -> dict[str, int]:
    """Recompute many citizens' obligations on ``workers`` processes; returns the count per status.

    ``items`` are timelines, or rows that ``build`` turns into a timeline inside the worker
    (so building is parallel too). The workers are forked and inherit ``items`` — nothing is
    pickled on the way in — and send back only the tallies. For bulk checks such as the
    benchmark.
    """
    import gc
    import multiprocessing
    import os

    global _SHARED, _BUILD
    rhythm_dicts = [r.model_dump() for r in rhythms] if rhythms else None
    ranges = [(i, min(i + chunk, len(items)), rhythm_dicts) for i in range(0, len(items), chunk)]
    workers = max(1, min(workers, os.cpu_count() or 1, len(ranges)))
    _SHARED, _BUILD = items, build
    gc.freeze()  # keep the inherited data out of the children's collections (no copy-on-write)
    try:
        if workers == 1:
            parts = [_compute_range(r) for r in ranges]
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_compute_range, ranges, chunksize=1)
    finally:
        gc.enable()
        gc.unfreeze()
        _SHARED, _BUILD = [], None
    total: dict[str, int] = defaultdict(int)
    for part in parts:
        for status, n in part.items():
            total[status] += n
    return dict(total)
