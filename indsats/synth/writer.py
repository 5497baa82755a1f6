"""Write a synthetic municipality to the store: Core ``insert()`` executemany in chunks
(SQLite and others), ``COPY`` on PostgreSQL.

Everything goes in through one connection and one transaction (all or nothing).
Generated ids are local (1, 2, ...); the writer shifts them past the highest id each
table already holds, so a second municipality can be added to a database that has
one. CPR and CVR numbers are kept unique against what is already stored. On
PostgreSQL the id sequences are moved past the inserted ids afterwards, so the
application's own inserts continue without collisions.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, Table, func, select, text

from indsats.store import company_tables, tables

from .citizens import Chunk
from .generator import SyntheticMunicipality, derive_seed
from .identity import synthetic_cpr

BATCH = 10_000

T_MUNI = tables.MunicipalityRow.__table__
T_TEAM = tables.TeamRow.__table__
T_CW = tables.CaseworkerRow.__table__
T_CIT = tables.CitizenRow.__table__
T_SPELL = tables.BenefitSpellRow.__table__
T_CONV = tables.ConversationRow.__table__
T_OFFER = tables.OfferRow.__table__
T_EVENT = tables.CaseEventRow.__table__
T_PLAN = tables.CitizenPlanRow.__table__
T_COMPANY = company_tables.CompanyRow.__table__
T_CONTACT = company_tables.CompanyContactRow.__table__
ID_TABLES = (T_TEAM, T_CW, T_CIT, T_SPELL, T_CONV, T_OFFER, T_EVENT, T_PLAN, T_CONTACT)


class SynthWriteError(ValueError):
    """The municipality cannot be written (e.g. it is already in the database)."""


def _s(value) -> str | None:
    return None if value is None else str(value)


@dataclass(slots=True)
class Offsets:
    """Per table, the highest id the database held before this write."""

    base: dict[str, int] = field(default_factory=dict)
    taken_cpr: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, conn: Connection) -> Offsets:
        base = {t.name: conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one() for t in ID_TABLES}
        taken = set(conn.execute(select(T_CIT.c.cpr)).scalars()) if base["citizens"] else set()
        return cls(base, taken)

    def __getitem__(self, table: Table) -> int:
        return self.base[table.name]


def existing_cvrs(conn: Connection) -> set[str]:
    return set(conn.execute(select(T_COMPANY.c.cvr)).scalars())


def _same(value):
    return value


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Conv:
    """The driver-level conversions of this dialect: SQLite stores dates as ISO text and bools as 0/1."""

    day: Callable
    flag: Callable

    @classmethod
    def of(cls, conn: Connection) -> Conv:
        if conn.dialect.name == "sqlite":
            return cls(_iso, int)
        return cls(_same, _same)


def _default(conn: Connection, table: Table, name: str):
    """The client-side default of a column we do not fill (columns other areas add to shared tables)."""
    default = table.c[name].default
    if default is None:
        return None
    value = default.arg(conn) if default.is_callable else default.arg
    if conn.dialect.name == "sqlite":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, date):
            return value.isoformat()
    return _json(value) if isinstance(value, (dict, list)) else value


def _copy_rows(conn: Connection, table: Table, keys: Sequence[str], rows: Iterable[tuple]) -> int:
    """PostgreSQL: ``COPY ... FROM STDIN`` through psycopg on the transaction's own connection.

    Several times faster than executemany for a million rows; columns we do not fill
    get their client-side defaults as in ``insert_rows``.
    """
    extra = {c.name: _default(conn, table, c.name) for c in table.columns
             if c.name not in keys and c.default is not None}
    columns = list(keys) + list(extra)
    tail = tuple(extra.values())
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    count = 0
    raw = conn.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row + tail if tail else row)
            count += 1
    return count


def insert_rows(conn: Connection, table: Table, keys: Sequence[str], rows: Iterable[tuple]) -> int:
    """Core ``table.insert()``, compiled once, run as the driver's executemany in batches of ``BATCH``
    (on PostgreSQL: COPY, see ``_copy_rows``).

    ``rows`` are tuples in the order of ``keys``, already converted (``Conv``, ``_json``):
    SQLAlchemy's per-row bind processing is the slow part of a large executemany.
    """
    if conn.dialect.name == "postgresql":
        return _copy_rows(conn, table, keys, rows)
    compiled = table.insert().compile(dialect=conn.dialect, column_keys=list(keys))
    sql = str(compiled)
    names = list(compiled.positiontup) if compiled.positional else list(compiled.binds)
    extra = {name: _default(conn, table, name) for name in names if name not in keys}
    if compiled.positional:
        full = list(keys) + list(extra)
        where = [full.index(name) for name in names]
        tail = tuple(extra.values())
        if where == list(range(len(full))):
            def shape(row):
                return row + tail if tail else row
        else:
            def shape(row):
                row = row + tail
                return tuple(row[i] for i in where)
    else:
        def shape(row):
            return {**extra, **dict(zip(keys, row, strict=True))}
    count = 0
    batch: list = []
    for row in rows:
        batch.append(shape(row))
        if len(batch) >= BATCH:
            conn.exec_driver_sql(sql, batch)
            count += len(batch)
            batch = []
    if batch:
        conn.exec_driver_sql(sql, batch)
        count += len(batch)
    return count


def write_organisation(conn: Connection, m: SyntheticMunicipality, off: Offsets) -> None:
    """Municipality, teams, caseworkers, companies and company contacts."""
    code = m.municipality.code
    if conn.execute(select(T_MUNI.c.code).where(T_MUNI.c.code == code)).first() is not None:
        raise SynthWriteError(f"Kommune {code} ({m.municipality.name}) findes allerede i databasen; "
                              "brug en tom database eller en anden kommune.")
    taken_cvr = existing_cvrs(conn)
    clash = [c.cvr for c in m.companies if c.cvr in taken_cvr]
    if clash:
        raise SynthWriteError(f"CVR-nummer {clash[0]} findes allerede i databasen (kommune {code}).")
    cv = Conv.of(conn)
    d = cv.day
    conn.execute(T_MUNI.insert(), [{"code": code, "name": m.municipality.name}])
    t0, c0, k0 = off[T_TEAM], off[T_CW], off[T_CONTACT]
    insert_rows(conn, T_TEAM, ("id", "name", "municipality_code", "target_groups"),
                ((t.id + t0, t.name, code, _json(list(t.target_groups))) for t in m.teams))
    insert_rows(conn, T_CW, ("id", "name", "initials", "team_id", "municipality_code"),
                ((w.id + c0, w.name, w.initials, w.team_id + t0, code) for w in m.caseworkers))
    insert_rows(conn, T_COMPANY, ("cvr", "name", "municipality_code", "industry_code", "industry", "employees",
                                  "address", "postcode", "city"),
                ((c.cvr, c.name, code, c.industry_code, c.industry, c.employees, c.address, c.postcode, c.city)
                 for c in m.companies))
    insert_rows(conn, T_CONTACT, ("id", "company_cvr", "date", "kind", "purpose", "schemes", "result",
                                  "next_followup", "consultant_id"),
                ((k.id + k0, k.company_cvr, d(k.date), k.kind, k.purpose, _json(list(k.schemes)), k.result,
                  d(k.next_followup), None if k.consultant_id is None else k.consultant_id + c0)
                 for k in m.company_contacts))


def write_citizens(conn: Connection, m: SyntheticMunicipality | Chunk, off: Offsets, seed: int, code: str) -> int:
    """The citizens of ``m`` (a whole municipality or one chunk) with their cases; returns rows written."""
    c0, w0 = off[T_CIT], off[T_CW]
    taken = off.taken_cpr
    for citizen in m.citizens:  # a clash with a citizen already stored: a fresh synthetic number
        if citizen.cpr in taken:
            rng = random.Random(derive_seed(seed, code, "cpr-db", citizen.id))
            citizen.cpr = synthetic_cpr(citizen.birth_date, int(citizen.cpr[-1]) % 2 == 0, rng, taken)
        else:
            taken.add(citizen.cpr)
    cv = Conv.of(conn)
    d, yes = cv.day, cv.flag(True)
    n = insert_rows(conn, T_CIT, ("id", "cpr", "first_name", "last_name", "birth_date", "municipality_code",
                                  "address", "postcode", "city", "caseworker_id", "synthetic"),
                    ((c.id + c0, c.cpr, c.first_name, c.last_name, d(c.birth_date), c.municipality_code,
                      c.address, c.postcode, c.city,
                      None if c.caseworker_id is None else c.caseworker_id + w0, yes) for c in m.citizens))
    s0, v0, o0, e0, p0 = off[T_SPELL], off[T_CONV], off[T_OFFER], off[T_EVENT], off[T_PLAN]
    n += insert_rows(conn, T_SPELL, ("id", "citizen_id", "benefit", "readiness", "start", "end",
                                     "sickness_category"),
                     ((s.id + s0, s.citizen_id + c0, str(s.benefit), _s(s.readiness), d(s.start), d(s.end),
                       s.sickness_category) for s in m.spells))
    n += insert_rows(conn, T_CONV, ("id", "citizen_id", "date", "kind", "status", "caseworker_id", "note"),
                     ((v.id + v0, v.citizen_id + c0, d(v.date), str(v.kind), str(v.status),
                       None if v.caseworker_id is None else v.caseworker_id + w0, v.note) for v in m.conversations))
    n += insert_rows(conn, T_OFFER, ("id", "citizen_id", "offer_type", "start", "end", "hours_per_week",
                                     "company_cvr", "given_on"),
                     ((o.id + o0, o.citizen_id + c0, str(o.offer_type), d(o.start), d(o.end), o.hours_per_week,
                       o.company_cvr, d(o.given_on)) for o in m.offers))
    n += insert_rows(conn, T_EVENT, ("id", "citizen_id", "date", "type", "data"),
                     ((e.id + e0, e.citizen_id + c0, d(e.date), str(e.type), _json(e.data)) for e in m.events))
    n += insert_rows(conn, T_PLAN, ("id", "citizen_id", "goal", "activities", "updated"),
                     ((p.id + p0, p.citizen_id + c0, p.goal, _json(list(p.activities)), d(p.updated))
                      for p in m.plans))
    return n


def reset_sequences(conn: Connection, names: Sequence[str] = tuple(t.name for t in ID_TABLES)) -> None:
    """PostgreSQL: move each id sequence past the highest id (explicit ids do not advance it)."""
    if conn.dialect.name != "postgresql":
        return
    for name in names:
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))


def write_municipality(db, m: SyntheticMunicipality) -> int:
    """Write ``m`` to ``db`` (an ``indsats.store.db.Database``) in one transaction; returns rows written."""
    return write_municipalities(db, [m])


def write_municipalities(db, municipalities: Sequence[SyntheticMunicipality]) -> int:
    """Write several municipalities in one transaction (all or nothing); returns rows written."""
    n = 0
    with db.engine.begin() as conn:
        for m in municipalities:
            off = Offsets.read(conn)
            write_organisation(conn, m, off)
            n += write_citizens(conn, m, off, m.seed, m.municipality.code)
        reset_sequences(conn)
    return n
