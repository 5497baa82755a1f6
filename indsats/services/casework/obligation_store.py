"""The kept obligations: write the law engine's result per citizen into ``citizen_obligations``.

``refresh_citizen(session, citizen_id)`` recomputes one citizen inside the caller's
transaction; every write that changes a timeline (a conversation, an offer, a case event, an
import, a benefit change) calls it, so the table never lags a recorded event; the same call
rewrites the citizen's runs of dagpenge weeks (``dagpenge_runs``, the exhaustion watch's table). ``refresh_all``
rebuilds the whole table (``indsats obligations refresh``): after an import, a change of the
law's parameters or a plan's local rhythm, and once a day — the engine's result depends on the
day (a new window opens, a first-six-months duty closes), and the table stores the result for
its ``as_of``. Between daily refreshes a reader derives ``overdue`` for a ``due`` row whose
deadline has passed (``effective_status``), so a missed refresh never shows a missed deadline
as still open. See docs/ARCHITECTURE.md, "Obligations are kept".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.law import Result, compute
from indsats.law.calendar import on_non_workday
from indsats.law.obligation import Obligation
from indsats.law.timeline import Timeline
from indsats.services.casework.dagpenge_runs import drop_stale, refresh_runs
from indsats.services.casework.obligations import load_timelines, rhythms_for_municipality
from indsats.store.db import Database
from indsats.store.obligation_tables import CitizenObligationRow, DagpengeRunRow
from indsats.store.tables import BenefitSpellRow, CaseworkerRow, CitizenRow

#: progress(stage, done, total)
Progress = Callable[[str, int, int], None]
CHUNK = 2_000
SUPERSEDING_EVENTS = {
    "conversation": ("conversation",), "joint": ("conversation",), "followup": ("conversation",),
    "offer": ("offer_start", "offer_given"),
}
BENEFIT_EVENTS = ("benefit_start", "benefit_change", "benefit_end")
T = CitizenObligationRow


@lru_cache(maxsize=8192)
def _non_workday(day: date | None) -> bool:
    return on_non_workday(day)


def effective_status(as_of: date):
    """SQL: the status on ``as_of`` of a row computed on an earlier day (``due`` past its deadline is overdue)."""
    return case((and_(T.status == "due", T.deadline.is_not(None), T.deadline < as_of), "overdue"), else_=T.status)


def superseded_on(ob: Obligation, timeline: Timeline, later_periods: list[date]) -> date | None:
    """The day a later event made an overdue duty moot: a new period, the end of the benefit, or a
    conversation/offer after the deadline.

    The miss stays a miss in timeliness; the worklist shows only what needs action now.
    """
    if ob.status != "overdue" or ob.deadline is None:
        return None
    found = [d for d in later_periods if ob.period_start is not None and d > ob.period_start]
    kinds = SUPERSEDING_EVENTS.get(ob.action, ())
    found += [e.date for e in timeline.events if e.type in kinds and e.date > ob.deadline]
    if ob.period_start is not None:  # the benefit ended (and has not started again): nothing left to do
        spells = [e for e in timeline.events if e.type in BENEFIT_EVENTS
                  and ob.period_start < e.date <= timeline.as_of]
        if spells and spells[-1].type == "benefit_end":
            found.append(spells[-1].date)
    return min(found) if found else None


def _rows(citizen: dict, timeline: Timeline, result: Result, computed_at) -> list[dict]:
    starts = sorted({ob.period_start for ob in result.obligations if ob.period_start is not None})
    out = []
    for position, ob in enumerate(result.obligations):
        out.append({
            "citizen_id": citizen["id"], "municipality_code": citizen["municipality_code"],
            "caseworker_id": citizen["caseworker_id"], "team_id": citizen["team_id"],
            "citizen_name": citizen["name"], "citizen_regime": result.regime, "position": position,
            "rule": ob.rule, "status": ob.status, "deadline": ob.deadline,
            "deadline_on_non_workday": _non_workday(ob.deadline), "window_start": ob.window_start,
            "met_on": ob.met_on, "period_start": ob.period_start,
            "superseded_on": superseded_on(ob, timeline, starts), "regime": ob.regime or "",
            "benefit": ob.benefit, "target_group": ob.target_group, "action": ob.action, "source": ob.source,
            "local": ob.local, "held": ob.held, "required": ob.required, "quota": ob.quota, "note": ob.note or "",
            "as_of": result.as_of, "computed_at": computed_at,
        })
    return out


#: Bumped by every refresh in this process, so a reader's short-lived cache (the worklist's tab
#: counts) is never older than a write made through this server.
VERSION = [0]


def _refresh(session: Session, citizen_ids: list[int], as_of: date) -> int:
    """Recompute the given citizens (one query per table) and replace their rows; returns rows written."""
    return _write(session, citizen_ids, _computed(session, citizen_ids, as_of))


def _computed(session: Session, citizen_ids: list[int], as_of: date) -> list[dict]:
    """The rows of the given citizens: read their timelines and run the law engine (no writes)."""
    citizens = {
        r.id: {"id": r.id, "municipality_code": r.municipality_code, "caseworker_id": r.caseworker_id,
               "team_id": r.team_id, "name": f"{r.first_name} {r.last_name}"}
        for r in session.execute(
            select(CitizenRow.id, CitizenRow.municipality_code, CitizenRow.caseworker_id, CitizenRow.first_name,
                   CitizenRow.last_name, CaseworkerRow.team_id)
            .outerjoin(CaseworkerRow, CaseworkerRow.id == CitizenRow.caseworker_id)
            .where(CitizenRow.id.in_(citizen_ids)))
    }
    timelines = load_timelines(session, as_of, citizen_ids=citizen_ids, active_only=False)
    computed_at = clock.now()
    rhythms = {code: rhythms_for_municipality(code) for code in {c["municipality_code"] for c in citizens.values()}}
    rows: list[dict] = []
    for cid, (_ref, timeline) in timelines.items():
        citizen = citizens[cid]
        result = compute(timeline, rhythms=rhythms[citizen["municipality_code"]])
        rows.extend(_rows(citizen, timeline, result, computed_at))
    return rows


def _write(session: Session, citizen_ids: list[int], rows: list[dict]) -> int:
    VERSION[0] += 1
    connection = session.connection()  # Core executemany: no ORM bookkeeping, no RETURNING per row
    connection.execute(delete(T.__table__).where(T.citizen_id.in_(citizen_ids)))
    if rows:
        connection.execute(insert(T.__table__), rows)
    refresh_runs(session, citizen_ids)  # the dagpenge weeks of the exhaustion watch, from the same spells
    return len(rows)


def _computed_elsewhere(url: str, citizen_ids: list[int], as_of: date) -> list[dict]:
    """``_computed`` in a helper process of ``refresh_all``, on a connection of its own."""
    db = Database(url)
    with db.unit_of_work() as session:
        return _computed(session, citizen_ids, as_of)


def refresh_citizen(session: Session, citizen_id: int, as_of: date | None = None) -> int:
    """Recompute one citizen's kept obligations in the caller's transaction (call after every timeline write)."""
    session.flush()
    return _refresh(session, [citizen_id], as_of or clock.today())


def refresh_citizens(session: Session, citizen_ids: Iterable[int], as_of: date | None = None) -> int:
    """Several citizens at once in the caller's transaction (an import)."""
    ids = sorted(set(citizen_ids))
    session.flush()
    written = 0
    for i in range(0, len(ids), CHUNK):
        written += _refresh(session, ids[i:i + CHUNK], as_of or clock.today())
    return written


def refresh_all(db: Database, progress: Progress | None = None, as_of: date | None = None,
                municipality_code: str | None = None, helpers: int = 0) -> tuple[int, int]:
    """Rebuild the table for every citizen with a benefit spell, in chunks of one transaction each.

    Returns (citizens, obligations). Rows of citizens without a spell are removed. ``helpers``: processes
    that run the law engine for the later half of the chunks beside this one (the demo's build on two cores).
    """
    as_of = as_of or clock.today()
    with db.unit_of_work() as session:
        query = select(BenefitSpellRow.citizen_id).distinct()
        if municipality_code is not None:
            query = query.join(CitizenRow, CitizenRow.id == BenefitSpellRow.citizen_id).where(
                CitizenRow.municipality_code == municipality_code)
        ids = sorted(session.scalars(query))
        stale = delete(T).where(T.citizen_id.not_in(select(BenefitSpellRow.citizen_id)))
        if municipality_code is not None:
            stale = stale.where(T.municipality_code == municipality_code)
        session.execute(stale)
        drop_stale(session)
    chunks = [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]
    written = 0
    with _helpers(helpers if len(chunks) > 1 else 0) as pool:
        # The helpers compute the chunks from the last one back; this process computes from the first on, takes
        # over a chunk no helper has begun, and writes every chunk in order.
        pending = {k: pool.submit(_computed_elsewhere, db.url, chunks[k], as_of)
                   for k in reversed(range(len(chunks) // 2, len(chunks)))} if pool else {}
        for k, chunk in enumerate(chunks):
            future = pending.pop(k, None)
            with db.unit_of_work() as session:
                rows = future.result() if future is not None and not future.cancel() else _computed(session, chunk, as_of)
                written += _write(session, chunk, rows)
            if progress:
                progress("frister", min((k + 1) * CHUNK, len(ids)), len(ids))
    # The planner must know the table's new size before the first worklist is read; the rewrite left every
    # row dead once: vacuumed, the worklist's tab counts are an index-only scan.
    db.analyze(vacuum=(T.__tablename__, DagpengeRunRow.__tablename__))
    return len(ids), written


@contextmanager
def _helpers(n: int) -> Iterator[Any]:
    if n <= 0:
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


def kept_since(db: Database, municipality_code: str):
    """When the municipality's obligations were last computed (None: never)."""
    with db.unit_of_work() as session:
        return session.scalar(select(func.max(T.computed_at)).where(T.municipality_code == municipality_code))


def kept_result(session: Session, citizen_id: int, as_of: date) -> Result | None:
    """One citizen's obligations from the table, for ``as_of`` on or after the day they were computed.

    None when the table holds nothing for the citizen or was computed after ``as_of`` (the
    caller then asks the engine).
    """
    rows = list(session.scalars(select(T).where(T.citizen_id == citizen_id).order_by(T.position)))
    if not rows or rows[0].as_of > as_of:
        return None
    result = Result(str(citizen_id), as_of, rows[0].citizen_regime)
    for row in rows:
        status = "overdue" if row.status == "due" and row.deadline is not None and row.deadline < as_of else row.status
        note = row.note
        if row.superseded_on is not None and not note:
            note = f"Afløst af en senere hændelse {row.superseded_on.isoformat()}; tæller som ikke nået"
        result.obligations.append(Obligation(
            rule=row.rule, status=status, deadline=row.deadline, source=row.source, window_start=row.window_start,
            required=row.required, held=row.held, local=row.local, regime=row.regime, benefit=row.benefit,
            target_group=row.target_group, period_start=row.period_start, action=row.action, met_on=row.met_on,
            note=note, quota=row.quota))
    return result
