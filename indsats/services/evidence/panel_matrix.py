"""The municipality's own data as the evidence packages' week matrix: the panel exported from the
store (``steering.panel_export``) and read by ``evidence.weekmatrix`` — shared by the risk scores and
the local effect estimates."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from indsats.evidence.errors import EvidenceError
from indsats.store.db import Database

from ..steering.panel_export import export_panel

if TYPE_CHECKING:
    from indsats.evidence.weekmatrix import WeekMatrix


def municipality_matrix(db: Database, code: str, first_day: date, last_day: date, week: str) -> WeekMatrix:
    """The week matrix of ``code``'s spells and offers from ``first_day`` to ``last_day``, read as of
    ``week``; raises ``EvidenceError`` when the municipality has no spells yet."""
    import pyarrow.parquet as pq  # Arrow, NumPy: loaded on use, not at start-up

    from indsats.evidence.weekmatrix import read_matrix

    panel, persons = export_panel(db, code, first_day, last_day)
    if panel.num_rows == 0:
        raise EvidenceError("Der er ingen ydelsesforløb i kommunens data endnu.")
    with tempfile.TemporaryDirectory() as tmp:
        pq.write_table(panel, Path(tmp) / "panel.parquet")
        pq.write_table(persons, Path(tmp) / "persons.parquet")
        return read_matrix(Path(tmp) / "panel.parquet", Path(tmp) / "persons.parquet", week)
