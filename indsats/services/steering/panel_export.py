"""Export the weekly benefit panel (contracts/kpis.md) from the store's spells and offers.

Conventions, the same as the synthetic municipality's panel (``indsats.synth.panel``):
a week belongs to every spell covering at least one of its days; when two spells share
a week the later-starting spell wins. ``offer`` is the offer covering at least one day
of the week — of several, the latest-starting one; offers outside weeks on a benefit are
not in the panel. Person ids are ``<municipality code>-<citizen id>``.
"""

from __future__ import annotations

import getpass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from indsats.services.accounts.audit import record_export
from indsats.store.db import Database
from indsats.store.tables import BenefitSpellRow, CitizenRow, OfferRow

if TYPE_CHECKING:  # DuckDB and Arrow load on the first export, not when the server starts
    import pyarrow as pa

COLUMNS = ["person_id", "week", "benefit", "readiness", "offer"]


def export_panel(db: Database, municipality_code: str, first: date, last: date) -> tuple[pa.Table, pa.Table]:
    """(panel, persons) Arrow tables for the weeks touching ``first``..``last``."""
    import pyarrow as pa

    stop = last + timedelta(days=1)
    with db.unit_of_work() as s:
        citizens = s.execute(
            select(CitizenRow.id, CitizenRow.birth_date).where(CitizenRow.municipality_code == municipality_code)
        ).all()
        ids = [c.id for c in citizens]
        spells = s.execute(
            select(BenefitSpellRow.citizen_id, BenefitSpellRow.benefit, BenefitSpellRow.readiness,
                   BenefitSpellRow.start, BenefitSpellRow.end)
            .join(CitizenRow, CitizenRow.id == BenefitSpellRow.citizen_id)
            .where(CitizenRow.municipality_code == municipality_code, BenefitSpellRow.start < stop)
            .order_by(BenefitSpellRow.citizen_id, BenefitSpellRow.start)
        ).all()
        offers = s.execute(
            select(OfferRow.citizen_id, OfferRow.offer_type, OfferRow.start, OfferRow.end)
            .join(CitizenRow, CitizenRow.id == OfferRow.citizen_id)
            .where(CitizenRow.municipality_code == municipality_code, OfferRow.start < stop)
            .order_by(OfferRow.citizen_id, OfferRow.start)
        ).all()
    lo = first - timedelta(days=first.weekday())
    panel = _expand(spells, offers, lo, stop, municipality_code)
    persons = pa.table({
        "person_id": [f"{municipality_code}-{cid}" for cid in ids],
        "birth_date": [c.birth_date.isoformat() for c in citizens],
    })
    return panel, persons


BATCH_SPELLS = 40_000  # spells per DuckDB query: 100,000 citizens' five years peaked at 2.3 GB in one query


def _expand(spells, offers, lo: date, stop: date, code: str) -> pa.Table:
    """``_expand_batch`` over consecutive citizen ranges of about ``BATCH_SPELLS`` spells, concatenated.

    A citizen's weeks depend only on that citizen's spells and offers, and both lists are ordered by
    citizen, so the batches' rows in turn are the rows of one query, in the same order — at a fraction
    of its peak memory (docs/PERFORMANCE.md, "The worker's peak memory")."""
    import pyarrow as pa

    parts, i, j = [], 0, 0
    while True:
        end = min(i + BATCH_SPELLS, len(spells))
        while 0 < end < len(spells) and spells[end].citizen_id == spells[end - 1].citizen_id:
            end += 1  # a citizen's spells stay in one batch
        last_cid = spells[end - 1].citizen_id if end < len(spells) else None
        k = j
        while k < len(offers) and (last_cid is None or offers[k].citizen_id <= last_cid):
            k += 1
        parts.append(_expand_batch(spells[i:end], offers[j:k], lo, stop, code, i, j))
        i, j = end, k
        if i >= len(spells):
            return pa.concat_tables(parts)


def _expand_batch(spells, offers, lo: date, stop: date, code: str, spell_seq: int = 0,
                  offer_seq: int = 0) -> pa.Table:
    """Spells and offers → one row per person and touched ISO week, in DuckDB.

    ``seq`` is the rows' order (citizen, start), so the later spell or offer wins a shared week.
    """
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    try:
        con.register("spells", pa.table({
            "cid": pa.array([r.citizen_id for r in spells], pa.int64()),
            "seq": pa.array(range(spell_seq, spell_seq + len(spells)), pa.int64()),
            "benefit": pa.array([r.benefit for r in spells], pa.string()),
            "readiness": pa.array([r.readiness or None for r in spells], pa.string()),
            "start": pa.array([r.start for r in spells], pa.date32()),
            "stop": pa.array([min(r.end or stop, stop) for r in spells], pa.date32()),
        }))
        con.register("offers", pa.table({
            "cid": pa.array([r.citizen_id for r in offers], pa.int64()),
            "seq": pa.array(range(offer_seq, offer_seq + len(offers)), pa.int64()),
            "offer": pa.array([r.offer_type for r in offers], pa.string()),
            "start": pa.array([r.start for r in offers], pa.date32()),
            "stop": pa.array([min(r.end or stop, stop) for r in offers], pa.date32()),
        }))
        weeks_of = (
            "SELECT {cols}, seq, unnest(generate_series(CAST(date_trunc('week', greatest(start, DATE '{lo}')) AS DATE), "
            "stop - 1, INTERVAL 7 DAY)) AS monday FROM {table} WHERE stop > greatest(start, DATE '{lo}')"
        )
        return con.sql(
            f"WITH s AS ({weeks_of.format(cols='cid, benefit, readiness', table='spells', lo=lo)}), "
            f"o AS ({weeks_of.format(cols='cid, offer', table='offers', lo=lo)}), "
            "sw AS (SELECT cid, CAST(monday AS DATE) AS monday, "
            "arg_max(struct_pack(b := benefit, r := readiness), seq) AS last FROM s GROUP BY ALL), "
            "ow AS (SELECT cid, CAST(monday AS DATE) AS monday, arg_max(offer, seq) AS offer FROM o GROUP BY ALL) "
            f"SELECT '{code}-' || sw.cid AS person_id, strftime(sw.monday, '%G-W%V') AS week, last.b AS benefit, "
            "last.r AS readiness, offer FROM sw LEFT JOIN ow USING (cid, monday) ORDER BY sw.cid, sw.monday"
        ).to_arrow_table().cast(pa.schema([(c, pa.string()) for c in COLUMNS]))
    finally:
        con.close()


def write_panel(db: Database, municipality_code: str, first: date, last: date, out: Path,
                actor: str | None = None) -> tuple[Path, Path]:
    """Write PANEL and PERSONS files (Parquet or CSV by the suffix of ``out``); the export is logged
    as an export (who, which file, how many rows) — the panel holds pseudonymised persons with
    birth dates, which is personal data."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    panel, persons = export_panel(db, municipality_code, first, last)
    out = Path(out)
    persons_path = out.with_name(out.stem + "-persons" + out.suffix)
    for table, path in ((panel, out), (persons, persons_path)):
        if out.suffix.lower() == ".parquet":
            pq.write_table(table, path)
        else:
            pacsv.write_csv(table, path)
    with db.unit_of_work() as session:
        record_export(session, actor or getpass.getuser(), municipality_code, panel.num_rows,
                      f"panel-export {first.isoformat()}..{last.isoformat()} til {out.name}: "
                      f"{persons.num_rows} personer")
    return out, persons_path
