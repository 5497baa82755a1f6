"""Ranking with reasons: hard constraints, then occupation and skills, then the plan's priorities.

For a job order every candidate who breaks no hard constraint gets

    score = 0.45 · occupation + 0.2 · title similarity + 0.2 · skills
          + 0.08 · priority + 0.07 · proximity

* occupation — taxonomy similarity of the best pair of occupations (same occupation 1,
  same ISCO unit group 0.7, minor group 0.45, sub-major group 0.25) times the
  confidence with which both titles were resolved; where the embedder finds the titles
  closer than the taxonomy does, 0.8 × the title similarity is used instead;
* title similarity — embedding cosine of the job's title and the candidate's
  occupation titles, scaled to 0..1 by the embedder's calibration;
* skills — the candidate's skills found in the job text or among the key skills of the
  job's occupation, as a share of (at most) three;
* priority — weeks of unemployment up to two years, ``weeks / 104`` (the plans give
  priority to the long-term unemployed, langtidsledige, 52 weeks or more);
* proximity — ``1 / (1 + km / 15)``, 0.5 when the distance is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from . import constraints
from .embedder import scaled
from .index import CandidateIndex, titles_of
from .profiles import Job, Match
from .reasons import (
    DISTANCE,
    DISTANCE_BY_POSTCODE,
    LONG_TERM_UNEMPLOYED,
    RELATED_OCCUPATION,
    SAME_OCCUPATION,
    SIMILAR_TITLE,
    SKILLS,
    WEEKS_UNEMPLOYED,
    Reason,
)
from .taxonomy import Resolved, esco_labels
from .text import normalise

WEIGHTS = {"occupation": 0.45, "title": 0.2, "skills": 0.2, "priority": 0.08, "proximity": 0.07}
EMBEDDING_AS_OCCUPATION = 0.8
LONG_TERM_WEEKS = 52
PRIORITY_CAP_WEEKS = 104
PROXIMITY_KM = 15.0
SKILLS_FOR_FULL_SCORE = 3
DEFAULT_TOP = 10


class Matcher:
    def __init__(self, index: CandidateIndex):
        self.index = index
        self.taxonomy = index.taxonomy
        self.embedder = index.embedder

    def job_occupations(self, job: Job) -> list[Resolved]:
        found: list[Resolved] = []
        if job.occupation_uri and (occupation := self.taxonomy.by_uri.get(job.occupation_uri)):
            found.append(Resolved(occupation, 1.0))
        title = self.taxonomy.resolve(job.title, self.embedder) if job.title else None
        if title is None and not found and job.occupation_uri in esco_labels():
            resolved = self.taxonomy.resolve(esco_labels()[job.occupation_uri], self.embedder)
            title = Resolved(resolved.occupation, 0.8 * resolved.confidence) if resolved else None
        if title is None and not found and job.description:
            title = self.taxonomy.resolve(job.description[:200], None)
        if title is not None and all(r.occupation.index != title.occupation.index for r in found):
            found.append(title)
        return found

    def rank(self, job: Job, top: int = DEFAULT_TOP, query_vector: np.ndarray | None = None) -> list[Match]:
        index = self.index
        if len(index) == 0 or top <= 0:
            return []
        km, km_exact = constraints.distances(index, job)
        ok = constraints.allowed(index, job, km, km_exact)
        allowed_count = int(np.count_nonzero(ok))
        if allowed_count == 0:
            return []
        occupations = self.job_occupations(job)
        per_occupation = self._occupation_row(occupations)
        per_text = self._text_row(job, query_vector)
        skill_hits = self._skill_hits(job, occupations)
        occ = _slot_max(per_occupation[ids] * conf for ids, conf in zip(index.occupation_ids, index.occupation_conf,
                                                                          strict=True))
        same_uri = self._same_uri(job)
        if same_uri is not None:  # an ESCO URI the taxonomy does not list: equal URIs are the same occupation
            occ = np.maximum(occ, same_uri)
        title = _slot_max(per_text[ids] for ids in index.text_ids)
        matched = np.zeros(len(index), dtype=np.float32)
        for ids in index.skill_ids:
            matched += skill_hits[ids]
        skills = np.minimum(matched / np.clip(np.minimum(index.skill_counts, SKILLS_FOR_FULL_SCORE), 1, None), 1.0)
        priority = np.minimum(index.weeks, PRIORITY_CAP_WEEKS) / np.float32(PRIORITY_CAP_WEEKS)
        proximity = np.where(np.isnan(km), np.float32(0.5), 1.0 / (1.0 + np.nan_to_num(km) / np.float32(PROXIMITY_KM)))
        score = (WEIGHTS["occupation"] * np.maximum(occ, EMBEDDING_AS_OCCUPATION * title) + WEIGHTS["title"] * title
                 + WEIGHTS["skills"] * skills + WEIGHTS["priority"] * priority + WEIGHTS["proximity"] * proximity)
        score[~ok] = -np.inf
        k = min(top, allowed_count)
        best = np.argpartition(-score, k - 1)[:k] if k < len(score) else np.arange(len(score))
        best = best[np.lexsort((best, -score[best]))][:k]
        context = (occupations, per_occupation, per_text, skill_hits, km, km_exact, same_uri)
        return [Match(index.candidates[row].id, round(float(score[row]), 4), self._reasons(int(row), *context))
                for row in best]

    def _same_uri(self, job: Job) -> np.ndarray | None:
        uri_id = self.index.uris.get(job.occupation_uri or "")
        if uri_id is None or job.occupation_uri in self.taxonomy.by_uri:
            return None
        same: np.ndarray = (self.index.uri_ids == uri_id).any(axis=0).astype(np.float32)
        return same

    def _occupation_row(self, occupations: list[Resolved]) -> np.ndarray:
        """Similarity of every taxonomy occupation (and "none", last) to the job's occupations."""
        if not occupations:
            return np.zeros(len(self.taxonomy) + 1, dtype=np.float32)
        row: np.ndarray = np.max([self.taxonomy.similarity[r.occupation.index] * r.confidence for r in occupations],
                                 axis=0)
        return row

    def _text_row(self, job: Job, query_vector: np.ndarray | None) -> np.ndarray:
        """Scaled title similarity of every distinct candidate title (and "none", last) to the job."""
        index = self.index
        if self.embedder is None or len(index.text_vectors) == 0:
            return np.zeros(len(index.text_vectors) + 1, dtype=np.float32)
        if query_vector is None:
            query_vector = self.embedder.embed_query(job_query_text(job))
        return np.append(scaled(index.text_vectors @ query_vector, self.embedder), 0.0).astype(np.float32)

    def _skill_hits(self, job: Job, occupations: list[Resolved]) -> np.ndarray:
        """For every distinct candidate skill (and "none", last): is it in the job text or the occupation's skills?"""
        text = f" {normalise(job.title)} {normalise(job.description)} "
        key = {normalise(s) for r in occupations for s in r.occupation.skills}
        return np.array([s in key or f" {s} " in text for s in self.index.skills] + [False], dtype=bool)

    def _reasons(self, row: int, occupations: list[Resolved], per_occupation: np.ndarray, per_text: np.ndarray,
                 skill_hits: np.ndarray, km: np.ndarray, km_exact: np.ndarray,
                 same_uri: np.ndarray | None) -> tuple[Reason, ...]:
        index = self.index
        reasons = []
        slots = per_occupation[index.occupation_ids[:, row]] * index.occupation_conf[:, row]
        title_slots = per_text[index.text_ids[:, row]]
        titles = titles_of(index.candidates[row])
        if same_uri is not None and same_uri[row] > 0:
            reasons.append(Reason(SAME_OCCUPATION, titles[0] if titles else None))
        elif slots.max() > 0 and occupations:
            theirs = self.taxonomy.occupations[index.occupation_ids[int(slots.argmax()), row]]
            job_occ = max(occupations, key=lambda r: self.taxonomy.similarity[r.occupation.index, theirs.index])
            level = self.taxonomy.shared_isco_level(job_occ.occupation, theirs)
            if theirs.index == job_occ.occupation.index:
                reasons.append(Reason(SAME_OCCUPATION, theirs.label_da))
            else:
                reasons.append(Reason(RELATED_OCCUPATION, theirs.label_da, theirs.isco[:level]))
        elif title_slots.max() >= 0.3:
            reasons.append(Reason(SIMILAR_TITLE, titles[int(title_slots.argmax())]))
        matched = [index.skills[i] for i in index.skill_ids[:, row] if i >= 0 and skill_hits[i]]
        if matched:
            reasons.append(Reason(SKILLS, tuple(matched[:3])))
        if not np.isnan(km[row]):
            reasons.append(Reason(DISTANCE if km_exact[row] else DISTANCE_BY_POSTCODE, float(km[row])))
        weeks = int(index.weeks[row])
        if weeks:
            reasons.append(Reason(WEEKS_UNEMPLOYED, weeks))
        if weeks >= LONG_TERM_WEEKS:
            reasons.append(Reason(LONG_TERM_UNEMPLOYED))
        return tuple(reasons)


def _slot_max(columns: Iterable[np.ndarray]) -> np.ndarray:
    """Element-wise maximum over the slot vectors."""
    slots = iter(columns)
    best = np.array(next(slots), dtype=np.float32)
    for column in slots:
        np.maximum(best, column, out=best)
    return best


def job_query_text(job: Job) -> str:
    """The text embedded for a job: its normalised title (the same string the taxonomy embeds when it
    resolves an unknown title, so the two share one cached vector), else the description's start."""
    return (normalise(job.title) or normalise(esco_labels().get(job.occupation_uri or "", ""))
            or normalise(job.description[:200]))
