"""Evidence from the weekly panel (contracts/effects.md): early warning for the newly
unemployed (``screening``) and the effect of offers on self-support (``effects``).

Pure: NumPy, pandas, scikit-learn and DuckDB; no web framework, no database of the store.
Both read the panel through ``weekmatrix`` — a dense person × week matrix — so every
definition is one vectorised expression that can be checked by hand.
"""

from .errors import EvidenceError

__all__ = ["EvidenceError"]
