"""The same Ibis staircase on PostgreSQL gives the same object as on DuckDB and the reference."""

from __future__ import annotations

import random

import ibis
import pandas as pd
from economy_helpers import RATES, spells, write_panel, write_rates
from economy_reference import reference
from sqlalchemy.engine import make_url

from indsats.economy.rates import load_rates
from indsats.economy.run import economy_for_file, economy_on_backend


def test_postgres_matches_duckdb_and_reference(postgres_url, tmp_path):
    rng = random.Random(3)
    rows = []
    for p in range(25):
        rows += spells(f"P{p}", "2017-W30", [(rng.randint(1, 60), rng.choice([None, "cash_benefit", "flexjob",
                                                                             "unemployment_benefit"]))
                                             for _ in range(10)])
    rates_file = write_rates(tmp_path / "r.csv")
    url = make_url(postgres_url)
    con = ibis.postgres.connect(host=url.host, port=url.port or 5432, user=url.username,
                                password=url.password or "", database=url.database)
    try:
        frame = pd.DataFrame(rows, columns=["person_id", "week", "benefit"])
        con.create_table("economy_panel_t", frame, overwrite=True)
        pg = economy_on_backend(con.table("economy_panel_t"), load_rates(rates_file), 2020)
    finally:
        con.drop_table("economy_panel_t", force=True)
        con.disconnect()
    duck = economy_for_file(write_panel(tmp_path / "p.csv", rows), rates_file, 2020)
    assert pg == duck == reference(rows, RATES, 2020)
    assert pg["total"]["person_weeks"] > 100
