"""Rettidighed: the share of legal obligations met on time, by target group, team and month.

Read from the kept obligations (``citizen_obligations``) with one grouped query; the same
rows as the worklists. An obligation counts in the month of its
deadline once the deadline has passed: ``met`` is on time; ``met_late`` and ``overdue``
are not. Obligations that were not applicable, waived, suspended, closed by a benefit
change or left to a person do not count, nor do the unemployment fund's own conversations
(from 2024). Local (municipal) rhythms are reported apart.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, literal_column, select

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.law.periods import TARGET_GROUP_DA
from indsats.services.accounts.access import ensure_role
from indsats.services.casework.obligation_store import VERSION, T, effective_status
from indsats.store.db import Database
from indsats.store.tables import CaseworkerRow, TeamRow

COUNTED = ("met", "met_late", "overdue")


@dataclass(slots=True)
class Cell:
    met: int = 0
    late: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.met + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        return self.met / self.total if self.total else None

    def add(self, status: str, n: int = 1) -> None:
        if status == "met":
            self.met += n
        elif status == "met_late":
            self.late += n
        else:
            self.overdue += n

    def to_dict(self) -> dict:
        return {"met": self.met, "met_late": self.late, "overdue": self.overdue, "total": self.total,
                "rate": None if self.rate is None else round(self.rate, 4)}


@dataclass(slots=True)
class Timeliness:
    date_from: date
    as_of: date
    local: bool
    overall: Cell = field(default_factory=Cell)
    by_month: dict[str, Cell] = field(default_factory=lambda: defaultdict(Cell))
    by_target_group: dict[str, Cell] = field(default_factory=lambda: defaultdict(Cell))
    by_team: dict[str, Cell] = field(default_factory=lambda: defaultdict(Cell))
    by_rule: dict[str, Cell] = field(default_factory=lambda: defaultdict(Cell))
    cells: dict[tuple[str, str, str], Cell] = field(default_factory=lambda: defaultdict(Cell))

    def to_dict(self) -> dict:
        def table(d):
            return {k: v.to_dict() for k, v in sorted(d.items())}

        return {
            "from": self.date_from.isoformat(), "as_of": self.as_of.isoformat(), "local": self.local,
            "overall": self.overall.to_dict(), "by_month": table(self.by_month),
            "by_target_group": table(self.by_target_group), "by_team": table(self.by_team),
            "by_rule": table(self.by_rule),
            "cells": [{"month": m, "target_group": g, "team": t, **c.to_dict()}
                      for (m, g, t), c in sorted(self.cells.items())],
        }


def tally(results, team_of: dict[int | None, str], date_from: date, as_of: date, local: bool = False) -> Timeliness:
    """Count the decided obligations of computed results (pure; also used by the benchmark)."""
    out = Timeliness(date_from, as_of, local)
    for _cid, (ref, result) in results.items():
        team = team_of.get(ref.caseworker_id, "Uden team")
        for ob in result.obligations:
            if ob.status not in COUNTED or ob.deadline is None or ob.local != local or ob.action == "fund":
                continue  # the fund's own conversations (from 2024) are not the jobcenter's timeliness
            if not (date_from <= ob.deadline < as_of):
                continue
            month = ob.deadline.strftime("%Y-%m")
            group = TARGET_GROUP_DA.get(ob.target_group or "", ob.target_group or "Ukendt")
            for cell in (out.overall, out.by_month[month], out.by_target_group[group], out.by_team[team],
                         out.by_rule[ob.rule], out.cells[(month, group, team)]):
                cell.add(ob.status)
    return out


_KEPT: dict[tuple, tuple[float, Timeliness]] = {}
KEPT_SECONDS = 60


def compute_timeliness(db: Database, user: User, date_from: date, as_of: date | None = None, *,
                       team_id: int | None = None, local: bool = False) -> Timeliness:
    """Timeliness for the user's municipality (team leaders and managers): counts only, kept for
    ``KEPT_SECONDS`` per municipality and span unless a write in this process changed the kept
    obligations (the grouped query reads a year of a large municipality's obligations)."""
    ensure_role(user, Role.TEAM_LEADER, Role.MANAGER)
    as_of = as_of or clock.today()
    key = (db.url, user.municipality_code, date_from, as_of, team_id, local, VERSION[0])
    hit = _KEPT.get(key)
    if hit and time.monotonic() - hit[0] < KEPT_SECONDS:
        return hit[1]
    if len(_KEPT) > 200:
        _KEPT.clear()
    _KEPT[key] = (time.monotonic(), out := _timeliness(db, user, date_from, as_of, team_id, local))
    return out


def _timeliness(db: Database, user: User, date_from: date, as_of: date, team_id: int | None,
                local: bool) -> Timeliness:
    out = Timeliness(date_from, as_of, local)
    with db.unit_of_work() as session:
        teams = {row.id: row.name for row in session.execute(
            select(TeamRow.id, TeamRow.name).where(TeamRow.municipality_code == user.municipality_code))}
        team_of: dict[int | None, str] = {}
        for row in session.execute(select(CaseworkerRow.id, CaseworkerRow.team_id)
                                   .where(CaseworkerRow.municipality_code == user.municipality_code)):
            team_of[row.id] = teams.get(row.team_id, "Uden team")
        status = effective_status(as_of).label("status_now")
        year, month = func.extract("year", T.deadline).label("y"), func.extract("month", T.deadline).label("m")
        query = (select(year, month, T.target_group, T.team_id, T.rule, status, func.count().label("n"))
                 .where(T.municipality_code == user.municipality_code, T.deadline >= date_from, T.deadline < as_of,
                        T.local == local, T.action != "fund",  # the statuses as constants: the partial index
                        T.status.in_([literal_column(f"'{s}'") for s in COUNTED + ("due",)]))
                 .group_by(year, month, T.target_group, T.team_id, T.rule, status))
        if team_id is not None:
            query = query.where(T.caseworker_id.in_([cid for cid, name in team_of.items() if name == teams.get(team_id)]))
        rows = list(session.execute(query))
    for row in rows:  # one row per month, target group, team, rule and status
        team = teams.get(row.team_id, "Uden team")
        month = f"{int(row.y):04d}-{int(row.m):02d}"
        group = TARGET_GROUP_DA.get(row.target_group or "", row.target_group or "Ukendt")
        for cell in (out.overall, out.by_month[month], out.by_target_group[group], out.by_team[team],
                     out.by_rule[row.rule], out.cells[(month, group, team)]):
            cell.add(row.status_now, row.n)
    return out
