"""Persistence: SQLAlchemy 2 tables, repositories and Alembic migrations.

SQLite is the embedded default; ``INDSATS_DATABASE_URL`` points at PostgreSQL.
"""
