"""The panel contract's names (contracts/kpis.md) and its error, importable without the analytics
stack (DuckDB, Ibis, pandas): the web and the CLI name them at start-up, which must not load a
query engine. ``analytics.panel`` re-exports them."""

from __future__ import annotations

from ..domain.enums import Benefit, OfferType, Readiness

BENEFITS = tuple(b.value for b in Benefit)
READINESS = tuple(r.value for r in Readiness)
KNOWN_OFFERS = tuple(o.value for o in OfferType)
OFFER_PATTERN = r"^[a-z][a-z0-9_]*$"


class PanelError(ValueError):
    """A malformed panel or persons file; the message names file, row and column."""
