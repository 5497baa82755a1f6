"""Bring a benchmark database built by an earlier commit up to the tables of this one (INDSATS_DATABASE_URL).

The project keeps one initial migration while it is unreleased, so a 100,000-citizen database
built an hour ago lacks the columns added since. Rather than rebuild it (20 minutes), this adds
the missing tables, columns (nullable, or with the column's default) and indexes. For
benchmark databases only; production databases get Alembic migrations after the first release.
"""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.operations import Operations

from indsats.services.shared.database import Database
from indsats.store.name_search import create_indexes
from indsats.store.schema import metadata

db = Database()
with db.engine.begin() as conn:
    context = MigrationContext.configure(conn)
    ops = Operations(context)
    for diff in compare_metadata(context, metadata):
        kind = diff[0] if isinstance(diff, tuple) else None
        if kind == "add_table":
            diff[1].create(conn)
            print("table", diff[1].name)
        elif kind == "add_column":
            column = diff[3].copy()
            column.nullable = True
            ops.add_column(diff[2], column)
            if diff[3].default is not None and not callable(diff[3].default.arg):
                conn.exec_driver_sql(f'UPDATE {diff[2]} SET "{column.name}" = %s', (diff[3].default.arg,))
            print("column", diff[2], column.name)
        elif kind == "add_index":  # the model's own Index: Alembic's copy sits on a table without all columns
            index = next(i for i in metadata.tables[diff[1].table.name].indexes if i.name == diff[1].name)
            index.create(conn, checkfirst=True)
            print("index", index.name)
    for name in create_indexes(conn):  # PostgreSQL's trigram indexes of the name search (outside the metadata)
        print("index (if missing)", name)
