"""Great-circle distance and the postcode fallback for a missing location.

The shipped table ``indsats/data/postcodes_dk.csv`` gives a point for the main
postcodes of each town. A postcode found there is *exact*; any other postcode is
placed at the numerically nearest listed postcode with the same first two digits
(Danish postcodes are ordered geographically) and is *approximate*: good enough to
sort by distance, never used to exclude a candidate.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float
    exact: bool = True


def haversine_km(lat1: float | np.ndarray, lon1: float | np.ndarray, lat2: float | np.ndarray,
                 lon2: float | np.ndarray) -> float | np.ndarray:
    """Great-circle distance in km; works on floats and on NumPy arrays alike."""
    lat1, lon1, lat2, lon2 = (np.radians(v) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    km: float | np.ndarray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return km


@lru_cache(maxsize=1)
def postcode_table() -> dict[str, tuple[str, float, float]]:
    text = resources.files("indsats.data").joinpath("postcodes_dk.csv").read_text(encoding="utf-8")
    return {row["postcode"]: (row["city"], float(row["lat"]), float(row["lon"])) for row in csv.DictReader(text.splitlines())}


@lru_cache(maxsize=4096)
def postcode_point(postcode: str | None) -> Point | None:
    """The point of a postcode: exact when listed, approximate from its neighbour, else None."""
    code = (postcode or "").strip()
    if not (len(code) == 4 and code.isdigit()):
        return None
    table = postcode_table()
    if code in table:
        _, lat, lon = table[code]
        return Point(lat, lon, exact=True)
    same_area = [c for c in table if c[:2] == code[:2]]
    if not same_area:
        return None
    nearest = min(same_area, key=lambda c: abs(int(c) - int(code)))
    _, lat, lon = table[nearest]
    return Point(lat, lon, exact=False)
