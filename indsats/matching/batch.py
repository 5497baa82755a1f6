"""Run the matcher over many job orders: one index, one batch of query embeddings."""

from __future__ import annotations

from .embedder import Embedder
from .index import CandidateIndex
from .profiles import Candidate, Job, Match
from .ranking import DEFAULT_TOP, Matcher, job_query_text
from .taxonomy import Taxonomy, default_taxonomy


def match_all(
    candidates: list[Candidate], jobs: list[Job], top: int = DEFAULT_TOP,
    embedder: Embedder | None = None, taxonomy: Taxonomy | None = None,
) -> list[tuple[Job, list[Match]]]:
    """Each job with its best ``top`` candidates, in the order the jobs were given."""
    matcher = Matcher(CandidateIndex.build(candidates, taxonomy or default_taxonomy(), embedder))
    vectors = embedder.embed_queries([job_query_text(j) for j in jobs]) if embedder and jobs else None
    return [(job, matcher.rank(job, top, None if vectors is None else vectors[i])) for i, job in enumerate(jobs)]


def jobs_for_candidate(
    candidate: Candidate, jobs: list[Job], top: int = DEFAULT_TOP,
    embedder: Embedder | None = None, taxonomy: Taxonomy | None = None,
) -> list[tuple[Job, Match]]:
    """The job orders a candidate fits best (hard constraints first), best first."""
    results = match_all([candidate], jobs, 1, embedder, taxonomy)
    ranked = [(job, matches[0]) for job, matches in results if matches]
    ranked.sort(key=lambda pair: -pair[1].score)
    return ranked[:top]
