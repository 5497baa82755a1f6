"""Read Locust's ``*_stats.csv`` and hold every page to its target: ``load_report.py STATS.csv``.

Caseworker pages (named ``cw: ...``) p95 ≤ 150 ms; every staff page p95 ≤ 500 ms; no errors.
"""

from __future__ import annotations

import csv
import sys

rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["Name"] != "Aggregated"]
print(f"{'page':44} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}  target")
failed = 0
for r in sorted(rows, key=lambda r: r["Name"]):
    p95 = float(r["95%"] or 0)
    target = 150 if r["Name"].startswith("cw:") else 500
    ok = p95 <= target and int(r["Failure Count"]) == 0
    failed += 0 if ok or r["Name"] == "login" else 1
    print(f"{r['Name'][:44]:44} {r['Request Count']:>8} {r['Failure Count']:>6} {r['50%']:>7} {r['95%']:>7} "
          f"{float(r['Max Response Time']):>7.0f}  {'ok' if ok else 'MISSED'} (≤ {target})")
print(f"{failed} page(s) missed their target")
