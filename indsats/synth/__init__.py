"""The synthetic municipality: deterministic test and demo data from a seed.

``generate_municipality(profile, seed, as_of)`` builds a municipality in memory
(domain dataclasses, no database); ``write_municipality(db, m)`` stores it;
``build(db, ...)`` streams a build straight into the store (``indsats synth``).
``panel.py`` turns a generated municipality into the weekly benefit panel of
contracts/kpis.md and ``measure.py`` computes the calibration figures from it.
"""

from .generator import SyntheticMunicipality, generate_municipality
from .profiles import PROFILES, MunicipalityProfile

__all__ = ["PROFILES", "MunicipalityProfile", "SyntheticMunicipality", "generate_municipality"]
