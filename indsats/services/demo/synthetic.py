"""Synthetic municipalities for ``indsats synth``: build them into the database, and optionally
write their weekly panel and calibration measures next to it (docs/SYNTH.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from indsats.services.casework.obligation_store import refresh_all
from indsats.services.shared.database import Database
from indsats.services.steering.measure_store import refresh_measures
from indsats.synth.build import DEFAULT_MUNICIPALITIES, build
from indsats.synth.generator import generate_municipality, split_citizens
from indsats.synth.measure import measure
from indsats.synth.panel import write_panel
from indsats.synth.profiles import PROFILES
from indsats.synth.writer import SynthWriteError, write_municipalities

__all__ = ["DEFAULT_MUNICIPALITIES", "SynthWriteError", "build_synthetic", "known_municipalities"]

#: ``progress(municipality name, citizens done, citizens in all)``
Progress = Callable[[str, int, int], None]


def known_municipalities() -> dict[str, str]:
    """Code → name of every municipality a synthetic one can be calibrated to."""
    return {p.code: p.name for p in PROFILES.values()}


def build_synthetic(db: Database, *, seed: int, as_of: date, codes: tuple[str, ...], citizens: int | None,
                    workers: int | None, progress: Progress, panel: Path | None = None) -> tuple[int, int]:
    """Generate the municipalities ``codes`` and write them to ``db``: (citizens, rows written).

    With ``panel`` a directory, also write each municipality's weekly panel and persons as CSV
    there, and ``calibration.json`` with the measures of each. Raises ``SynthWriteError`` or
    ``ValueError`` on input the generator or the writer refuses. The citizens' obligations are
    computed into the kept table afterwards (``obligation_store.refresh_all``)."""
    if panel is None:
        summary = build(db, seed=seed, as_of=as_of, codes=codes, citizens=citizens, workers=workers,
                        progress=progress)
        built = summary.citizens, summary.rows
    else:
        built = _build_with_panel(db, seed, as_of, codes, citizens, workers, panel, progress)
    db.analyze()  # statistics of the bulk-written tables before anything reads them
    refresh_all(db, progress, as_of=as_of)  # the kept obligations of the new citizens
    refresh_measures(db, progress, as_of=as_of, full=True)  # and the weekly measures
    return built


def _build_with_panel(db, seed, day, codes, citizens, workers, directory: Path, step) -> tuple[int, int]:
    sizes = split_citizens(list(codes), citizens)
    taken_cvr: set[str] = set()
    total, done = sum(sizes.values()), 0
    figures, generated = {}, []
    for code in codes:
        base = done

        def progress(n: int, _total: int, name: str = PROFILES[code].name, base: int = base) -> None:
            step(name, base + n, total)

        muni = generate_municipality(code, seed, day, sizes[code], workers or 1, progress, taken_cvr=taken_cvr)
        generated.append(muni)
        done += sizes[code]
        write_panel(muni, directory)
        figures[code] = measure(muni)
    rows = write_municipalities(db, generated)
    (directory / "calibration.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return total, rows
