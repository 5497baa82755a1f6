"""Worklists and timeliness from the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from indsats.domain.enums import ConversationKind, ConversationStatus, Role
from indsats.services.casework import recording as casework
from indsats.services.casework.obligations import load_timelines
from indsats.services.casework.timeliness import compute_timeliness
from indsats.services.casework.worklists import build_worklist, worklist_csv
from indsats.services.shared.errors import Forbidden

from .worklist_world import AS_OF, build


def _rules(items, citizen_id):
    return {i.rule for i in items if i.citizen_id == citizen_id}


def test_caseworker_sees_overdue_due_soon_and_what_to_book(database):
    world = build(database)
    wl = build_worklist(database, world.user(Role.CASEWORKER, world.mette), AS_OF)
    assert wl.citizens == 2  # Anna and Bo; Eva has left benefits, Frank and Dorte belong to others
    assert _rules(wl.overdue, world.ids["bo"]) == {"contact.first_conversation", "contact.first_six_months",
                                                    "offer.right_and_duty"}
    anna_six = next(i for i in wl.due_soon
                    if i.citizen_id == world.ids["anna"] and i.rule == "contact.first_six_months")
    # LAB 2024: the fund held the first three months; the jobcenter owes 3 conversations by month 6.
    assert (anna_six.deadline, anna_six.days_left, anna_six.held, anna_six.required) == (date(2026, 9, 1), 7, 0, 3)
    assert not any(i.rule.startswith("contact.fund") for i in wl.overdue + wl.due_soon)
    bookings = {(b.citizen_id, b.action): b for b in wl.to_book}
    assert bookings[(world.ids["anna"], "conversation")].by == date(2026, 9, 1)
    assert bookings[(world.ids["anna"], "offer")].by == date(2026, 9, 1)
    assert bookings[(world.ids["bo"], "conversation")].overdue is True
    assert wl.to_book[0].overdue  # overdue bookings come first


def test_recording_conversations_updates_the_worklist_at_once(database):
    world = build(database)
    mette = world.user(Role.CASEWORKER, world.mette, "mette")
    for day in (date(2026, 7, 1), date(2026, 8, 3), date(2026, 8, 20)):
        casework.record_conversation(database, mette, world.ids["anna"], day, ConversationKind.INDIVIDUAL,
                                     ConversationStatus.HELD)
    wl = build_worklist(database, mette, AS_OF)
    assert "contact.first_six_months" not in _rules(wl.due_soon, world.ids["anna"])
    assert "offer.right_and_duty" in _rules(wl.due_soon, world.ids["anna"])


def test_team_leader_sees_the_team_and_manager_the_whole_jobcenter(database):
    world = build(database)
    team = build_worklist(database, world.user(Role.TEAM_LEADER, world.jens), AS_OF)
    assert team.citizens == 3  # Anna, Bo (Mette) and Frank (Jens)
    other_team = build_worklist(database, world.user(Role.TEAM_LEADER, world.jens), AS_OF, team_id=world.team_b)
    assert "sickness.first_followup" in _rules(other_team.due_soon, world.ids["dorte"])
    everyone = build_worklist(database, world.user(Role.MANAGER), AS_OF)
    assert everyone.citizens == 4


def test_caseworker_may_not_open_another_teams_worklist(database):
    world = build(database)
    with pytest.raises(Forbidden):
        build_worklist(database, world.user(Role.CASEWORKER, world.mette), AS_OF, caseworker_id=world.hanne)


def test_csv_export_has_a_header_and_one_line_per_item(database):
    world = build(database)
    wl = build_worklist(database, world.user(Role.CASEWORKER, world.mette), AS_OF)
    lines = worklist_csv(wl).strip().split("\r\n")
    assert lines[0].startswith("liste;borger_id;navn;sagsbehandler;regel")
    assert len(lines) == 1 + len(wl.overdue) + len(wl.due_soon) + len(wl.review) + len(wl.to_book)
    assert any(line.startswith("overskredet;") and ";2026-01-12;" in line for line in lines)


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
    wl = build_worklist(database, world.user(Role.CASEWORKER, world.mette), AS_OF)
    assert "contact.first_conversation" in _rules(wl.overdue, world.ids["bo"])
