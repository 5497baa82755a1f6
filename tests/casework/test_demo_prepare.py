"""``indsats demo``'s build: what the first pages need before it returns; the measures and the comparison
cluster from a process beside it, also when a demo was stopped before that process stored them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from indsats.domain.enums import Role
from indsats.services.demo.finish import CLUSTERS, MEASURES, Finishing, missing
from indsats.services.demo.prepare import prepare_demo
from indsats.services.steering.comparison import stored_sources
from indsats.services.steering.measure_store import updated_at
from indsats.store.obligation_tables import CitizenObligationRow
from indsats.store.tables import CitizenRow

AS_OF = date(2026, 11, 23)


def test_the_demo_serves_its_first_pages_and_finishes_the_measures_and_cluster_beside(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_EMBEDDER", "hashing")
    db = sqlite_database
    ready = prepare_demo(db, seed=2, as_of=AS_OF, citizens=400)
    assert ready.built and set(ready.finishing.stages) == {MEASURES, CLUSTERS}
    with db.unit_of_work() as s:  # the caseworkers' lists: built before the server starts
        assert s.scalar(select(func.count()).select_from(CitizenRow)) == 400
        assert s.scalar(select(func.count(func.distinct(CitizenObligationRow.municipality_code)))) == 2
    roles = {(x.role, x.municipality) for x in ready.logins}
    assert {(Role.CASEWORKER, "Frederikssund"), (Role.MANAGER, "Frederikssund"), (Role.CASEWORKER, "Hedensted")} <= roles
    assert ready.finishing.wait(300)
    assert updated_at(db, "250") is not None and updated_at(db, "766") is not None
    assert "demo: 3 syntetiske kommuner" in (stored_sources(db, "250") or "")
    assert missing(db) == ([], {})

    again = prepare_demo(db, seed=2, as_of=AS_OF)
    assert not again.built and again.finishing.stages == [] and again.finishing.process is None
    assert [x.username for x in again.logins] == [x.username for x in ready.logins]


def test_a_demo_stopped_before_its_measures_were_stored_gets_them_on_the_next_start(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_EMBEDDER", "hashing")
    db = sqlite_database
    from indsats.services.demo import prepare

    with monkeypatch.context() as patch:  # as if stopped (Ctrl+C) before the process stored anything
        patch.setattr(prepare, "start_finishing", lambda *args: Finishing([]))
        assert prepare_demo(db, seed=2, as_of=AS_OF, citizens=300).built
    stages, clusters = missing(db)
    assert stages == [MEASURES, CLUSTERS] and set(clusters) == {"250"}  # the demo plan is Frederikssund's

    second = prepare_demo(db, seed=2, as_of=AS_OF)
    assert not second.built and second.finishing.stages == [MEASURES, CLUSTERS]
    assert second.finishing.wait(300)
    assert missing(db) == ([], {})
    assert updated_at(db, "766") is not None and stored_sources(db, "250")
