"""The weekly KPI series on Spark: the same Ibis definitions as ``indsats kpi --series`` (DuckDB),
run through ``ibis.pyspark`` on a panel in Parquet — locally or on a cluster.

Locally (the ``spark`` extra: pyspark, ibis-framework[pyspark]; Java 17+):

    .venv/bin/spark-submit --master 'local[2]' --driver-memory 4g bench/spark_kpi.py PANEL.parquet \\
        --from 2025-W01 --to 2025-W52 [--persons PERSONS.parquet] [--out series.json]

On a cluster (YARN shown; Kubernetes or standalone alike), with the panel on shared storage and
indsats shipped to the executors as a zip of the package:

    (cd /path/to/indsats && zip -qr /tmp/indsats.zip indsats)
    spark-submit --master yarn --deploy-mode cluster --py-files /tmp/indsats.zip \\
        --num-executors 20 --executor-cores 4 --executor-memory 8g --driver-memory 8g \\
        --conf spark.sql.shuffle.partitions=400 --conf spark.sql.adaptive.enabled=true \\
        bench/spark_kpi.py hdfs:///panels/national.parquet --from 2025-W01 --to 2025-W52 --out hdfs:///out/series.json

The executors need the same Python packages as the driver (ibis-framework, pyarrow, pandas),
e.g. a conda-pack or venv archive passed with ``--archives``. Prints the seconds of the series.
"""

from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("panel")
    parser.add_argument("--persons")
    parser.add_argument("--from", dest="first", required=True)
    parser.add_argument("--to", dest="last", required=True)
    parser.add_argument("--out")
    args = parser.parse_args()

    import ibis
    from pyspark.sql import SparkSession

    from indsats.analytics.engine import backend_series

    session = SparkSession.builder.appName("indsats-kpi-series").getOrCreate()
    started = time.perf_counter()
    session.read.parquet(args.panel).createOrReplaceTempView("kpi_panel")
    if args.persons:
        reader = session.read.parquet if args.persons.endswith(".parquet") else session.read.option("header", True).csv
        reader(args.persons).createOrReplaceTempView("kpi_persons")
    con = ibis.pyspark.connect(session)
    series = backend_series(con, "kpi_panel", "kpi_persons" if args.persons else None, args.first, args.last)
    seconds = time.perf_counter() - started
    text = json.dumps(series, ensure_ascii=False, default=str)
    if args.out and "://" in args.out:  # shared storage on a cluster
        session.sparkContext.parallelize([text], 1).saveAsTextFile(args.out)
    elif args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(text)
    print(f"spark: {len(series)} weeks {args.first}..{args.last} in {seconds:.1f} s "
          f"(master {session.sparkContext.master})")
    session.stop()


if __name__ == "__main__":
    main()
