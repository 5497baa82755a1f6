"""``generate_municipality``: a whole synthetic municipality in memory, from a seed.

Pure: no database, no clock (the as-of date is an argument). The same profile, seed,
as-of date and size give the same records, whether the citizens are generated in one
process or in several (``workers``), because every chunk of citizens has its own
seed derived from the build's seed. Ids are local (1, 2, ...) per municipality; the
writer shifts them past what the database already holds.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import date
from multiprocessing import get_context

from indsats.domain.models import (
    Caseworker,
    Company,
    CompanyContact,
    Municipality,
    Team,
)

from .citizens import Chunk, ChunkContext, generate_chunk
from .companies import build_companies, build_contacts, company_picker
from .identity import synthetic_cpr
from .profiles import PROFILES, MunicipalityProfile
from .staff import build_staff

CHUNK = 2_000
Progress = Callable[[int, int], None]


def derive_seed(*parts: object) -> int:
    """A 64-bit seed from the build seed and a path of names (stable across Python runs)."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def three_years_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 3)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 3, day=28)


@dataclass(slots=True, kw_only=True)
class SyntheticMunicipality(Chunk):
    """Every record of one generated municipality, shaped as the domain's dataclasses: the
    organisation below, and the citizens' records of ``Chunk`` (citizens, spells, ...)."""

    municipality: Municipality
    as_of: date
    seed: int
    teams: list[Team] = field(default_factory=list)
    caseworkers: list[Caseworker] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    company_contacts: list[CompanyContact] = field(default_factory=list)

    def extend(self, chunk: Chunk) -> None:
        for record_list in fields(Chunk):
            getattr(self, record_list.name).extend(getattr(chunk, record_list.name))


def entry_tracks(profile: MunicipalityProfile, citizens: int, seed: int) -> list[str]:
    """Exactly ``citizens`` entry tracks in the profile's shares (largest remainder), shuffled."""
    shares = {**profile.mix.flow, **profile.mix.stock}
    total = sum(shares.values())
    exact = {name: citizens * share / total for name, share in shares.items()}
    counts = {name: int(value) for name, value in exact.items()}
    rest = citizens - sum(counts.values())
    for name in sorted(exact, key=lambda n: (counts[n] - exact[n], n))[:rest]:
        counts[name] += 1
    tracks = [name for name in sorted(counts) for _ in range(counts[name])]
    random.Random(derive_seed(seed, profile.code, "tracks")).shuffle(tracks)
    return tracks


def skeleton(profile: MunicipalityProfile, seed: int, as_of: date, citizens: int,
             taken_cvr: set[str] | None = None) -> tuple[SyntheticMunicipality, ChunkContext]:
    """Staff, companies and company contacts; and the context every chunk of citizens shares."""
    rng = random.Random(derive_seed(seed, profile.code, "organisation"))
    window = (three_years_before(as_of).toordinal(), as_of.toordinal())
    n_companies = max(20, round(citizens * profile.companies_per_citizen))
    companies = build_companies(rng, profile, n_companies, taken_cvr if taken_cvr is not None else set())
    staff = build_staff(rng, profile, citizens, n_companies, 0, 0)
    contacts = build_contacts(rng, profile, companies, staff.consultants, window, 0)
    muni = SyntheticMunicipality(municipality=Municipality(profile.code, profile.name), as_of=as_of, seed=seed,
                                 teams=staff.teams, caseworkers=staff.caseworkers, companies=companies,
                                 company_contacts=contacts)
    cvrs, cum = company_picker(companies)
    ctx = ChunkContext(profile, window[1], window[0], staff.by_track, cvrs, cum)
    return muni, ctx


_WORKER_CTX: ChunkContext | None = None


def _init_worker(ctx: ChunkContext) -> None:
    global _WORKER_CTX
    _WORKER_CTX = ctx


def _run_chunk(task: tuple[int, int, list[str]]) -> Chunk:
    seed, first_id, tracks = task
    assert _WORKER_CTX is not None
    return generate_chunk(_WORKER_CTX, seed, first_id, tracks)


def iter_chunks(ctx: ChunkContext, seed: int, tracks: list[str], workers: int = 1) -> Iterator[Chunk]:
    """The citizens in chunks of ``CHUNK``, in order; ``workers > 1`` generates them in processes."""
    tasks = [(derive_seed(seed, ctx.profile.code, "chunk", k), k * CHUNK + 1, tracks[k * CHUNK:(k + 1) * CHUNK])
             for k in range((len(tracks) + CHUNK - 1) // CHUNK)]
    if workers <= 1 or len(tasks) <= 1:
        for seed_k, first_id, part in tasks:
            yield generate_chunk(ctx, seed_k, first_id, part)
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_init_worker,
                             initargs=(ctx,)) as pool:
        yield from pool.map(_run_chunk, tasks)


class IdAssigner:
    """Gives chunk records their local ids in order and keeps CPR numbers unique across chunks."""

    def __init__(self, seed: int, code: str, taken_cpr: set[str]):
        self.seed, self.code, self.taken = seed, code, taken_cpr
        self.next = {"spells": 0, "conversations": 0, "offers": 0, "events": 0, "plans": 0}

    def __call__(self, chunk: Chunk) -> Chunk:
        taken = self.taken
        for citizen in chunk.citizens:
            if citizen.cpr in taken:
                female = int(citizen.cpr[-1]) % 2 == 0
                rng = random.Random(derive_seed(self.seed, self.code, "cpr", citizen.id))
                citizen.cpr = synthetic_cpr(citizen.birth_date, female, rng, taken)
            else:
                taken.add(citizen.cpr)
        for name, records in (("spells", chunk.spells), ("conversations", chunk.conversations),
                              ("offers", chunk.offers), ("events", chunk.events), ("plans", chunk.plans)):
            n = self.next[name]
            for record in records:
                n += 1
                record.id = n
            self.next[name] = n
        return chunk


def generate_municipality(profile: MunicipalityProfile | str, seed: int = 1, as_of: date | None = None,
                          citizens: int | None = None, workers: int = 1, progress: Progress | None = None,
                          taken_cpr: set[str] | None = None, taken_cvr: set[str] | None = None,
                          ) -> SyntheticMunicipality:
    """A whole municipality in memory. ``profile`` is a profile or a municipality code ("250", "766")."""
    if isinstance(profile, str):
        profile = PROFILES[profile]
    as_of = as_of or date.today()
    size = citizens if citizens is not None else profile.default_citizens
    muni, ctx = skeleton(profile, seed, as_of, size, taken_cvr)
    tracks = entry_tracks(profile, size, seed)
    assign = IdAssigner(seed, profile.code, taken_cpr if taken_cpr is not None else set())
    done = 0
    for chunk in iter_chunks(ctx, seed, tracks, workers):
        muni.extend(assign(chunk))
        done += len(chunk.citizens)
        if progress:
            progress(done, size)
    return muni


def split_citizens(codes: list[str], total: int | None) -> dict[str, int]:
    """Each municipality's size: its default, or ``total`` split in proportion to the defaults."""
    defaults = {code: PROFILES[code].default_citizens for code in codes}
    if total is None:
        return defaults
    whole = sum(defaults.values())
    sizes = {code: total * n // whole for code, n in defaults.items()}
    sizes[codes[0]] += total - sum(sizes.values())
    return sizes
