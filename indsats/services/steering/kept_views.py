"""The managers' pages as last computed, kept in the database (``kept_views``) so another process can read them.

The goals dashboard and the management information take seconds at 100,000 citizens. The background
worker (``indsats worker``, started beside ``indsats serve``) recomputes them every few minutes and
stores the result; the server's pages read the stored result and show when it was computed. Only when
nothing is kept (a new database, another date or plan, the worker off) or the kept result is older
than ``MAX_AGE_SECONDS`` does the page compute in the server's process — and keeps what it computed.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from indsats.analytics.goals import Attainment
from indsats.domain import clock
from indsats.store.db import Database
from indsats.store.obligation_tables import KeptViewRow as R

MAX_AGE_SECONDS = 3600  # the worker recomputes every 5 minutes; a page computes itself only past this
_MEMO: dict[tuple, tuple[datetime, Any]] = {}  # decoded payloads, so a page decodes only a new computation


@dataclass
class Kept:
    value: Any
    computed_at: datetime


def key_of(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite returns naive UTC


def kept(db: Database, code: str, name: str, key: str, compute: Callable[[], Any],
         encode: Callable[[Any], dict], decode: Callable[[dict], Any], fresh: bool = False) -> Kept:
    """The kept result (younger than ``MAX_AGE_SECONDS``) unless ``fresh``; else ``compute``, store and return it."""
    where = (R.municipality_code == code, R.name == name, R.key == key)
    memo_key = (db.url, code, name, key)
    if not fresh:
        with db.unit_of_work() as session:
            made = session.scalar(select(R.computed_at).where(*where))
        if made is not None and (clock.now() - _aware(made)).total_seconds() < MAX_AGE_SECONDS:
            hit = _MEMO.get(memo_key)
            if hit is not None and hit[0] == made:
                return Kept(hit[1], _aware(made))
            with db.unit_of_work() as session:
                row = session.execute(select(R.payload, R.computed_at).where(*where)).first()
            if row is not None:
                value = decode(row.payload)
                _remember(memo_key, row.computed_at, value)
                return Kept(value, _aware(row.computed_at))
    value = compute()
    now = clock.now()
    try:
        with db.unit_of_work() as session:
            session.execute(delete(R).where(*where))
            # results past MAX_AGE_SECONDS are never served again (another day's, another plan's): gone
            session.execute(delete(R).where(R.municipality_code == code, R.name == name,
                                            R.computed_at < now - timedelta(seconds=MAX_AGE_SECONDS)))
            session.add(R(municipality_code=code, name=name, key=key, payload=_finite(encode(value)), computed_at=now))
    except IntegrityError:  # another process stored the same view at the same moment: theirs stands
        pass
    _remember(memo_key, now, value)
    return Kept(value, now)


def _remember(key: tuple, made: datetime, value: Any) -> None:
    if len(_MEMO) > 256:
        _MEMO.clear()
    _MEMO[key] = (made, value)


def _finite(obj: Any) -> Any:
    """NaN and infinities as null: PostgreSQL's JSON has no such numbers."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_finite(v) for v in obj]
    return obj


# --- the goals dashboard -------------------------------------------------------------------------------------

def _points(points: list[tuple[date, Any]]) -> list[list]:
    return [[d.isoformat(), v] for d, v in points]


def _dates(points: list[list]) -> list[tuple[date, Any]]:
    return [(date.fromisoformat(d), v) for d, v in points]


def encode_goal_views(views: list) -> dict:
    return {"goals": [{
        "goal": v.goal.id, "label": v.label, "unit": v.unit, "attainment": asdict(v.attainment),
        "series": _points(v.series), "trajectory": _points(v.trajectory), "comparison": _points(v.comparison),
        "available": v.available, "reason": v.reason, "comparison_series": v.comparison_series,
    } for v in views]}


def decode_goal_views(plan, payload: dict) -> list:
    from indsats.services.steering.goals import GoalView

    goals = {g.id: g for g in plan.result_goals}
    return [GoalView(goals[g["goal"]], g["label"], g["unit"], Attainment(**g["attainment"]), _dates(g["series"]),
                     _dates(g["trajectory"]), _dates(g["comparison"]), g["available"], g["reason"],
                     g["comparison_series"]) for g in payload["goals"]]


def dashboard(db: Database, code: str, plan_name: str | None, as_of: date, fresh: bool = False) -> Kept:
    """``goals.dashboard`` as kept: (plan, goal views) and when they were computed."""
    from indsats.services.steering import goals

    plan = goals.plan_for(db, code, plan_name, as_of.year)
    found = kept(db, code, "dashboard", key_of(goals.plan_stamp(plan), as_of),
                 lambda: goals._dashboard(db, code, plan, as_of)[1], encode_goal_views,
                 lambda payload: decode_goal_views(plan, payload), fresh)
    return Kept((plan, found.value), found.computed_at)


# --- the management information ------------------------------------------------------------------------------

_DATE_FIELDS = ("month", "through")


def encode_months(rows: list[dict]) -> dict:
    return {"rows": [{k: (v.isoformat() if k in _DATE_FIELDS else v) for k, v in r.items()} for r in rows]}


def decode_months(payload: dict) -> list[dict]:
    return [{k: (date.fromisoformat(v) if k in _DATE_FIELDS else v) for k, v in r.items()} for r in payload["rows"]]


def management_information(db: Database, code: str, as_of: date, months: int = 12, fresh: bool = False) -> Kept:
    """``goals.management_information`` as kept: the monthly rows and when they were computed."""
    from indsats.services.steering import goals

    return kept(db, code, "management", key_of(as_of, months),
                lambda: goals._management_information(db, code, as_of, months), encode_months, decode_months, fresh)
