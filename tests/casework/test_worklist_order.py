"""The worklist's order across pages and views: overdue first (stored or past its deadline), then by
deadline (none last), name, citizen and the engine's order; superseded, the fund's and later duties left out.
On SQLite and PostgreSQL; the page is cut from per-part top-N reads, so every page boundary is checked."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete

from indsats.domain.enums import Role
from indsats.services.casework.worklists import build_worklist
from indsats.store.obligation_tables import CitizenObligationRow

from .worklist_world import AS_OF, build

D = date  # as of 2026-08-25; due soon: to 2026-09-08


@pytest.fixture(autouse=True)
def _today_is_as_of(monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", AS_OF.isoformat())


def _rows(world) -> list[dict]:
    """(citizen, position, status, deadline, extra) — names sort Anna < Bo < Dorte < Eva < Frank."""
    spec = [
        ("anna", 0, "overdue", D(2026, 8, 1), {}),
        ("bo", 1, "overdue", D(2026, 8, 1), {}),  # same deadline as Anna's: by name
        ("bo", 0, "due", D(2026, 8, 10), {}),  # computed as due, its deadline has passed: overdue now
        ("eva", 0, "overdue", None, {}),  # overdue without a deadline: last of the overdue
        ("frank", 0, "due", D(2026, 8, 25), {}),  # today: due, not overdue
        ("anna", 3, "due", D(2026, 9, 1), {}),
        ("frank", 2, "due", D(2026, 9, 1), {}),
        ("dorte", 0, "due", D(2026, 9, 8), {}),  # the 14th day: still due soon
        ("frank", 1, "due", None, {}),  # no deadline: last
        ("dorte", 1, "due", D(2026, 9, 9), {}),  # beyond 14 days: not shown
        ("anna", 1, "overdue", D(2026, 7, 1), {"superseded_on": D(2026, 8, 1)}),  # superseded: not shown
        ("anna", 2, "due", D(2026, 8, 20), {"action": "fund"}),  # the fund's own conversation: not shown
        ("bo", 2, "manual_review", None, {"period_start": D(2026, 6, 1), "action": "review"}),
        ("eva", 1, "met", D(2026, 8, 2), {}),
    ]
    computed = datetime(2026, 8, 25, 6, 0, tzinfo=UTC)
    return [{"citizen_id": world.ids[who], "municipality_code": "250", "caseworker_id": world.mette,
             "team_id": world.team_a, "citizen_name": f"{who.capitalize()} Testesen", "position": pos,
             "rule": "contact.first_six_months", "status": status, "deadline": deadline, "action": "conversation",
             "source": "LAB § 31", "as_of": AS_OF, "computed_at": computed, "superseded_on": None,
             "period_start": D(2026, 1, 5), **extra}
            for who, pos, status, deadline, extra in spec]


@pytest.fixture
def world(database):
    world = build(database)
    with database.unit_of_work() as session:
        session.execute(delete(CitizenObligationRow))
        session.execute(CitizenObligationRow.__table__.insert(), _rows(world))
    return world


def _all_pages(database, user, view: str, page_size: int) -> tuple[list[tuple], object]:
    first = build_worklist(database, user, AS_OF, view=view, page_size=page_size)
    shown = []
    for page in range(1, first.pages + 1):
        wl = build_worklist(database, user, AS_OF, view=view, page=page, page_size=page_size)
        shown += [(i.citizen_name.split()[0], i.deadline, i.status) for i in wl.items]
    return shown, first


OVERDUE = [("Anna", D(2026, 8, 1), "overdue"), ("Bo", D(2026, 8, 1), "overdue"), ("Bo", D(2026, 8, 10), "overdue"),
           ("Eva", None, "overdue")]
DUE_SOON = [("Frank", D(2026, 8, 25), "due"), ("Anna", D(2026, 9, 1), "due"), ("Frank", D(2026, 9, 1), "due"),
            ("Dorte", D(2026, 9, 8), "due"), ("Frank", None, "due")]


@pytest.mark.parametrize("page_size", [1, 2, 3, 50])
def test_the_managers_worklist_is_overdue_first_then_by_deadline_on_every_page(database, world, page_size):
    manager = world.user(Role.MANAGER)
    shown, wl = _all_pages(database, manager, "open", page_size)
    assert shown == OVERDUE + DUE_SOON
    assert (wl.total, wl.pages) == (9, -(-9 // page_size))
    assert wl.counts == {"open": 9, "overdue": 4, "due_soon": 5, "to_book": 5, "manual_review": 1}
    assert _all_pages(database, manager, "overdue", page_size)[0] == OVERDUE
    assert _all_pages(database, manager, "due_soon", page_size)[0] == DUE_SOON
    assert _all_pages(database, manager, "manual_review", page_size)[0] == [("Bo", None, "manual_review")]


def test_a_later_day_moves_passed_deadlines_to_the_overdue_part(database, world):
    later = build_worklist(database, world.user(Role.MANAGER), D(2026, 9, 2), page_size=50)
    assert [(i.citizen_name.split()[0], i.deadline, i.status) for i in later.items] == [
        *OVERDUE[:3], ("Frank", D(2026, 8, 25), "overdue"), ("Anna", D(2026, 9, 1), "overdue"),
        ("Frank", D(2026, 9, 1), "overdue"), ("Eva", None, "overdue"),
        ("Dorte", D(2026, 9, 8), "due"), ("Dorte", D(2026, 9, 9), "due"), ("Frank", None, "due")]


def test_the_team_and_the_caseworker_see_the_same_order_as_the_manager(database, world):
    for user in (world.user(Role.TEAM_LEADER, world.jens), world.user(Role.CASEWORKER, world.mette)):
        assert _all_pages(database, user, "open", 4)[0] == OVERDUE + DUE_SOON
