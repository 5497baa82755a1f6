"""The kept obligations: the table agrees with the law engine after any writes, and a superseded
miss leaves the worklist but stays in timeliness. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indsats.domain.enums import CaseEventType, ConversationKind, ConversationStatus, OfferType, Role
from indsats.law import compute
from indsats.services.casework import recording
from indsats.services.casework.obligation_store import kept_result, refresh_all
from indsats.services.casework.obligations import load_timelines, rhythms_for_municipality
from indsats.services.casework.timeliness import compute_timeliness
from indsats.services.casework.worklists import build_worklist
from indsats.store.obligation_tables import CitizenObligationRow

from .worklist_world import AS_OF, build

FIELDS = ("rule", "status", "deadline", "window_start", "met_on", "held", "required", "regime", "local",
          "benefit", "target_group", "period_start", "source", "action")


@pytest.fixture(autouse=True)
def _today_is_as_of(monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", AS_OF.isoformat())


def _engine_and_table(database) -> tuple[dict, dict]:
    with database.unit_of_work() as session:
        timelines = load_timelines(session, AS_OF, active_only=False)
        engine = {cid: [tuple(getattr(ob, f) for f in FIELDS)
                        for ob in compute(tl, rhythms=rhythms_for_municipality("250")).obligations]
                  for cid, (_ref, tl) in timelines.items()}
        table = {}
        for cid in timelines:
            kept = kept_result(session, cid, AS_OF)
            table[cid] = [tuple(getattr(ob, f) for f in FIELDS) for ob in kept.obligations] if kept else []
    return engine, table


days = st.dates(min_value=date(2026, 3, 2), max_value=AS_OF)  # inside every case (Anna from 2026-03-02)
writes = st.lists(st.one_of(
    st.tuples(st.just("conversation"), st.sampled_from(["anna", "bo", "eva"]), days,
              st.sampled_from(list(ConversationKind)), st.sampled_from([ConversationStatus.HELD,
                                                                         ConversationStatus.CANCELLED])),
    st.tuples(st.just("offer"), st.sampled_from(["anna", "bo"]), days, st.sampled_from(list(OfferType)),
              st.integers(1, 120)),
    st.tuples(st.just("event"), st.sampled_from(["anna", "bo", "eva"]), days,
              st.sampled_from([CaseEventType.CONVERSATION_REQUESTED, CaseEventType.EXEMPTION_START,
                               CaseEventType.EMPLOYMENT_START, CaseEventType.FIRST_CONTACT]), st.none()),
), min_size=1, max_size=4)


def test_table_and_engine_agree_for_every_citizen_after_random_writes(database):
    world = build(database)
    mette = world.user(Role.CASEWORKER, world.mette, "mette")

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(writes)
    def after(batch):
        for kind, who, day, what, extra in batch:
            cid = world.ids[who]
            if kind == "conversation":
                recording.record_conversation(database, mette, cid, day, what, extra)
            elif kind == "offer":
                recording.record_offer(database, mette, cid, what, day, day + timedelta(days=extra), 10.0)
            else:
                recording.record_event(database, mette, cid, what, day, {})
        engine, table = _engine_and_table(database)
        assert table == engine

    after()


def test_a_miss_superseded_by_the_end_of_the_benefit_leaves_the_worklist_but_counts_as_missed(database):
    world = build(database)
    with database.unit_of_work() as session:
        eva = session.query(CitizenObligationRow).filter_by(citizen_id=world.ids["eva"], status="overdue").all()
    assert eva and all(row.superseded_on == date(2025, 1, 6) for row in eva)  # her cash benefit ended then
    overdue = build_worklist(database, world.user(Role.CASEWORKER, world.mette), AS_OF, view="overdue",
                             page_size=200).items
    assert world.ids["eva"] not in {i.citizen_id for i in overdue}
    missed = compute_timeliness(database, world.user(Role.MANAGER), date(2024, 1, 1), date(2025, 1, 6))
    assert missed.overall.overdue >= len([r for r in eva if r.deadline < date(2025, 1, 6) and not r.local])


def test_full_refresh_reports_progress_and_replaces_rows(database):
    world = build(database)
    seen = []
    citizens, rows = refresh_all(database, lambda stage, done, total: seen.append((done, total)), as_of=AS_OF)
    assert citizens == 5 and rows > 0 and seen[-1] == (5, 5)
    with database.unit_of_work() as session:
        assert session.query(CitizenObligationRow).count() == rows
    assert world.ids["bo"] in {i.citizen_id for i in build_worklist(
        database, world.user(Role.CASEWORKER, world.mette), AS_OF, view="overdue").items}


def test_a_full_refresh_with_a_helper_process_keeps_what_the_engine_says_for_every_citizen(database, monkeypatch):
    from indsats.services.casework import obligation_store

    build(database)
    monkeypatch.setattr(obligation_store, "CHUNK", 2)  # five citizens, three chunks: the helper takes the later ones
    seen = []
    citizens, rows = refresh_all(database, lambda stage, done, total: seen.append(done), as_of=AS_OF, helpers=1)
    assert citizens == 5 and seen == [2, 4, 5]
    engine, table = _engine_and_table(database)
    assert table == engine and sum(len(obs) for obs in table.values()) == rows > 0


def test_a_deadline_on_a_holiday_is_marked_as_such():
    from indsats.law import Result
    from indsats.law.obligation import Obligation
    from indsats.services.casework.worklists import non_workdays

    christmas, wednesday = date(2026, 12, 25), date(2026, 12, 23)  # a Friday, but a public holiday
    result = Result("1", AS_OF, "LAB 2024", [Obligation("contact.first_conversation", "due", christmas, "LAB § 31"),
                                             Obligation("contact.first_six_months", "due", wednesday, "LAB § 31")])
    assert non_workdays(result) == {christmas}
