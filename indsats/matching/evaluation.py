"""A labelled evaluation set built from the taxonomy, nDCG@k, and a keyword-match baseline.

The set is generated with a seeded RNG. Each job order names one occupation the way a
company would ("Erfaren tømrer søges", "Warehouse worker", a synonym, a plural); each
candidate holds one or two occupations written as a synonym, an English title or an
inflected form, some of that trade's skills and some noise. The grade of a candidate
for a job: 3 same occupation, 2 same ISCO unit group (4 digits), 1 same minor group (3
digits), else 0. No hard constraint is broken, so the grades measure relevance only.

With ``held_out=True`` one synonym of every occupation that has three or more is
removed from the taxonomy handed to the matcher (``EvaluationSet.taxonomy``) and the
candidates use only those unseen synonyms: this measures the matcher on titles its
taxonomy does not list (compounds, embeddings, skills), not on its own word list.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace

from .profiles import Candidate, Job
from .taxonomy import Occupation, Taxonomy
from .text import tokens

JOB_PATTERNS = ("{t}", "{T} søges", "Erfaren {t}", "{T} til fast stilling", "{T} – deltid", "Vi søger {t}")
Id = str | int  # a job order's or candidate's id, as in profiles

NOISE_SKILLS = ("kundeservice", "it", "kørekort", "samarbejde", "engelsk", "planlægning", "fysisk arbejde")


@dataclass(frozen=True, slots=True)
class EvaluationSet:
    candidates: list[Candidate]
    jobs: list[Job]
    grades: dict[tuple[Id, Id], int]  # (job id, candidate id) → grade; absent = 0
    taxonomy: Taxonomy  # the taxonomy the matcher may use


def _hold_out(taxonomy: Taxonomy, rng: random.Random) -> tuple[Taxonomy, dict[int, str]]:
    """A copy of the taxonomy without one synonym per occupation, and those synonyms."""
    kept, unseen = [], {}
    for o in taxonomy.occupations:
        synonyms = [a for a in o.aliases if a not in (o.label_da, o.label_en)]
        if len(o.aliases) >= 3 and synonyms:
            unseen[o.index] = rng.choice(synonyms)
            o = replace(o, aliases=tuple(a for a in o.aliases if a != unseen[o.index]))
        kept.append(o)
    return Taxonomy(kept), unseen


def _title(occupation: Occupation, rng: random.Random) -> str:
    alias = rng.choice(occupation.aliases)
    if rng.random() < 0.2 and alias.isalpha() and len(alias) > 4:
        alias += rng.choice(("e", "er", "ere"))  # a plural
    return alias


def build(taxonomy: Taxonomy, n_jobs: int = 200, n_candidates: int = 2000, seed: int = 7,
          held_out: bool = False) -> EvaluationSet:
    rng = random.Random(seed)
    visible, unseen = _hold_out(taxonomy, rng) if held_out else (taxonomy, {})
    occupations = [o for o in taxonomy.occupations if o.index in unseen] if held_out else taxonomy.occupations
    candidates, held = [], {}
    for i in range(n_candidates):
        own = rng.sample(occupations, 1 if rng.random() < 0.7 else 2)
        skills = [s for o in own for s in o.skills if rng.random() < 0.5] + rng.sample(NOISE_SKILLS, 2)
        cid = f"c-{i}"
        held[cid] = own
        titles = [unseen[o.index] if held_out else _title(o, rng) for o in own]
        candidates.append(Candidate(id=cid, occupations=titles, skills=skills,
                                    languages=["da"], weeks_unemployed=rng.randint(0, 80), consent=True))
    jobs: list[Job] = []
    grades: dict[tuple[Id, Id], int] = {}
    for j in range(n_jobs):
        occupation = rng.choice(occupations)
        title = _title(visible.occupations[occupation.index], rng)
        pattern = rng.choice(JOB_PATTERNS)
        description = "Opgaverne omfatter " + ", ".join(rng.sample(occupation.skills, min(2, len(occupation.skills))))
        jid = f"j-{j}"
        jobs.append(Job(id=jid, title=pattern.format(t=title, T=title[:1].upper() + title[1:]),
                        description=description, requires_languages=["da"]))
        for cid, own in held.items():
            grade = max(_grade(taxonomy, occupation, o) for o in own)
            if grade:
                grades[(jid, cid)] = grade
    return EvaluationSet(candidates, jobs, grades, visible)


def _grade(taxonomy: Taxonomy, job_occupation: Occupation, held: Occupation) -> int:
    if held.index == job_occupation.index:
        return 3
    return {4: 2, 3: 1}.get(taxonomy.shared_isco_level(job_occupation, held), 0)


def ndcg_at(ranked_ids: list[Id], job_id: Id, grades: dict[tuple[Id, Id], int], all_grades: list[int], k: int = 10) -> float:
    """Normalised discounted cumulative gain of one ranked list (gain 2^grade − 1)."""
    dcg = sum((2 ** grades.get((job_id, cid), 0) - 1) / math.log2(i + 2) for i, cid in enumerate(ranked_ids[:k]))
    ideal = sorted(all_grades, reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def mean_ndcg(evaluation: EvaluationSet, rankings: dict[Id, list[Id]], k: int = 10) -> float:
    per_job: dict[Id, list[int]] = {}
    for (jid, _), grade in evaluation.grades.items():
        per_job.setdefault(jid, []).append(grade)
    scores = [ndcg_at(rankings.get(j.id, []), j.id, evaluation.grades, per_job.get(j.id, []), k)
              for j in evaluation.jobs if per_job.get(j.id)]
    return sum(scores) / len(scores) if scores else 0.0


def keyword_rankings(evaluation: EvaluationSet, k: int = 10) -> dict[Id, list[Id]]:
    """The baseline: count the words a job's title and description share with a candidate's profile."""
    profiles = [(c.id, set(tokens(" ".join([*c.occupations, *c.skills, c.education])))) for c in evaluation.candidates]
    rankings: dict[Id, list[Id]] = {}
    for job in evaluation.jobs:
        words = set(tokens(f"{job.title} {job.description}"))
        scored = [(len(words & bag), -i, cid) for i, (cid, bag) in enumerate(profiles)]
        scored.sort(reverse=True)
        rankings[job.id] = [cid for score, _, cid in scored[:k] if score > 0]
    return rankings
