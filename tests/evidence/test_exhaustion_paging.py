"""Dagpengeophør is counted and paged in SQL over the kept runs of dagpenge weeks: its total equals a SQL
count and the earlier computation from each citizen's spells, and its pages are different citizens."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from indsats.analytics import weeks
from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.evidence.benefit_period import dagpenge_runs, from_spells, rule_at, weeks_on_dagpenge
from indsats.services.casework.obligation_store import refresh_all
from indsats.services.evidence import exhaustion_watch as watch
from indsats.store.tables import AuditRow, BenefitSpellRow, CitizenRow

DAY = date(2026, 11, 23)
MANAGER = User(id=0, username="leder", role=Role.MANAGER, municipality_code="250", display_name="Leder")
COUNT = text("""
    SELECT count(*) FROM (
      SELECT r.citizen_id FROM kept_dagpenge_runs r JOIN citizens c ON c.id = r.citizen_id
      WHERE c.municipality_code = '250' AND r.first_week <= :w AND (r.last_week IS NULL OR r.last_week >= :lo)
      GROUP BY r.citizen_id
      HAVING max(CASE WHEN r.last_week IS NULL OR r.last_week >= :w THEN 1 ELSE 0 END) = 1
         AND sum(CASE WHEN r.last_week IS NULL OR r.last_week > :w THEN :w ELSE r.last_week END
                 - CASE WHEN r.first_week < :lo THEN :lo ELSE r.first_week END + 1) >= :least) AS found""")


def _by_spells(database, monday, rule) -> dict[int, tuple[int, int]]:
    """The earlier computation: every citizen's weeks counted in Python from their spells."""
    spells: dict[int, list] = {}
    with database.unit_of_work() as s:
        for r in s.execute(select(BenefitSpellRow.citizen_id, BenefitSpellRow.benefit, BenefitSpellRow.start,
                                  BenefitSpellRow.end).join(CitizenRow, CitizenRow.id == BenefitSpellRow.citizen_id)
                           .where(CitizenRow.municipality_code == "250")
                           .order_by(BenefitSpellRow.citizen_id, BenefitSpellRow.start, BenefitSpellRow.id)):
            spells.setdefault(r.citizen_id, []).append((r.benefit, r.start, r.end))
    found = {cid: from_spells(x, monday, rule) for cid, x in spells.items()}
    return {cid: f for cid, f in found.items() if f is not None}


def _long_dagpenge(database, n: int = 60) -> None:
    """Citizens on dagpenge for a long time, some with sickness in between, earlier periods outside the
    reference period, a closed spell just ended or a later cash benefit — so the list has pages."""
    import random

    rnd = random.Random(7)
    with database.unit_of_work() as s:
        worker = s.scalar(select(CitizenRow.caseworker_id).where(CitizenRow.municipality_code == "250",
                                                                 CitizenRow.caseworker_id.is_not(None)).limit(1))
        for i in range(n):
            c = CitizenRow(cpr=f"01019{i:05d}"[:10], first_name=f"Lang{i:02d}", last_name="Dagpenge",
                           birth_date=date(1980, 1, 1), municipality_code="250", caseworker_id=worker, synthetic=True)
            s.add(c)
            s.flush()
            start = DAY - timedelta(weeks=rnd.randint(60, 160), days=rnd.randint(0, 6))
            end = None if rnd.random() < 0.8 else DAY - timedelta(days=rnd.randint(0, 20))
            spells = [("unemployment_benefit", start, end)]
            if rnd.random() < 0.4:
                sick = start + timedelta(weeks=rnd.randint(5, 40))
                spells.append(("sickness_benefit", sick, sick + timedelta(weeks=rnd.randint(1, 12))))
            if rnd.random() < 0.3:
                spells.append(("unemployment_benefit", start - timedelta(weeks=120), start - timedelta(weeks=60)))
            if rnd.random() < 0.1:
                spells.append(("cash_benefit", DAY - timedelta(weeks=1), None))
            s.add_all([BenefitSpellRow(citizen_id=c.id, benefit=b, start=a, end=e) for b, a, e in spells])


def test_runs_give_the_weeks_of_the_panel_rule():
    """A later spell decides its weeks; an earlier open dagpenge spell takes over again after it ends."""
    spells = [("unemployment_benefit", date(2024, 1, 3), None),
              ("sickness_benefit", date(2025, 3, 5), date(2025, 4, 2)),
              ("unemployment_benefit", date(2023, 2, 1), date(2023, 2, 1)),  # empty: ignored
              ("cash_benefit", date(2026, 6, 1), date(2026, 6, 10))]
    runs = dagpenge_runs(spells)
    first, last = date(2023, 1, 2), date(2026, 11, 23)
    on = weeks_on_dagpenge(spells, first, last)
    by_runs = [any(a <= weeks.index(weeks.week_of(first + timedelta(weeks=k))) <= (b if b is not None else 10**9)
                   for a, b in runs) for k in range(len(on))]
    assert by_runs == on and runs[-1][1] is None and len(runs) == 3


@pytest.mark.parametrize("within", [watch.WITHIN_WEEKS, 104])
def test_totals_equal_a_sql_count_and_the_spells_for_every_citizen(database, monkeypatch, within):
    from indsats.synth.build import build

    monkeypatch.setenv("INDSATS_TODAY", DAY.isoformat())
    monkeypatch.setattr(watch, "WITHIN_WEEKS", within)  # 104: every dagpenge recipient, however few weeks used
    build(database, seed=5, as_of=DAY, codes=("250",), citizens=400)
    _long_dagpenge(database)
    refresh_all(database, as_of=DAY)  # as indsats demo and indsats obligations refresh do
    monday = weeks.monday(weeks.last_full_week(DAY))
    rule = rule_at(monday)
    expected = {cid: f for cid, f in _by_spells(database, monday, rule).items() if f[1] <= within}
    view = watch.exhaustion_watch(database, MANAGER, as_of=DAY, everything=True)
    w = weeks.index(weeks.week_of(monday))
    with database.unit_of_work() as s:
        counted = s.scalar(COUNT, {"w": w, "lo": w - rule.reference_weeks + 1, "least": rule.period_weeks - within})
    assert len(expected) > 20 and view.total == counted == len(expected)
    assert {x.citizen_id: (x.weeks_used, x.weeks_left) for x in view.lines} == expected
    ends = [x.expected_end for x in view.lines]
    assert ends == sorted(ends) and all(e == monday + timedelta(weeks=x.weeks_left)
                                      for e, x in zip(ends, view.lines, strict=True))

    one = watch.exhaustion_watch(database, MANAGER, as_of=DAY, page=1, page_size=10)
    two = watch.exhaustion_watch(database, MANAGER, as_of=DAY, page=2, page_size=10)
    assert one.total == two.total == counted and len(one.lines) == 10 and two.lines
    assert not {x.citizen_id for x in one.lines} & {x.citizen_id for x in two.lines}
    assert one.lines[-1].expected_end <= two.lines[0].expected_end
    assert [x.citizen_id for x in one.lines + two.lines] == [x.citizen_id for x in view.lines[:len(one.lines + two.lines)]]
    shape = two.to_dict()
    assert (shape["total"], shape["page"], shape["page_size"]) == (counted, 2, 10)
    past = watch.exhaustion_watch(database, MANAGER, as_of=DAY, page=999, page_size=10)  # past the end: the last page
    assert (past.total, past.page) == (counted, -(-counted // 10))
    assert [x.citizen_id for x in past.lines] == [x.citizen_id for x in view.lines[(past.page - 1) * 10:]]

    def reads() -> int:
        with database.unit_of_work() as s:
            return s.scalar(select(func.count()).select_from(AuditRow).where(
                AuditRow.citizen_id == one.lines[0].citizen_id, AuditRow.action.like("%dagpengeperiodens slut%")))

    before = reads()
    again = watch.exhaustion_watch(database, MANAGER, as_of=DAY, page=1, page_size=10)  # the kept result
    assert [x.citizen_id for x in again.lines] == [x.citizen_id for x in one.lines] and again.total == counted
    assert reads() == before + 1  # a read served from the kept result is audited like any other


def test_a_benefit_registration_moves_the_citizen_on_the_list_in_the_same_transaction(database, monkeypatch):
    """Ending Erik's dagpenge (a registration on the case page) takes him off the list at once; a new
    dagpenge start puts him back with his earlier weeks still counted."""
    from indsats.services.casework import registration_forms as forms
    from indsats.services.casework.registrations import register
    from tests.casework.builders import build_world

    from .test_exhaustion_watch import _long_spells

    monkeypatch.setenv("INDSATS_TODAY", DAY.isoformat())
    build_world(database)
    erik = _long_spells(database)
    with database.unit_of_work() as s:
        jens = s.scalar(select(CitizenRow.caseworker_id).where(CitizenRow.id == erik))
    caseworker = User(id=0, username="jens", role=Role.CASEWORKER, municipality_code="250", caseworker_id=jens)

    def shown() -> dict[int, int]:
        return {x.citizen_id: x.weeks_used for x in watch.exhaustion_watch(database, MANAGER, as_of=DAY).lines}

    assert shown()[erik] == 98
    register(database, caseworker, erik, forms.BenefitEnd(date=date(2026, 11, 2)))
    assert erik not in shown()
    register(database, caseworker, erik, forms.BenefitStart(date=date(2026, 11, 16), benefit="unemployment_benefit"))
    assert shown()[erik] == 96  # weeks 45-46 without dagpenge are not counted, week 47 of the new start is
    monday = weeks.monday(weeks.last_full_week(DAY))
    assert _by_spells(database, monday, rule_at(monday))[erik] == (96, 8)
