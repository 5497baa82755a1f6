"""DREAM's wide layout: one row per person, ``y_YYWW`` columns holding three-digit codes.

A code map (CSV: ``code, benefit, readiness, offer[, label]``) turns each code into the
panel's benefit, readiness and offer. The map shipped in ``dream_codes.csv`` is an
illustrative default for the demo and tests — replace it with the official DREAM code
list (``--code-map``) for register data. An empty cell means no benefit that week; a
code missing from the map is refused with its file, row and column.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

from . import weeks
from .panel import BENEFITS, OFFER_PATTERN, READINESS, PanelError, _load_raw, _one, _reader, _where

DEFAULT_CODE_MAP = Path(__file__).with_name("dream_codes.csv")
WEEK_COLUMN = re.compile(r"^y_(\d{2})(\d{2})$")
ID_COLUMNS = ("person_id", "pnr", "PNR")


def dream_week(column: str) -> str | None:
    """``y_1452`` → ``2014-W52``; DREAM starts in 1991, so YY >= 91 is 19YY."""
    match = WEEK_COLUMN.match(column)
    if not match:
        return None
    yy, ww = int(match.group(1)), int(match.group(2))
    week = f"{1900 + yy if yy >= 91 else 2000 + yy:04d}-W{ww:02d}"
    return week if weeks.is_week(week) else None


def read_code_map(path: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """Validate a code map; each code maps to (benefit, readiness, offer)."""
    if not path.exists():
        raise PanelError(f"{path}: no such code map")
    out: dict[str, tuple[str, str | None, str | None]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for col in ("code", "benefit"):
            if col not in (reader.fieldnames or []):
                raise PanelError(f"{path}: row 0 (header): missing column {col}")
        for n, row in enumerate(reader, start=1):
            where = f"{path}: row {n} (line {n + 1})"
            code = (row.get("code") or "").strip()
            benefit = (row.get("benefit") or "").strip()
            readiness = (row.get("readiness") or "").strip() or None
            offer = (row.get("offer") or "").strip() or None
            if not code:
                raise PanelError(f"{where}, column 'code': empty")
            if code in out:
                raise PanelError(f"{where}, column 'code': {code!r} is mapped twice")
            if benefit not in BENEFITS:
                raise PanelError(f"{where}, column 'benefit': unknown benefit {benefit!r}")
            if readiness is not None and readiness not in READINESS:
                raise PanelError(f"{where}, column 'readiness': unknown readiness {readiness!r}")
            if offer is not None and not re.match(OFFER_PATTERN, offer):
                raise PanelError(f"{where}, column 'offer': not an offer name {offer!r}")
            out[code] = (benefit, readiness, offer)
    return out


def is_dream_layout(path: Path) -> bool:
    """True for a file with ``y_YYWW`` columns and no ``week`` column (reads the header only)."""
    if not path.exists():
        return False
    con = duckdb.connect()
    try:
        cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {_reader(path)}").fetchall()]
    except duckdb.Error:
        return False
    finally:
        con.close()
    return "week" not in cols and any(WEEK_COLUMN.match(c) for c in cols)


def dream_to_panel(path: str | Path, out: str | Path, code_map: str | Path | None = None) -> int:
    """Convert a DREAM wide file to the long panel (CSV or Parquet by suffix); returns rows."""
    path, out = Path(path), Path(out)
    mapping = read_code_map(Path(code_map) if code_map else DEFAULT_CODE_MAP)
    con = duckdb.connect()
    try:
        _load_raw(con, path, "dream", ())
        cols = [r[0] for r in con.execute("DESCRIBE dream_raw").fetchall()]
        id_col = next((c for c in ID_COLUMNS if c in cols), None)
        if id_col is None:
            raise PanelError(f"{path}: row 0 (header): no person id column ({', '.join(ID_COLUMNS)})")
        week_cols = []
        for col in cols:
            if col == id_col:
                continue
            week = dream_week(col)
            if week is None:
                raise PanelError(f"{path}: row 0 (header), column '{col}': not a DREAM week column y_YYWW")
            week_cols.append((col, week))
        con.execute("CREATE TABLE codes(code VARCHAR, benefit VARCHAR, readiness VARCHAR, offer VARCHAR)")
        con.executemany("INSERT INTO codes VALUES (?, ?, ?, ?)", [(k, *v) for k, v in mapping.items()])
        con.execute("CREATE TABLE colweek(col VARCHAR, week VARCHAR)")
        con.executemany("INSERT INTO colweek VALUES (?, ?)", week_cols)
        quoted = ", ".join(f'"{c}"' for c, _ in week_cols)
        con.execute(
            f'CREATE TABLE long AS SELECT rowid AS r, trim(CAST("{id_col}" AS VARCHAR)) AS person_id, col, '
            f"NULLIF(trim(CAST(code AS VARCHAR)), '') AS code FROM "
            f"(SELECT rowid, * FROM dream_raw) UNPIVOT (code FOR col IN ({quoted}))"
        )
        bad = con.execute(
            "SELECT r, col, code FROM long LEFT JOIN codes USING (code) "
            "WHERE long.code IS NOT NULL AND codes.benefit IS NULL ORDER BY r LIMIT 1"
        ).fetchone()
        if bad:
            raise PanelError(f"{_where(path, bad[0])}, column '{bad[1]}': code {bad[2]!r} is not in the code map")
        empty = con.execute("SELECT r FROM long WHERE person_id IS NULL OR person_id = '' LIMIT 1").fetchone()
        if empty:
            raise PanelError(f"{_where(path, empty[0])}, column '{id_col}': empty person id")
        target = "'" + str(out).replace("'", "''") + "'"
        fmt = "(FORMAT parquet)" if out.suffix.lower() == ".parquet" else "(HEADER, DELIMITER ',')"
        con.execute(
            "COPY (SELECT person_id, week, benefit, readiness, offer FROM long JOIN codes USING (code) "
            f"JOIN colweek USING (col) ORDER BY r, week) TO {target} {fmt}"
        )
        written: int = _one(con, "SELECT count(*) FROM long WHERE code IS NOT NULL")[0]
        return written
    finally:
        con.close()
