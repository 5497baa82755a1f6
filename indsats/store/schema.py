"""Imports every table module so ``Base.metadata`` knows the whole schema (Alembic's target)."""

from . import (  # noqa: F401
    account_tables,
    casework_tables,
    citizen_tables,
    company_tables,
    coordination_tables,
    economy_tables,
    evidence_tables,
    kpi_tables,
    network_tables,
    obligation_tables,
    plan_tables,
    programme_tables,
    tables,
)
from .base import Base

metadata = Base.metadata
