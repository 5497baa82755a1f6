"""The worklist's SQL: the views' conditions and the page query on bind parameters, built once per shape.

A view is cut into disjoint parts, each on one stored status and deadline range (``_parts``), so the
first page of the whole jobcenter is a top-N read of ``ix_citizen_obligations_open`` per part rather
than a sort of every open row; ``counts`` gives the tabs from that index alone (its INCLUDE columns). See ``worklists`` for the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Date, Integer, and_, bindparam, case, func, literal_column, or_, select, union_all

from indsats.domain.models import User
from indsats.services.casework.obligation_store import T, effective_status

DUE_SOON_DAYS = 14
REVIEW_DAYS = 365  # cases for a person's review: periods started within the last year ...
ONGOING_REVIEW = frozenset({"offer.education_benefit"})  # ... and duties that run as long as the benefit
OPEN_STORED = ("due", "overdue", "manual_review")  # with superseded_on NULL: store.obligation_tables.OPEN_ROWS
_S = {status: literal_column(f"'{status}'") for status in OPEN_STORED}


@dataclass(slots=True)
class Conditions:
    """The views' conditions on bind parameters (``params``): built once per shape of scope, not per request."""

    base: list  # the scope's rows of any status (each part of a page names its own)
    scope: list  # ... of the open statuses
    overdue: object
    due_soon: object
    to_book: object
    manual_review: object

    @property
    def open(self):
        return or_(self.overdue, self.due_soon)


_SHAPES: dict[tuple[bool, bool], Conditions] = {}


def conditions(scoped: bool, ruled: bool) -> Conditions:
    """Scoped: to ``caseworker_ids``; ruled: to one ``rule``."""
    found = _SHAPES.get((scoped, ruled))
    if found is not None:
        return found
    as_of = bindparam("as_of", type_=Date)
    status = effective_status(as_of)
    # The open rows, as constants in the SQL so the planner may use the partial index on them at any plan.
    base = [T.municipality_code == bindparam("municipality_code"), T.superseded_on.is_(None)]
    if scoped:
        base.append(T.caseworker_id.in_(bindparam("caseworker_ids", expanding=True)))
    if ruled:
        base.append(T.rule == bindparam("rule"))
    scope = [*base, T.status.in_([_S[s] for s in OPEN_STORED])]
    actionable = T.action != "fund"  # and not superseded: in the scope, so the counts read the index alone
    soon = bindparam("soon", type_=Date)
    found = _SHAPES[(scoped, ruled)] = Conditions(
        base=base,
        scope=scope,
        overdue=and_(actionable, status == "overdue"),
        due_soon=and_(actionable, status == "due", or_(T.deadline.is_(None), T.deadline <= soon)),
        # due or overdue now is due or overdue as stored: on the column, so the planner can count the rows
        to_book=and_(actionable, T.status.in_([_S["due"], _S["overdue"]]), T.action != "review"),
        manual_review=and_(T.status == _S["manual_review"], or_(
            T.rule.in_(ONGOING_REVIEW), T.period_start >= bindparam("review_from", type_=Date))),
    )
    return found


def params(user: User, caseworker_ids: list[int] | None, as_of: date, rule: str | None) -> dict:
    out = {"municipality_code": user.municipality_code, "as_of": as_of,
           "soon": as_of + timedelta(days=DUE_SOON_DAYS), "review_from": as_of - timedelta(days=REVIEW_DAYS)}
    if caseworker_ids is not None:
        out["caseworker_ids"] = caseworker_ids
    if rule:
        out["rule"] = rule
    return out


def _parts(c: Conditions, view: str) -> list[tuple[int, str, object]]:
    """The view as disjoint parts (rank, status shown, condition), each on one stored status and deadline range,
    so each is read in the page's order from ``ix_citizen_obligations_open`` rather than sorted whole."""
    if view == "manual_review":
        return [(1, "manual_review", c.manual_review)]
    as_of, soon = bindparam("as_of", type_=Date), bindparam("soon", type_=Date)
    actionable = T.action != "fund"
    overdue = [(0, "overdue", and_(actionable, T.status == _S["overdue"])),
               (0, "overdue", and_(actionable, T.status == _S["due"], T.deadline < as_of))]
    due_soon = [(1, "due", and_(actionable, T.status == _S["due"], T.deadline >= as_of, T.deadline <= soon)),
                (1, "due", and_(actionable, T.status == _S["due"], T.deadline.is_(None)))]
    return {"open": overdue + due_soon, "overdue": overdue, "due_soon": due_soon}[view]


_PAGES: dict[tuple[str, bool, bool], object] = {}


def page_query(view: str, scoped: bool, ruled: bool):
    """One page, overdue first, then by deadline (none last), name, citizen and the engine's order.

    Each part of the view (``_parts``) gives the keys of at most ``upto`` (offset + limit) rows in that order,
    read from ``ix_citizen_obligations_open`` alone; the page's keys are cut from their union and only its rows
    are read whole — a top-N read of an index per part, not a sort of the whole jobcenter's rows.
    Built once per shape (SQLAlchemy takes milliseconds to build it)."""
    key = (view, scoped, ruled)
    if key in _PAGES:
        return _PAGES[key]
    c = conditions(scoped, ruled)
    upto = bindparam("upto", type_=Integer)
    parts = []
    for rank, status_now, where in _parts(c, view):
        part = (select(T.deadline, T.citizen_name, T.citizen_id, T.position, literal_column(str(rank)).label("rank"),
                       literal_column(f"'{status_now}'").label("status_now"))
                .where(*c.base, where)  # not the scope's status list: the planner would count the status twice
                .order_by(T.deadline.asc().nulls_last(), T.citizen_name, T.citizen_id, T.position)
                .limit(upto).subquery())
        parts.append(select(*part.c))
    both = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    order = (both.c.rank, both.c.deadline.asc().nulls_last(), both.c.citizen_name, both.c.citizen_id, both.c.position)
    page = (select(both).order_by(*order)
            .offset(bindparam("offset", type_=Integer)).limit(bindparam("limit", type_=Integer)).subquery())
    _PAGES[key] = query = (
        select(T.citizen_id, T.citizen_name, T.caseworker_id, T.rule, T.deadline, T.action, T.benefit, T.target_group,
               T.source, T.local, T.held, T.required, T.note, T.deadline_on_non_workday, T.regime, T.computed_at,
               page.c.status_now)
        .join(page, and_(T.citizen_id == page.c.citizen_id, T.position == page.c.position))
        .order_by(page.c.rank, page.c.deadline.asc().nulls_last(), page.c.citizen_name, page.c.citizen_id,
                  page.c.position))
    return query


def counts(session, c: Conditions, params: dict) -> tuple[dict[str, int], int]:
    def n(cond):
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    row = session.execute(select(n(c.open), n(c.overdue), n(c.due_soon), n(c.manual_review),
                                 func.count(T.citizen_id.distinct()).filter(or_(c.open, c.to_book, c.manual_review)))
                         .where(*c.scope), params).one()
    booking_groups = select(T.citizen_id, T.action).where(*c.scope, c.to_book).group_by(T.citizen_id, T.action)
    to_book = session.scalar(select(func.count()).select_from(booking_groups.subquery()), params) or 0
    counts = {"open": int(row[0]), "overdue": int(row[1]), "due_soon": int(row[2]), "to_book": int(to_book),
              "manual_review": int(row[3])}
    return counts, int(row[4])
