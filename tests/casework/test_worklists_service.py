"""Worklists and timeliness from the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from indsats.domain.enums import ConversationKind, ConversationStatus, Role
from indsats.services.casework import recording as casework
from indsats.services.casework.obligation_store import refresh_all
from indsats.services.casework.obligations import load_timelines
from indsats.services.casework.timeliness import compute_timeliness
from indsats.services.casework.worklists import build_worklist, worklist_csv
from indsats.services.shared.errors import Forbidden

from .worklist_world import AS_OF, build


@pytest.fixture(autouse=True)
def _today_is_as_of(monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", AS_OF.isoformat())


def _rules(items, citizen_id):
    """The legal duties (the plan's local rhythm of Frederikssund is kept beside them)."""
    return {i.rule for i in items if i.citizen_id == citizen_id and not i.local}


def _view(database, user, view, **kw):
    return build_worklist(database, user, AS_OF, view=view, page_size=200, **kw).items


def test_caseworker_sees_overdue_due_soon_and_what_to_book(database):
    world = build(database)
    mette = world.user(Role.CASEWORKER, world.mette)
    wl = build_worklist(database, mette, AS_OF)
    assert wl.citizens == 2  # Anna and Bo; Eva has left benefits, Frank and Dorte belong to others
    overdue, due_soon, to_book = (_view(database, mette, v) for v in ("overdue", "due_soon", "to_book"))
    assert wl.counts["overdue"] == len(overdue) and wl.total == len(overdue) + len(due_soon)
    assert [i.status for i in wl.items][:len(overdue)] == ["overdue"] * len(overdue)  # overdue first
    assert _rules(overdue, world.ids["bo"]) == {"contact.first_conversation", "contact.first_six_months",
                                                    "offer.right_and_duty"}
    anna_six = next(i for i in due_soon
                    if i.citizen_id == world.ids["anna"] and i.rule == "contact.first_six_months")
    # LAB 2024: the fund held the first three months; the jobcenter owes 3 conversations by month 6.
    assert (anna_six.deadline, anna_six.days_left, anna_six.held, anna_six.required) == (date(2026, 9, 1), 7, 0, 3)
    assert not any(i.rule.startswith("contact.fund") for i in overdue + due_soon)
    bookings = {(b.citizen_id, b.action): b for b in to_book}
    assert bookings[(world.ids["anna"], "conversation")].by == date(2026, 9, 1)
    assert bookings[(world.ids["anna"], "offer")].by == date(2026, 9, 1)
    assert bookings[(world.ids["bo"], "conversation")].overdue is True
    assert to_book[0].overdue  # overdue bookings come first


def test_recording_conversations_updates_the_worklist_at_once(database):
    world = build(database)
    mette = world.user(Role.CASEWORKER, world.mette, "mette")
    for day in (date(2026, 7, 1), date(2026, 8, 3), date(2026, 8, 20)):
        casework.record_conversation(database, mette, world.ids["anna"], day, ConversationKind.INDIVIDUAL,
                                     ConversationStatus.HELD)
    due_soon = _view(database, mette, "due_soon")
    assert "contact.first_six_months" not in _rules(due_soon, world.ids["anna"])
    assert "offer.right_and_duty" in _rules(due_soon, world.ids["anna"])


def test_team_leader_sees_the_team_and_manager_the_whole_jobcenter(database):
    world = build(database)
    team = build_worklist(database, world.user(Role.TEAM_LEADER, world.jens), AS_OF)
    assert team.citizens == 3  # Anna, Bo (Mette) and Frank (Jens)
    other_team = _view(database, world.user(Role.TEAM_LEADER, world.jens), "due_soon", team_id=world.team_b)
    assert "sickness.first_followup" in _rules(other_team, world.ids["dorte"])
    everyone = build_worklist(database, world.user(Role.MANAGER), AS_OF)
    assert everyone.citizens == 4


def test_caseworker_may_not_open_another_teams_worklist(database):
    world = build(database)
    with pytest.raises(Forbidden):
        build_worklist(database, world.user(Role.CASEWORKER, world.mette), AS_OF, caseworker_id=world.hanne)


def test_csv_export_has_a_header_and_one_line_per_item(database):
    world = build(database)
    wl = build_worklist(database, world.user(Role.CASEWORKER, world.mette), AS_OF, view="overdue", everything=True)
    lines = worklist_csv(wl).strip().split("\r\n")
    assert lines[0].startswith("liste;borger_id;navn;sagsbehandler;regel")
    assert len(lines) == 1 + wl.counts["overdue"]
    assert any(line.startswith("overskredne frister;") and ";2026-01-12;" in line for line in lines)


def test_timeliness_counts_decided_obligations_by_month_group_and_team(database):
    world = build(database)
    t = compute_timeliness(database, world.user(Role.MANAGER), date(2026, 1, 1), AS_OF)
    # Bo: first conversation, six months and offer all missed; Frank: first conversation and
    # six months met, offer missed. Anna's and Dorte's deadlines have not passed.
    assert (t.overall.met, t.overall.late, t.overall.overdue) == (2, 0, 4)
    assert t.by_team["Jobparate"].rate == pytest.approx(2 / 6)
    assert t.by_target_group["Jobparate kontanthjælpsmodtagere"].total == 6
    assert t.by_month["2026-01"].to_dict()["met"] == 1 and t.by_month["2026-07"].total == 4
    with pytest.raises(Forbidden):
        compute_timeliness(database, world.user(Role.CASEWORKER, world.mette), date(2026, 1, 1), AS_OF)


def test_only_held_conversations_reach_the_law_engine(database):
    world = build(database)
    with database.unit_of_work() as session:
        timelines = load_timelines(session, AS_OF, citizen_ids=[world.ids["anna"]])
    events = timelines[world.ids["anna"]][1].events
    assert [e.date for e in events if e.type == "conversation"] == [date(2026, 3, 20), date(2026, 5, 4)]


def test_a_case_event_the_engine_cannot_read_is_left_out_not_fatal(database):
    from indsats.store.tables import CaseEventRow

    world = build(database)
    with database.unit_of_work() as session:
        session.add(CaseEventRow(citizen_id=world.ids["bo"], date=date(2026, 2, 1), type="sick_leave_start", data={}))
    refresh_all(database, as_of=AS_OF)
    overdue = _view(database, world.user(Role.CASEWORKER, world.mette), "overdue")
    assert "contact.first_conversation" in _rules(overdue, world.ids["bo"])
