"""``indsats screening`` and ``indsats effects`` on panel files (contracts/effects.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from indsats.analytics import weeks
from indsats.evidence.errors import EvidenceError

# NumPy and scikit-learn (indsats.evidence.effects, .screening, .weekmatrix) load on use, not at start-up.


def _week(option: str, value: str) -> str:
    if not weeks.is_week(value or ""):
        raise EvidenceError(f"{option}: {value!r} er ikke en ISO-uge (YYYY-Www, fx 2025-W14).")
    return value


def screening(panel: Path, persons: Path | None, as_of: str, code_map: Path | None = None) -> dict[str, Any]:
    """The screening object at ``as_of``; the panel is cut at ``as_of`` before anything is read from it."""
    from indsats.evidence.screening import screen
    from indsats.evidence.weekmatrix import read_matrix

    as_of = _week("--as-of", as_of)
    return screen(read_matrix(panel, persons, as_of, code_map), as_of).as_json()


def offer_effects(panel: Path, persons: Path | None, first: str, last: str, horizon: int = 26,
                  code_map: Path | None = None) -> dict[str, Any]:
    """The effects object for offer starts in ``first..last``, outcome ``horizon`` weeks later."""
    from indsats.evidence.effects import effects
    from indsats.evidence.weekmatrix import read_matrix

    first, last = _week("--from", first), _week("--to", last)
    if horizon < 1 or horizon > 520:
        raise EvidenceError("--horizon skal være mellem 1 og 520 uger.")
    if weeks.index(last) < weeks.index(first):
        raise EvidenceError(f"--to {last} ligger før --from {first}.")
    last_needed = weeks.from_index(weeks.index(last) + horizon)
    return effects(read_matrix(panel, persons, last_needed, code_map), first, last, horizon)


def screening_check(panel: Path, persons: Path | None, as_of: list[str], code_map: Path | None = None
                    ) -> dict[str, Any]:
    """Discrimination and calibration of the screening on the newly unemployed at each ``as_of``
    (trained only on the panel up to it), against their outcome a year later — overall and by
    age band, gender and origin (when the persons file has ``gender``/``origin`` columns)."""
    from indsats.evidence.evaluation import model_card, score_held_out
    from indsats.evidence.weekmatrix import read_matrix

    if not as_of:
        raise EvidenceError("Angiv mindst én --as-of YYYY-Www.")
    chosen = [_week("--as-of", w) for w in as_of]
    scored = score_held_out(read_matrix(panel, persons, None, code_map), chosen)
    return {"weeks": chosen, "trained_on": scored.trained_on, **model_card(scored)}
