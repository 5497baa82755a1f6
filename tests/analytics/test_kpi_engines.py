"""The same Ibis definitions on PostgreSQL give the same figures as on DuckDB."""

from __future__ import annotations

import ibis
import pytest
from kpi_reference import kpis as reference
from kpi_reference import random_panel
from sqlalchemy.engine import make_url

from indsats.analytics.engine import backend_series, kpis_for_file


def test_postgres_matches_duckdb_and_reference(postgres_url, tmp_path):
    panel, persons = random_panel(11, persons=30, first="2020-W30", weeks=70)
    url = make_url(postgres_url)
    con = ibis.postgres.connect(host=url.host, port=url.port or 5432, user=url.username,
                                password=url.password or "", database=url.database)
    try:
        con.create_table("kpi_panel_t", panel, overwrite=True)
        people = persons.assign(birth_date=persons.birth_date.astype("datetime64[s]").dt.date)
        con.create_table("kpi_persons_t", ibis.memtable(people).cast({"birth_date": "date"}), overwrite=True)
        pg = backend_series(con, "kpi_panel_t", "kpi_persons_t", "2021-W20", "2021-W30")
    finally:
        con.drop_table("kpi_panel_t", force=True)
        con.drop_table("kpi_persons_t", force=True)
        con.disconnect()
    p, q = tmp_path / "panel.parquet", tmp_path / "persons.csv"
    panel.to_parquet(p, index=False)
    persons.to_csv(q, index=False)
    duck = kpis_for_file(p, q, "2021-W20", "2021-W30")
    assert pg == duck
    assert pg[-1] == reference(panel, persons, "2021-W30")


def test_spark_runs_the_same_definitions(tmp_path):
    pyspark = pytest.importorskip("pyspark", reason="optional extra 'spark' not installed")
    from pyspark.sql import SparkSession

    panel, _ = random_panel(5, persons=10, first="2022-W01", weeks=30)
    session = (SparkSession.builder.master("local[1]")
               .config("spark.sql.warehouse.dir", str(tmp_path / "spark-warehouse"))
               .config("spark.ui.enabled", "false").getOrCreate())
    con = ibis.pyspark.connect(session)
    con.create_table("kpi_panel", panel, overwrite=True)
    assert pyspark is not None
    assert backend_series(con, "kpi_panel", None, "2022-W30", "2022-W30")[0] == reference(panel, None, "2022-W30")
