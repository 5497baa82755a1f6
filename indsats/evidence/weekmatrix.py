"""The panel as dense person × week matrices, the shape both evidence tools compute on.

The files are read and validated by ``analytics.panel`` (CSV, Parquet) or converted from
DREAM's wide layout by ``analytics.dream``, so a malformed file is refused with its file,
row and column exactly as ``indsats kpi`` refuses it. The validated rows become three
``int8`` matrices (benefit, readiness, offer; 0 = none) with one column per ISO week: a
municipality's 100,000 persons × 5 years take 78 MB.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np

from ..analytics import weeks
from ..analytics.dream import dream_to_panel, is_dream_layout
from ..analytics.panel import READINESS, PanelError, _one, load_panel
from .codes import CASH as CASH  # re-exported: the codes live in .codes (importable without NumPy)
from .codes import EDU as EDU
from .codes import EDU_READY as EDU_READY
from .codes import JOB_READY as JOB_READY
from .codes import MAIN_BENEFITS as MAIN_BENEFITS
from .codes import UB as UB
from .codes import benefit_code as benefit_code
from .codes import readiness_code as readiness_code
from .errors import EvidenceError

__all__ = ["EvidenceError", "PanelError", "WeekMatrix", "benefit_code", "read_matrix", "readiness_code"]


@dataclass
class WeekMatrix:
    """Column ``t`` is ISO week index ``first_idx + t``; row ``i`` is ``person_ids[i]``."""

    person_ids: np.ndarray
    first_idx: int
    benefit: np.ndarray  # int8, 0 = no benefit (self-support), k = BENEFITS[k - 1]
    readiness: np.ndarray  # int8, 0 = none, k = READINESS[k - 1]
    offer: np.ndarray  # int8, 0 = none, k = offers[k - 1]
    offers: list[str]
    birth_ordinal: np.ndarray  # float, date.toordinal() of the birth date; NaN when unknown
    extra: dict[str, np.ndarray]  # optional persons columns (gender, origin) for group figures
    observed: int  # columns ``0 .. observed-1`` lie within the panel's weeks; later ones are unknown

    @property
    def weeks(self) -> int:
        return int(self.benefit.shape[1])

    def col(self, week: str) -> int:
        return weeks.index(week) - self.first_idx

    def week_of(self, col: int) -> str:
        return weeks.from_index(self.first_idx + col)

    def on_benefit(self) -> np.ndarray:
        on: np.ndarray = self.benefit > 0
        return on

    def gross_unemployed(self) -> np.ndarray:
        """contracts/kpis.md: a-dagpenge, jobparat kontanthjælp, uddannelsesparat uddannelseshjælp."""
        b, r = self.benefit, self.readiness
        gross: np.ndarray = (b == UB) | ((b == CASH) & (r == JOB_READY)) | ((b == EDU) & np.isin(r, EDU_READY))
        return gross

    def age_at(self, col: np.ndarray | int, rows: np.ndarray | None = None) -> np.ndarray:
        """Age in years (fractional) on the Monday of column ``col``; NaN without a birth date."""
        monday = (self.first_idx + np.asarray(col)) * 7 + 1
        born = self.birth_ordinal if rows is None else self.birth_ordinal[rows]
        age: np.ndarray = (monday - born) / 365.25
        return age


def _persons_extra(con: duckdb.DuckDBPyConnection, persons: Path) -> list[str]:
    """Optional columns of the persons file used only for figures by group."""
    from ..analytics.panel import _reader

    cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {_reader(persons)}").fetchall()]
    return [c for c in ("gender", "origin") if c in cols]


def read_matrix(panel: str | Path, persons: str | Path | None, last_week: str | None = None,
                code_map: str | Path | None = None) -> WeekMatrix:
    """Validate the files and build the matrices, keeping only weeks up to ``last_week``.

    Weeks after ``last_week`` are dropped before anything is computed from them, so a
    result at a reference week cannot depend on rows after it.
    """
    path = Path(panel)
    with tempfile.TemporaryDirectory() as tmp:
        if code_map is not None or is_dream_layout(path):
            converted = Path(tmp) / "panel.parquet"
            dream_to_panel(path, converted, code_map)
            path = converted
        loaded = load_panel(path, persons)
        try:
            return _build(loaded.con, None if last_week is None else weeks.index(last_week),
                          Path(persons) if persons is not None else None, loaded.has_persons)
        finally:
            loaded.con.close()


def _build(con: duckdb.DuckDBPyConnection, last_idx: int | None, persons: Path | None, has_persons: bool) -> WeekMatrix:
    cut = "" if last_idx is None else f"WHERE idx <= {int(last_idx)}"
    con.execute(f"CREATE TEMP VIEW kept AS SELECT * FROM panel {cut}")  # a view: no copy of the rows
    bounds = _one(con, "SELECT min(idx), max(idx) FROM kept")
    panel_last = _one(con, "SELECT max(idx) FROM panel")[0]
    if bounds[0] is None:
        raise EvidenceError("Panelet har ingen rækker til og med referenceugen.")
    first = int(bounds[0])
    last = int(last_idx) if last_idx is not None else int(bounds[1])
    offers = [r[0] for r in con.execute("SELECT DISTINCT offer FROM kept WHERE offer IS NOT NULL ORDER BY 1").fetchall()]
    if len(offers) > 120:
        raise EvidenceError(f"Panelet har {len(offers)} forskellige tilbud; højst 120 kan behandles.")
    con.execute("CREATE TEMP TABLE ids AS SELECT person_id, CAST(row_number() OVER (ORDER BY person_id) - 1 "
                "AS INTEGER) AS pid FROM (SELECT DISTINCT person_id FROM kept)")
    readiness_case = " ".join(f"WHEN '{r}' THEN {i + 1}" for i, r in enumerate(READINESS))
    offer_case = " ".join(f"WHEN '{o}' THEN {i + 1}" for i, o in enumerate(offers)) or "WHEN NULL THEN 0"
    width = last - first + 1
    cells = con.sql(  # one flat cell number per row: pid * width + week column
        f"SELECT CAST(pid AS BIGINT) * {width} + (idx - {first}) AS cell, "
        f"CAST(enum_code(benefit) + 1 AS TINYINT) AS b, "
        f"CAST(CASE readiness {readiness_case} ELSE 0 END AS TINYINT) AS r, "
        f"CAST(CASE offer {offer_case} ELSE 0 END AS TINYINT) AS o FROM kept JOIN ids USING (person_id)"
    ).to_arrow_table()
    ids = con.sql("SELECT person_id FROM ids ORDER BY pid").to_arrow_table().column(0).to_numpy(
        zero_copy_only=False)
    n = len(ids)
    shape = (n, width)
    benefit = np.zeros(shape, np.int8)
    readiness = np.zeros(shape, np.int8)
    offer = np.zeros(shape, np.int8)
    cell = cells.column("cell").to_numpy()
    benefit.ravel()[cell] = cells.column("b").to_numpy()
    readiness.ravel()[cell] = cells.column("r").to_numpy()
    offer.ravel()[cell] = cells.column("o").to_numpy()
    del cells
    birth = np.full(n, np.nan)
    extra: dict[str, np.ndarray] = {}
    if has_persons and persons is not None:  # has_persons: a persons file was loaded
        rows = con.execute("SELECT pid, birth_date FROM persons JOIN ids USING (person_id)").fetchall()
        if rows:
            at = np.array([r[0] for r in rows])
            birth[at] = [r[1].toordinal() if isinstance(r[1], date) else np.nan for r in rows]
        for column in _persons_extra(con, persons):
            extra[column] = _extra_column(con, persons, column, n)
    observed = min(int(panel_last), last) - first + 1
    return WeekMatrix(ids, first, benefit, readiness, offer, offers, birth, extra, observed)


def _extra_column(con: duckdb.DuckDBPyConnection, persons: Path, column: str, n: int) -> np.ndarray:
    from ..analytics.panel import _reader

    out = np.full(n, "", dtype=object)
    rows = con.execute(
        f"SELECT pid, CAST(\"{column}\" AS VARCHAR) FROM {_reader(persons)} p "
        "JOIN ids ON ids.person_id = trim(CAST(p.person_id AS VARCHAR))"
    ).fetchall()
    for pid, value in rows:
        out[pid] = value or ""
    return out


def run_length(mask: np.ndarray) -> np.ndarray:
    """Per cell, the number of consecutive true cells ending there (0 where false), int16."""
    out = np.zeros(mask.shape, np.int16)
    run = np.zeros(mask.shape[0], np.int16)
    for t in range(mask.shape[1]):
        run = np.where(mask[:, t], run + 1, 0).astype(np.int16)
        out[:, t] = run
    return out


def prefix_sum(mask: np.ndarray) -> np.ndarray:
    """``P[:, t]`` = number of true cells in columns ``0 .. t-1`` (so a window a..b is P[b+1] - P[a])."""
    out = np.zeros((mask.shape[0], mask.shape[1] + 1), np.int16)
    np.cumsum(mask, axis=1, dtype=np.int16, out=out[:, 1:])
    return out


def window_sum(prefix: np.ndarray, rows: np.ndarray, start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Sum over columns ``start .. stop`` inclusive per row, clipped to the matrix (outside = 0)."""
    width = prefix.shape[1] - 1
    a = np.clip(start, 0, width)
    b = np.clip(stop + 1, 0, width)
    b = np.maximum(a, b)
    sums: np.ndarray = (prefix[rows, b] - prefix[rows, a]).astype(np.int32)
    return sums
