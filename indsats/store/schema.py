"""Imports every table module so ``Base.metadata`` knows the whole schema (Alembic's target)."""

from . import casework_tables, company_tables, economy_tables, kpi_tables, obligation_tables, tables  # noqa: F401
from .base import Base

metadata = Base.metadata
