"""``build``: generate one or more municipalities straight into the store, chunk by chunk.

This is what ``indsats synth`` runs. It writes the same records as
``generate_municipality`` followed by ``write_municipality`` (a test holds it to
that), but streams: each chunk of 2,000 citizens is written while the next ones are
generated (in worker processes when ``workers > 1``), so a 100,000-citizen build
never holds the whole municipality in memory. All municipalities go in through one
transaction: a failure leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .generator import IdAssigner, entry_tracks, iter_chunks, skeleton, split_citizens
from .profiles import PROFILES
from .writer import Offsets, existing_cvrs, reset_sequences, write_citizens, write_organisation

DEFAULT_MUNICIPALITIES = ("250", "766")

#: progress(stage description, citizens done, citizens in total)
BuildProgress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class BuildSummary:
    municipalities: tuple[str, ...]
    citizens: int
    rows: int


def default_workers() -> int:
    """One process: on the 2-core target machine, shipping chunks between processes cost more than it saved
    (docs/SYNTH.md has the measurements); ``--workers 2`` stays available for idle, larger machines."""
    return 1


def build(db, seed: int = 1, as_of: date | None = None, codes: tuple[str, ...] = DEFAULT_MUNICIPALITIES,
          citizens: int | None = None, workers: int | None = None,
          progress: BuildProgress | None = None) -> BuildSummary:
    """Generate and write the municipalities ``codes``; ``citizens`` is the total over all of them."""
    unknown = [c for c in codes if c not in PROFILES]
    if unknown:
        known = ", ".join(f"{p.code} ({p.name})" for p in PROFILES.values())
        raise ValueError(f"ukendt kommunekode {unknown[0]}; kendte: {known}")
    if citizens is not None and citizens < len(codes):
        raise ValueError(f"--citizens skal være mindst {len(codes)} (én borger pr. kommune)")
    as_of = as_of or date.today()
    workers = default_workers() if workers is None else workers
    sizes = split_citizens(list(codes), citizens)
    total, done, rows = sum(sizes.values()), 0, 0
    with db.engine.begin() as conn:
        taken_cvr = existing_cvrs(conn)
        for code in codes:
            profile = PROFILES[code]
            off = Offsets.read(conn)
            muni, ctx = skeleton(profile, seed, as_of, sizes[code], taken_cvr)
            write_organisation(conn, muni, off)
            assign = IdAssigner(seed, code, set())
            for chunk in iter_chunks(ctx, seed, entry_tracks(profile, sizes[code], seed), workers):
                rows += write_citizens(conn, assign(chunk), off, seed, code)
                done += len(chunk.citizens)
                if progress:
                    progress(profile.name, done, total)
        reset_sequences(conn)
    return BuildSummary(tuple(codes), total, rows)
