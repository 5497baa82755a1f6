"""Read and validate the weekly benefit panel and the persons file (contracts/kpis.md).

Files are read by DuckDB (CSV or Parquet, chosen by suffix) into an in-memory database.
Every check runs as one vectorised query; the first bad row is reported with the file,
its row number (1 = first data row; for CSV also the line) and the column, and nothing
is loaded. The clean tables are ``panel(person_id, benefit, readiness, offer, idx)`` (``idx`` the consecutive week
index of ``weeks.index``) and
``persons(person_id, birth_date)``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from . import weeks
from .contract import BENEFITS as BENEFITS  # re-exported: the panel's names live in .contract
from .contract import KNOWN_OFFERS as KNOWN_OFFERS
from .contract import OFFER_PATTERN as OFFER_PATTERN
from .contract import READINESS as READINESS
from .contract import PanelError as PanelError

PANEL_COLUMNS = ("person_id", "week", "benefit", "readiness", "offer")
PERSONS_COLUMNS = ("person_id", "birth_date")


@dataclass
class Panel:
    """A validated panel held in an in-memory DuckDB database."""

    con: duckdb.DuckDBPyConnection
    rows: int
    first_week: str | None
    last_week: str | None
    has_persons: bool
    source: str


def duckdb_config() -> dict[str, str | bool | int | float | list[str]]:
    """Out-of-core settings from the environment: ``INDSATS_DUCKDB_MEMORY_LIMIT`` (e.g. ``4GB``) and
    ``INDSATS_DUCKDB_TEMP_DIR`` (where DuckDB spills what does not fit), ``INDSATS_DUCKDB_THREADS``.
    The values are the environment's strings; the type is the one ``duckdb.connect`` takes."""
    config: dict[str, str | bool | int | float | list[str]] = {}
    for key, env in (("memory_limit", "INDSATS_DUCKDB_MEMORY_LIMIT"), ("temp_directory", "INDSATS_DUCKDB_TEMP_DIR"),
                     ("threads", "INDSATS_DUCKDB_THREADS")):
        if os.environ.get(env):
            config[key] = os.environ[env]
    return config


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _reader(path: Path) -> str:
    suffix = path.suffix.lower()
    quoted = "'" + str(path).replace("'", "''") + "'"
    if suffix == ".parquet":
        return f"read_parquet({quoted})"
    if suffix in (".csv", ".txt", ".gz"):
        return f"read_csv({quoted}, header=true, all_varchar=true, strict_mode=true)"
    raise PanelError(f"{path}: unknown file type {suffix!r}; use .csv or .parquet")


def _one(con: duckdb.DuckDBPyConnection, sql: str, parameters: object = None) -> tuple[Any, ...]:
    """The row of a query that always yields one: an aggregate, or a row known to exist."""
    row = con.execute(sql, parameters).fetchone()
    if row is None:
        raise TypeError(f"no row from {sql}")  # as indexing None would
    return row


def _where(path: Path, rowid: int) -> str:
    row = rowid + 1
    if path.suffix.lower() == ".parquet":
        return f"{path}: row {row}"
    return f"{path}: row {row} (line {row + 1})"


def _load_raw(con: duckdb.DuckDBPyConnection, path: Path, table: str, columns: tuple[str, ...]) -> None:
    if not path.exists():
        raise PanelError(f"{path}: no such file")
    try:
        con.execute(f"CREATE TABLE {table}_raw AS SELECT * FROM {_reader(path)}")
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PanelError(f"{path}: cannot be read: {first}") from None
    have = [r[0] for r in con.execute(f"DESCRIBE {table}_raw").fetchall()]
    missing = [c for c in columns if c not in have and not (table == "panel" and c in ("readiness", "offer"))]
    if missing:
        raise PanelError(f"{path}: row 0 (header): missing column(s) {', '.join(missing)}; found {', '.join(have)}")


def _first_bad(con: duckdb.DuckDBPyConnection, table: str,
               checks: list[tuple[str, str, str]]) -> tuple[int, str, str, str | None] | None:
    """Run (column, bad-condition, message) checks in one scan; return the first failure."""
    case = " ".join(f"WHEN {cond} THEN {i}" for i, (_, cond, _) in enumerate(checks))
    row = con.execute(
        f"SELECT rowid, CASE {case} END AS k FROM {table} WHERE ({' OR '.join(c for _, c, _ in checks)}) "
        "ORDER BY rowid LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    column, _, message = checks[row[1]]
    value = _one(con, f"SELECT CAST({column} AS VARCHAR) FROM {table} WHERE rowid = ?", [row[0]])[0]
    return row[0], column, message, value


def _first_bad_row(con: duckdb.DuckDBPyConnection, checks: list[tuple[str, str, str]]) -> tuple[int, str, str]:
    """The first row (by file order) failing any check: (rowid, column, message)."""
    case = " ".join(f"WHEN {cond} THEN {i}" for i, (_, cond, _) in enumerate(checks))
    row = _one(
        con,
        f"SELECT rowid, CASE {case} END FROM panel WHERE ({' OR '.join(c for _, c, _ in checks)}) "
        "ORDER BY rowid LIMIT 1",
    )
    column, _, message = checks[row[1]]
    return row[0], column, message


def _has_duplicates(con: duckdb.DuckDBPyConnection) -> bool:
    """Exact and cheap: per person and block of 120 weeks, the sum of 2**(week in block)
    equals the bitwise or of the same powers exactly when no week repeats."""
    return bool(_one(
        con,
        "SELECT count(*) FROM (SELECT person_id, idx // 120 AS block, "
        "sum(CAST(1 AS HUGEINT) << CAST(idx % 120 AS INTEGER)) AS s, "
        "bit_or(CAST(1 AS HUGEINT) << CAST(idx % 120 AS INTEGER)) AS o "
        "FROM panel GROUP BY ALL) WHERE s <> o",
    )[0])


def load_panel(path: str | Path, persons: str | Path | None = None) -> Panel:
    """Validate and load ``path`` (and optionally the persons file) into a fresh DuckDB.

    The table keeps the file's row order (DuckDB preserves insertion order), so ``rowid``
    is the row number. ``benefit`` becomes an ENUM type and the week its consecutive
    index ``idx`` (see ``weeks.index``), computed once here.
    """
    path = Path(path)
    con = duckdb.connect(config=duckdb_config())
    con.execute("SET enable_progress_bar = false")  # it writes to stdout, where `indsats kpi` writes its JSON
    reader = _reader(path)
    if not path.exists():
        raise PanelError(f"{path}: no such file")
    try:
        cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()]
        missing = [c for c in ("person_id", "week", "benefit") if c not in cols]
        if missing:
            raise PanelError(f"{path}: row 0 (header): missing column(s) {', '.join(missing)}; found {', '.join(cols)}")
        distinct = [r[0] for r in con.execute(
            f"SELECT DISTINCT CAST(week AS VARCHAR) FROM {reader} WHERE week IS NOT NULL").fetchall()]
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PanelError(f"{path}: cannot be read: {first}") from None
    good = sorted((w for w in distinct if weeks.is_week(w)), key=weeks.index)
    lo = weeks.index(good[0]) if good else 0
    hi = weeks.index(good[-1]) if good else -1
    dense = [weeks.from_index(i) for i in range(lo, hi + 1)]
    con.execute(f"CREATE TYPE week_t AS ENUM ({_sql_list(dense) or chr(39) + chr(39)})")
    con.execute(f"CREATE TYPE benefit_t AS ENUM ({_sql_list(BENEFITS)})")
    readiness = "NULLIF(CAST(readiness AS VARCHAR), '')" if "readiness" in cols else "CAST(NULL AS VARCHAR)"
    offer = "NULLIF(CAST(offer AS VARCHAR), '')" if "offer" in cols else "CAST(NULL AS VARCHAR)"
    try:
        con.execute(
            "CREATE TABLE panel AS SELECT CAST(person_id AS VARCHAR) AS person_id, "
            "TRY_CAST(CAST(benefit AS VARCHAR) || '' AS benefit_t) AS benefit, "
            f"{readiness} AS readiness, {offer} AS offer, "
            f"CAST(enum_code(TRY_CAST(CAST(week AS VARCHAR) || '' AS week_t)) AS INTEGER) + {lo} AS idx "
            f"FROM {reader}"
        )
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PanelError(f"{path}: cannot be read: {first}") from None
    checks = [
        ("person_id", "person_id IS NULL OR person_id = ''", "empty person_id"),
        ("week", "idx IS NULL", "not an ISO week YYYY-Www (W01..W52, W53 only in years that have it)"),
        ("benefit", "benefit IS NULL", f"unknown benefit; expected one of {', '.join(BENEFITS)}"),
    ]
    # readiness and offer take few distinct values: check those, not every row.
    bad_readiness = [v for (v,) in con.execute("SELECT DISTINCT readiness FROM panel WHERE readiness IS NOT NULL")
                     .fetchall() if v not in READINESS]
    bad_offers = [v for (v,) in con.execute("SELECT DISTINCT offer FROM panel WHERE offer IS NOT NULL").fetchall()
                  if not re.match(OFFER_PATTERN, v)]
    if bad_readiness:
        checks.append(("readiness", f"readiness IN ({_sql_list(bad_readiness)})",
                       f"unknown readiness; expected empty or one of {', '.join(READINESS)}"))
    if bad_offers:
        checks.append(("offer", f"offer IN ({_sql_list(bad_offers)})",
                       "not an offer name (lower-case snake_case, e.g. company_internship)"))
    counts = _one(con, "SELECT " + ", ".join(f"count_if({c})" for _, c, _ in checks) + " FROM panel")
    if any(counts):
        rowid, column, message = _first_bad_row(con, checks)
        raw = _one(con, f"SELECT CAST({column} AS VARCHAR) FROM {reader} LIMIT 1 OFFSET {rowid}")
        raise PanelError(f"{_where(path, rowid)}, column '{column}': {message} (value {raw[0]!r})")
    rows = _one(con, "SELECT count(*) FROM panel")[0]
    if _has_duplicates(con):
        dup = _one(
            con,
            "SELECT min(rowid), max(rowid), person_id, idx FROM panel GROUP BY person_id, idx "
            "HAVING count(*) > 1 ORDER BY 2 LIMIT 1",
        )
        raise PanelError(
            f"{_where(path, dup[1])}, column 'week': person {dup[2]!r} already has a row for "
            f"{weeks.from_index(dup[3])} (row {dup[0] + 1}); the panel holds one row per person and week"
        )
    first_week: str | None = good[0] if good else None
    last_week: str | None = good[-1] if good else None
    has_persons = False
    if persons is not None:
        load_persons(con, Path(persons))
        has_persons = True
    return Panel(con, rows, first_week, last_week, has_persons, str(path))


def load_persons(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Validate the persons file into table ``persons(person_id, birth_date)``."""
    _load_raw(con, path, "persons", PERSONS_COLUMNS)
    con.execute(
        "CREATE TABLE persons_txt AS SELECT trim(CAST(person_id AS VARCHAR)) AS person_id, "
        "trim(CAST(birth_date AS VARCHAR)) AS birth_date FROM persons_raw ORDER BY rowid"
    )
    con.execute("DROP TABLE persons_raw")
    checks = [
        ("person_id", "person_id IS NULL OR person_id = ''", "empty person_id"),
        ("birth_date", "birth_date IS NULL OR NOT regexp_full_match(birth_date, '\\d{4}-\\d{2}-\\d{2}') "
                       "OR try_strptime(birth_date, '%Y-%m-%d') IS NULL", "not a date YYYY-MM-DD"),
    ]
    bad = _first_bad(con, "persons_txt", checks)
    if bad:
        rowid, column, message, value = bad
        raise PanelError(f"{_where(path, rowid)}, column '{column}': {message} (value {value!r})")
    dup = con.execute(
        "SELECT min(rowid), max(rowid), person_id FROM persons_txt GROUP BY person_id HAVING count(*) > 1 "
        "ORDER BY 2 LIMIT 1"
    ).fetchone()
    if dup:
        raise PanelError(f"{_where(path, dup[1])}, column 'person_id': {dup[2]!r} repeats row {dup[0] + 1}")
    con.execute(
        "CREATE TABLE persons AS SELECT person_id, CAST(birth_date AS DATE) AS birth_date FROM persons_txt"
    )
    con.execute("DROP TABLE persons_txt")

