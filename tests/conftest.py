"""Shared fixtures: a real database per test session, on SQLite and on PostgreSQL.

``database`` is parametrised over both engines. PostgreSQL is reached at
``INDSATS_TEST_POSTGRES_URL`` (default: the machine's server at 127.0.0.1:5432,
database ``test``); each pytest session creates its own throw-away database there so
parallel runs never collide. Where PostgreSQL cannot be reached the PostgreSQL cases
are skipped with the reason — except under CI (``CI=true``), where that is an error.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

os.environ.setdefault("INDSATS_FAST_PASSWORD_HASH", "1")

import time_machine
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from indsats.store.db import Database, make_engine
from indsats.store.migrations import upgrade
from indsats.store.schema import metadata


def pytest_addoption(parser):
    parser.addoption("--today", default=None, metavar="YYYY-MM-DD",
                     help="run the whole suite as if the machine's date were this day (time-machine); "
                          "a test that depends on the real date fails here")


@pytest.fixture(scope="session", autouse=True)
def _machine_date(request) -> Iterator[None]:
    """``pytest --today 2026-06-01``: the whole run on another day, as a user's machine would be."""
    day = request.config.getoption("--today")
    if not day:
        yield
        return
    with time_machine.travel(f"{day} 09:00:00+00:00", tick=True):
        yield


POSTGRES_ADMIN_URL = os.environ.get(
    "INDSATS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"indsats_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # the server is not there
        admin.dispose()
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {exc}")
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    from indsats.store.db import engine_for

    engine_for.cache_clear()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'indsats.db'}"
    upgrade(url)
    return url


def _empty_all_tables(db: Database) -> None:
    with db.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())
    # A write outside the server's own refreshes: the pages' short-lived caches (worklist counts, timeliness,
    # the dagpenge watch) must not carry one test's figures into the next on the same database URL.
    from indsats.services.casework.obligation_store import VERSION

    VERSION[0] += 1


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request) -> Iterator[Database]:
    """A migrated, empty database on each engine; emptied again after the test."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    db = Database(url, engine=make_engine(url))
    _empty_all_tables(db)
    yield db
    _empty_all_tables(db)
    db.engine.dispose()


@pytest.fixture
def sqlite_database(sqlite_url) -> Iterator[Database]:
    """SQLite only, for tests whose subject is not the database."""
    db = Database(sqlite_url, engine=make_engine(sqlite_url))
    _empty_all_tables(db)
    yield db
    _empty_all_tables(db)
    db.engine.dispose()


@pytest.fixture(autouse=True)
def _no_kept_views_between_tests():
    """The managers' pages keep their last result in memory per database URL; tests share URLs."""
    from indsats.services.casework import quota, worklists
    from indsats.services.steering import goals, plan_versions

    caches = (goals._VIEWS, goals._CACHE, worklists._COUNTS, quota._COHORTS, plan_versions._PARSED)
    for cache in caches:
        cache.clear()
    yield
    for cache in caches:
        cache.clear()
