"""A column-wise index of many candidates, built once, scored many times with NumPy.

Every field the matcher needs becomes one array with one row per candidate, so a job
order is scored against 100,000 candidates in a few vectorised passes. Occupations
are kept as up to ``MAX_OCCUPATIONS`` taxonomy indices (padded with the "none"
index) with their resolution confidence, and as indices into a table of distinct
occupation texts whose embeddings are computed once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .embedder import Embedder
from .geo import postcode_point
from .profiles import NO_HEAVY_LIFTING, NO_NIGHT_WORK, Candidate
from .taxonomy import EXACT, Taxonomy, esco_labels
from .text import language_code, normalise

MAX_OCCUPATIONS = 6
MAX_SKILLS = 12


@dataclass
class CandidateIndex:
    candidates: list[Candidate]
    taxonomy: Taxonomy
    embedder: Embedder | None
    consent: np.ndarray
    lat: np.ndarray  # radians, float32
    lon: np.ndarray
    cos_lat: np.ndarray
    located_exactly: np.ndarray  # own coordinates, or a postcode listed in the table
    max_commute: np.ndarray
    no_heavy: np.ndarray
    no_night: np.ndarray
    max_hours: np.ndarray
    licence: np.ndarray
    languages: np.ndarray  # bit set over ``language_bits``
    language_bits: dict[str, int]
    weeks: np.ndarray
    occupation_ids: np.ndarray  # (slots, n) taxonomy index, len(taxonomy) = none
    occupation_conf: np.ndarray
    text_ids: np.ndarray  # (slots, n) index into text_vectors, -1 = none
    text_vectors: np.ndarray
    skill_ids: np.ndarray  # (slots, n) index into skills, -1 = none
    uri_ids: np.ndarray  # (slots, n) index into uris, -1 = none: URIs compared as they are
    uris: dict[str, int]
    skill_counts: np.ndarray
    skills: list[str]

    def __len__(self) -> int:
        return len(self.candidates)

    @classmethod
    def build(cls, candidates: list[Candidate], taxonomy: Taxonomy, embedder: Embedder | None) -> CandidateIndex:
        n = len(candidates)
        none = len(taxonomy)
        lat = np.full(n, np.nan)
        lon = np.full(n, np.nan)
        exact = np.zeros(n, dtype=bool)
        occupation_ids = np.full((n, MAX_OCCUPATIONS), none, dtype=np.int32)
        occupation_conf = np.zeros((n, MAX_OCCUPATIONS), dtype=np.float32)
        text_ids = np.full((n, MAX_OCCUPATIONS), -1, dtype=np.int32)
        skill_ids = np.full((n, MAX_SKILLS), -1, dtype=np.int32)
        languages = np.zeros(n, dtype=np.int64)
        language_bits: dict[str, int] = {}
        texts: dict[str, int] = {}
        skills: dict[str, int] = {}
        uris: dict[str, int] = {}
        uri_ids = np.full((n, MAX_OCCUPATIONS), -1, dtype=np.int32)
        for row, c in enumerate(candidates):
            if c.lat is not None and c.lon is not None:
                lat[row], lon[row], exact[row] = c.lat, c.lon, True
            elif (point := postcode_point(c.postcode)) is not None:
                lat[row], lon[row], exact[row] = point.lat, point.lon, point.exact
            resolved = _candidate_occupations(c, taxonomy, embedder)
            for slot, (index, conf) in enumerate(resolved[:MAX_OCCUPATIONS]):
                occupation_ids[row, slot], occupation_conf[row, slot] = index, conf
            for slot, uri in enumerate(list(dict.fromkeys(u.strip() for u in c.occupation_uris if u.strip()))[:MAX_OCCUPATIONS]):
                uri_ids[row, slot] = uris.setdefault(uri, len(uris))
            for slot, title in enumerate(titles_of(c)[:MAX_OCCUPATIONS]):
                text_ids[row, slot] = texts.setdefault(normalise(title), len(texts))
            for slot, skill in enumerate(dict.fromkeys(normalise(s) for s in c.skills if normalise(s))):
                if slot < MAX_SKILLS:
                    skill_ids[row, slot] = skills.setdefault(skill, len(skills))
            for code in {language_code(x) for x in c.languages}:
                bit = language_bits.setdefault(code, len(language_bits))
                if bit < 63:
                    languages[row] |= np.int64(1) << np.int64(bit)
        text_vectors = _text_vectors(list(texts), taxonomy, embedder)
        # Slot-major and only as wide as needed: each slot is one contiguous vector to reduce over.
        occupation_width = _width(occupation_conf > 0)
        text_width, skill_width, uri_width = _width(text_ids >= 0), _width(skill_ids >= 0), _width(uri_ids >= 0)

        def floats(values: Iterable[float | None], missing: float) -> np.ndarray:
            return np.array([missing if v is None else float(v) for v in values], dtype=np.float32)

        lat_rad, lon_rad = np.radians(lat).astype(np.float32), np.radians(lon).astype(np.float32)

        return cls(
            candidates=candidates, taxonomy=taxonomy, embedder=embedder,
            consent=np.array([c.consent is True for c in candidates], dtype=bool),
            lat=lat_rad, lon=lon_rad, cos_lat=np.cos(lat_rad), located_exactly=exact,
            max_commute=floats((c.max_commute_km for c in candidates), np.inf),
            no_heavy=np.array([NO_HEAVY_LIFTING in c.accommodation_needs for c in candidates], dtype=bool),
            no_night=np.array([NO_NIGHT_WORK in c.accommodation_needs for c in candidates], dtype=bool),
            max_hours=floats((c.max_hours for c in candidates), np.inf),
            licence=np.array([c.driving_licence is True for c in candidates], dtype=bool),
            languages=languages, language_bits=language_bits,
            weeks=floats((c.weeks_unemployed for c in candidates), 0.0),
            occupation_ids=np.ascontiguousarray(occupation_ids[:, :occupation_width].T),
            occupation_conf=np.ascontiguousarray(occupation_conf[:, :occupation_width].T),
            text_ids=np.ascontiguousarray(text_ids[:, :text_width].T), text_vectors=text_vectors,
            skill_ids=np.ascontiguousarray(skill_ids[:, :skill_width].T),
            skill_counts=(skill_ids >= 0).sum(axis=1).astype(np.float32), skills=list(skills),
            uri_ids=np.ascontiguousarray(uri_ids[:, :uri_width].T), uris=uris,
        )


def _width(used: np.ndarray) -> int:
    """How many leading slots any candidate uses (at least one)."""
    return max(1, int(used.sum(axis=1).max(initial=0)))


def _text_vectors(texts: list[str], taxonomy: Taxonomy, embedder: Embedder | None) -> np.ndarray:
    """Embeddings of the distinct titles; a title that is a known label reuses the cached vector.

    A title that merely contains a label is embedded on its own: borrowing the label's vector lost
    nDCG on unseen synonyms (0.73 → 0.68), since "laborant i sundhedsvæsenet" is not "laborant".
    """
    if embedder is None or not texts:
        return np.zeros((len(texts), 1), dtype=np.float32)
    rows, alias_matrix, _ = taxonomy.alias_vectors(embedder)
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    known = [i for i, t in enumerate(texts) if t in rows]
    if known:
        vectors[known] = alias_matrix[[rows[texts[i]] for i in known]]
    unknown = [i for i, t in enumerate(texts) if t not in rows]
    if unknown:
        vectors[unknown] = embedder.embed_passages([texts[i] for i in unknown])
    return vectors


def titles_of(c: Candidate) -> list[str]:
    """The candidate's titles; without any, the English ESCO labels of its occupation URIs."""
    titles = [t for t in c.occupations if normalise(t)]
    if titles:
        return titles
    labels = esco_labels()
    return [labels[u] for u in c.occupation_uris if u in labels]


def _candidate_occupations(c: Candidate, taxonomy: Taxonomy, embedder: Embedder | None) -> list[tuple[int, float]]:
    """Taxonomy indices of a candidate's URIs, titles and education, best confidence each."""
    best: dict[int, float] = {}
    for uri in c.occupation_uris:
        if (occupation := taxonomy.by_uri.get(uri)) is not None:
            best[occupation.index] = EXACT
        elif uri in esco_labels() and (found := taxonomy.resolve(esco_labels()[uri], embedder)) is not None:
            best[found.occupation.index] = max(best.get(found.occupation.index, 0.0), 0.8 * found.confidence)
    for title in c.occupations:
        if (found := taxonomy.resolve(title, embedder)) is not None:
            best[found.occupation.index] = max(best.get(found.occupation.index, 0.0), found.confidence)
    if c.education and (found := taxonomy.resolve(c.education, None)) is not None:
        # An education names the trade it trains for, with less weight than a title held.
        best.setdefault(found.occupation.index, 0.8 * found.confidence)
    return sorted(best.items(), key=lambda item: -item[1])
