"""The evidence error, importable without NumPy or scikit-learn (the web and the CLI name it at start-up)."""

from __future__ import annotations


class EvidenceError(ValueError):
    """The panel cannot answer the question (too little history, no starts); Danish text."""
