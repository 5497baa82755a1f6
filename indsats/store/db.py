"""Engine, sessions and the unit of work.

``INDSATS_DATABASE_URL`` selects the database; the default is the SQLite file
``indsats.db`` in the working directory. Every use case runs inside ``unit_of_work``:
one transaction, committed when the block ends, rolled back on any error. Engines hide
their SQL parameters from errors and logs (``hide_parameters``): they carry CPR numbers and
case notes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from indsats.settings import DEFAULT_SQLITE_FILE, get_settings  # noqa: F401  (re-exported)


def database_url() -> str:
    return get_settings().sqlalchemy_url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    return make_engine(url)


class Database:
    """A handle on one database: its engine and a session factory."""

    def __init__(self, url: str | None = None, engine: Engine | None = None):
        self.url = url or database_url()
        self.engine = engine or engine_for(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: commit on success, roll back everything on error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def analyze(self, vacuum: tuple[str, ...] = ()) -> None:
        """After a bulk write: PostgreSQL's planner statistics, now. Without them (autovacuum off, or
        not yet run) it takes a table of 780,000 kept obligations for 700 rows and scans it for one
        citizen's case page. ``vacuum``: tables rewritten in bulk are also vacuumed (their dead rows
        dropped, their pages marked all-visible), so the worklist's counts read an index alone rather
        than 20,000 heap pages. SQLite plans without statistics and is left alone."""
        if self.engine.dialect.name == "postgresql":
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                if vacuum:
                    conn.exec_driver_sql("VACUUM (ANALYZE) " + ", ".join(vacuum))
                conn.exec_driver_sql("ANALYZE")

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"
