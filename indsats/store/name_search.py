"""The name search's trigram indexes, on PostgreSQL only.

The citizen search matches every word anywhere in the first or the last name (``ILIKE '%word%'``),
which no B-tree index serves: at 100,000 citizens each search read the whole table, twice (the page
and its count). GIN indexes of ``pg_trgm`` trigrams serve such patterns of three letters or more.
SQLite has no such index and keeps its plain scan. They stand outside the tables' metadata (a GIN
operator class is PostgreSQL's own): the initial migration and ``bench/schema_catch_up.py`` create
them. ``pg_trgm`` ships with PostgreSQL and is a trusted extension: the database's owner may add it.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

TRIGRAM_INDEXES = {"ix_citizens_first_name_trgm": "first_name", "ix_citizens_last_name_trgm": "last_name"}


def create_indexes(bind: Connection) -> list[str]:
    """The extension and the indexes where missing (PostgreSQL; elsewhere nothing); returns their names."""
    if bind.dialect.name != "postgresql":
        return []
    bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM_INDEXES.items():
        bind.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON citizens USING gin ({column} gin_trgm_ops)")
    return list(TRIGRAM_INDEXES)
