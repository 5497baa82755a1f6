"""The evidence context's part of ``indsats serve``'s background refresh (``steering.measure_store``).

Imported at start-up, so it loads nothing heavy: the effect estimates (Arrow, NumPy, scikit-learn)
load in the background thread the first time a window is due.
"""

from __future__ import annotations

from indsats.store.db import Database


def warm_effect_estimates(db: Database) -> list[str]:
    """Keep every municipality's *Effekter* window of the current week (``effect_estimates.warm_all``)."""
    from .effect_estimates import warm_all

    return warm_all(db)


def warm_risk_scores(db: Database) -> list[str]:
    """Keep every municipality's *Tidlig opsporing* scores of the current week (``risk_scores.warm_all``)."""
    from .risk_scores import warm_all

    return warm_all(db)
