"""Kept measures: the weekly KPIs are stored per week, refreshed incrementally, and read by the dashboard."""

from __future__ import annotations

from datetime import timedelta

import pytest

from indsats.analytics import weeks
from indsats.services.steering import goals
from indsats.services.steering.measure_store import (
    LOOKBACK_WEEKS,
    kept_weeks,
    refresh_measures,
    updated_at,
)
from tests.casework.worklist_world import AS_OF, build


def test_measures_are_kept_per_week_and_read_without_recomputing(database, monkeypatch):
    build(database)
    assert updated_at(database, "250") is None
    written = refresh_measures(database, as_of=AS_OF, full=True)
    assert written["250"] > 100  # two years of weeks
    kept = kept_weeks(database, "250", AS_OF - timedelta(days=60), AS_OF)
    last = weeks.last_full_week(AS_OF)
    assert kept[last]["public_support_persons"] >= 3  # Anna, Bo, Frank, Dorte on benefits that week
    assert updated_at(database, "250") is not None

    def no_recompute(*_args):
        raise AssertionError("the dashboard recomputed the panel although the weeks are kept")

    monkeypatch.setattr(goals, "weekly_from_store", no_recompute)
    goals._CACHE.clear()
    assert goals.cached_weekly(database, "250", AS_OF - timedelta(days=60), AS_OF)[last] == kept[last]


def test_a_refresh_after_the_first_recomputes_only_recent_weeks(database):
    build(database)
    refresh_measures(database, as_of=AS_OF, full=True)
    again = refresh_measures(database, as_of=AS_OF)
    assert again["250"] <= LOOKBACK_WEEKS + 2


@pytest.fixture(autouse=True)
def _clear_cache():
    goals._CACHE.clear()
    yield
    goals._CACHE.clear()
