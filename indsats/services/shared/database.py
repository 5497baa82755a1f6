"""The database as the interfaces see it: which one (``database_url``), the handle they pass to
the use cases (``Database``), bringing its schema up to date (``upgrade``) and whether it answers
(``health``). The web and the CLI take these from here, never from ``indsats.store``."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from indsats.store.db import DEFAULT_SQLITE_FILE, Database, database_url
from indsats.store.migrations import upgrade

#: A failure reported by the database driver (missing table, lost connection, ...);
#: ``getattr(error, "orig", error)`` is the driver's own error.
DatabaseError = DBAPIError

__all__ = ["DEFAULT_SQLITE_FILE", "Database", "DatabaseError", "database_url", "health", "upgrade"]


def health(db: Database) -> str | None:
    """``None`` when the database answers and has its schema, else the first line of the error."""
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1 FROM citizens LIMIT 1"))
    except Exception as exc:  # the database is not ready (missing schema, unreachable)
        return str(exc).splitlines()[0]
    return None
