"""Alembic, driven from code so no ``alembic.ini`` is needed in the working directory.

Alembic (with Mako and Pygments) is imported only when there is something to do: ``upgrade`` first
reads the database's ``alembic_version`` and returns at once when it already holds the newest
revision of ``migrations/versions`` — the common case of ``indsats serve``, which must start fast."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def heads() -> set[str]:
    """The newest revisions of the migration scripts: those no other script names as its ``down_revision``."""
    revisions, parents = set(), set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for key, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            names = set(re.findall(r"['\"]([^'\"]+)['\"]", value))
            (revisions if key == "revision" else parents).update(names)
    return revisions - parents


def at_head(url: str) -> bool:
    """True when the database's ``alembic_version`` holds exactly the scripts' heads; False on any doubt."""
    try:
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                stored = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
        finally:
            engine.dispose()
    except Exception:  # no table yet, no database yet: let Alembic decide
        return False
    return bool(stored) and stored == heads()


def upgrade(url: str, revision: str = "head") -> None:
    if revision == "head" and at_head(url):
        return
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def autogenerate(url: str, message: str, rev_id: str | None = None) -> None:
    from alembic import command

    command.revision(alembic_config(url), message=message, autogenerate=True, rev_id=rev_id)
