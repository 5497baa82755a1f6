"""A citizen's benefit history: spells, benefit changes and work in between.

Days are proleptic ordinals (``date.toordinal()``) so the inner loop does integer
arithmetic only. A career starts on an entry track at an entry day and runs until it
leaves public support for good or reaches the as-of date, where the spell that is
running stays open (``end is None``).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date

from .tracks import JOB, LEAVES, TRACKS, Track

YEAR = 365.25


@dataclass(slots=True)
class SpellDraft:
    track: Track
    start: int  # ordinal
    end: int | None  # exclusive ordinal; None = still running at as-of
    category: int | None = None  # sickness follow-up category (visitationskategori)
    exit: str = ""  # JOB, LEAVES, the next track's name, or "" while running
    previous: SpellDraft | None = None  # the spell this one directly follows (benefit change)


@dataclass(slots=True)
class Career:
    birth: int  # ordinal
    female: bool
    spells: list[SpellDraft]
    jobs: list[tuple[int, int | None]]  # (employment start, employment end or None)

    def last_day(self) -> int | None:
        """The last spell's exclusive end, or None when a spell is still running."""
        return self.spells[-1].end if self.spells else 0


def _birthday(birth: int, age: int) -> int:
    born = date.fromordinal(birth)
    try:
        return date(born.year + age, born.month, born.day).toordinal()
    except ValueError:  # 29 February
        return date(born.year + age, 3, 1).toordinal()


def _sick_category(rng: random.Random, days: int) -> int:
    """The category the caseworker chose at the start (it is a forecast, sometimes wrong)."""
    if days <= 56:
        return 1 if rng.random() < 0.85 else 2
    draw = rng.random()
    return 1 if draw < 0.10 else (2 if draw < 0.75 else 3)


def _pick_exit(rng: random.Random, track: Track) -> str:
    draw = rng.random()
    acc = 0.0
    for probability, target in track.exits:
        acc += probability
        if draw < acc:
            return target
    return track.exits[-1][1]


def simulate(rng: random.Random, track: Track, entry: int, birth: int, as_of: int) -> Career:
    """Follow one citizen from ``entry`` on ``track`` until they leave support or reach ``as_of``."""
    spells: list[SpellDraft] = []
    jobs: list[tuple[int, int | None]] = []
    day = entry
    previous: SpellDraft | None = None
    pension = _birthday(birth, 67)  # folkepension: no longer a target group
    while day <= as_of and day < pension:
        if track.permanent_until_age is not None:
            stop = _birthday(birth, track.permanent_until_age)
            spells.append(SpellDraft(track, day, stop if stop <= as_of else None, None, LEAVES, previous))
            break
        days = max(1, int(rng.lognormvariate(math.log(track.median_days), track.sigma)))
        exit_to = _pick_exit(rng, track)
        if track.max_days is not None and days >= track.max_days:
            days = track.max_days  # dagpengeperioden is used up
            exit_to = "cash_jr" if rng.random() < 0.3 else LEAVES
        category = _sick_category(rng, days) if track.name == "sick" else None
        end = day + days
        if track.benefit == "education_benefit":
            thirty = _birthday(birth, 30)
            if thirty <= day:  # too old for uddannelseshjælp: kontanthjælp instead
                track = TRACKS["cash_ar" if track.name == "edu_ar" else "cash_jr"]
                continue
            if end > thirty:
                end, exit_to = thirty, ("cash_ar" if track.name == "edu_ar" else "cash_jr")
        if end >= pension:
            end, exit_to = pension, LEAVES
        spell = SpellDraft(track, day, end, category, exit_to, previous)
        if end > as_of:
            spell.end, spell.exit = None, ""
            spells.append(spell)
            break
        spells.append(spell)
        if exit_to == LEAVES:
            break
        if exit_to == JOB:
            if rng.random() < track.return_probability:
                back = end + 1 + int(rng.expovariate(1.0 / track.return_gap_days))
                jobs.append((end, back if back <= as_of else None))
                day, previous = back, None
                continue
            jobs.append((end, None))
            break
        track, day, previous = TRACKS[exit_to], end, spell
    return Career(birth, False, spells, jobs)


def draw_birth(rng: random.Random, track: Track, entry: int) -> int:
    """A birth day that puts the citizen within the track's ages on the entry day."""
    age = rng.uniform(track.min_age, track.max_age + 1)
    return entry - int(age * YEAR)
