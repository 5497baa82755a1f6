"""The result review PDF is kept in the database, so a restarted server answers with the last render
instead of rendering for minutes at 100,000 citizens (docs/PERFORMANCE.md)."""

from __future__ import annotations

from indsats.services.steering import result_review


def test_the_last_render_is_served_from_the_database_until_a_fresh_one(database, monkeypatch):
    renders = []

    def render(db, code, plan, year, scenario_ids=()):
        renders.append(year)
        return f"%PDF render {len(renders)}".encode()

    monkeypatch.setattr(result_review, "_review_pdf", render)
    first = result_review._stored_or_rendered(database, "250", None, 2026, "stamp-a", fresh=False)
    assert first == b"%PDF render 1" and renders == [2026]
    # a new process (nothing in memory) gets the stored render without rendering
    assert result_review._stored_or_rendered(database, "250", None, 2026, "stamp-a", fresh=False) == first
    assert renders == [2026]
    # another plan content or year is rendered on its own
    assert result_review._stored_or_rendered(database, "250", None, 2026, "stamp-b", fresh=False) == b"%PDF render 2"
    # the background refresh renders anew and replaces the stored copy
    assert result_review._stored_or_rendered(database, "250", None, 2026, "stamp-a", fresh=True) == b"%PDF render 3"
    assert result_review._stored_or_rendered(database, "250", None, 2026, "stamp-a", fresh=False) == b"%PDF render 3"
    assert len(renders) == 3
