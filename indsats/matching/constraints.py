"""Hard constraints: a candidate who breaks one is never proposed (contracts/matching.md).

Consent (samtykke), commute (transport), heavy lifting and night work (skånebehov),
weekly hours, driving licence and languages. Distance is the great-circle distance;
when either side lacks coordinates its postcode is used. With both points exact (own
coordinates or a listed postcode) the commute limit applies as it is; when a point is only
approximate (an unlisted postcode placed at its listed neighbour) it applies with a margin
of ``APPROXIMATE_MARGIN_KM``, so only candidates clearly too far away are excluded.
"""

from __future__ import annotations

import numpy as np

from .geo import EARTH_RADIUS_KM, postcode_point
from .index import CandidateIndex
from .profiles import Job
from .text import language_code

APPROXIMATE_MARGIN_KM = 40.0


def job_point(job: Job) -> tuple[float, float, bool] | None:
    if job.lat is not None and job.lon is not None:
        return job.lat, job.lon, True
    point = postcode_point(job.postcode)
    return (point.lat, point.lon, point.exact) if point else None


def distances(index: CandidateIndex, job: Job) -> tuple[np.ndarray, np.ndarray]:
    """Distance in km to every candidate (NaN when unknown) and whether it is exact."""
    point = job_point(job)
    if point is None:
        nan = np.full(len(index), np.nan)
        return nan, np.zeros(len(index), dtype=bool)
    lat, lon, exact = point
    lat_j, lon_j = np.float32(np.radians(lat)), np.float32(np.radians(lon))
    a = np.sin((index.lat - lat_j) / 2) ** 2 + index.cos_lat * np.float32(np.cos(lat_j)) * np.sin((index.lon - lon_j) / 2) ** 2
    km = np.float32(2 * EARTH_RADIUS_KM) * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return km, index.located_exactly & exact & ~np.isnan(km)


def too_far(index: CandidateIndex, km: np.ndarray, km_exact: np.ndarray) -> np.ndarray:
    margin = np.where(km_exact, np.float32(0.0), np.float32(APPROXIMATE_MARGIN_KM))
    far: np.ndarray = ~np.isnan(km) & (km > index.max_commute + margin)
    return far


def allowed(index: CandidateIndex, job: Job, km: np.ndarray, km_exact: np.ndarray) -> np.ndarray:
    """Boolean mask of the candidates who break no hard constraint."""
    ok = index.consent.copy()
    ok &= ~(too_far(index, km, km_exact))
    if job.heavy_lifting:
        ok &= ~index.no_heavy
    if job.night_work:
        ok &= ~index.no_night
    if job.hours_per_week is not None:
        ok &= index.max_hours >= job.hours_per_week
    if job.requires_driving_licence:
        ok &= index.licence
    required = _required_bits(index, job)
    if required is None:
        ok[:] = False
    elif required:
        ok &= (index.languages & required) == required
    return ok


def _required_bits(index: CandidateIndex, job: Job) -> int | None:
    """The job's languages as a bit set; None when no candidate speaks one of them."""
    bits = 0
    for code in {language_code(x) for x in job.requires_languages}:
        bit = index.language_bits.get(code)
        if bit is None or bit >= 63:
            return None
        bits |= 1 << bit
    return bits


def broken(index: CandidateIndex, row: int, job: Job) -> list[str]:
    """The hard constraints candidate ``row`` breaks for ``job``, as short phrases."""
    km, km_exact = distances(index, job)
    c = index.candidates[row]
    reasons = []
    if not index.consent[row]:
        reasons.append("no consent to share the profile")
    if too_far(index, km, km_exact)[row]:
        reasons.append(f"{km[row]:.0f} km exceeds the maximum commute of {index.max_commute[row]:.0f} km")
    if job.heavy_lifting and index.no_heavy[row]:
        reasons.append("the job needs heavy lifting (skånebehov)")
    if job.night_work and index.no_night[row]:
        reasons.append("the job has night work (skånebehov)")
    if job.hours_per_week is not None and index.max_hours[row] < job.hours_per_week:
        reasons.append(f"{job.hours_per_week:g} hours a week exceed the maximum of {index.max_hours[row]:g}")
    if job.requires_driving_licence and not index.licence[row]:
        reasons.append("no driving licence")
    missing = {language_code(x) for x in job.requires_languages} - {language_code(x) for x in c.languages}
    if missing:
        reasons.append("missing language: " + ", ".join(sorted(missing)))
    return reasons
