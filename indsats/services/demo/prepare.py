"""Preparing the demo database: schema, synthetic municipalities, demo logins, company demo data.

What the first pages need is built before ``prepare_demo`` returns (citizens, kept obligations,
the company demo, meetings, logins); the weekly measures and the comparison clusters are finished
by a process of their own that starts before the build and may still run when the server answers
(``services.demo.finish``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from indsats.domain import clock
from indsats.services.accounts.demo_accounts import DemoLogin, ensure_demo_accounts
from indsats.services.casework.obligation_store import refresh_all
from indsats.services.demo.finish import CLUSTERS, MEASURES, Finishing, finish_demo, missing, start_finishing
from indsats.services.demo.past_meetings import seed_past_meetings
from indsats.store.db import Database
from indsats.store.migrations import upgrade
from indsats.store.tables import CitizenRow
from indsats.synth.build import DEFAULT_MUNICIPALITIES, build
from indsats.synth.generator import split_citizens

#: progress(stage, done, total)
Progress = Callable[[str, int, int], None]


@dataclass
class DemoReady:
    built: bool  # built now (False: the database had the demo already)
    logins: list[DemoLogin]
    seconds: dict[str, float] = field(default_factory=dict)  # stage (Danish) → seconds, in order
    finishing: Finishing = field(default_factory=lambda: Finishing([]))  # what still runs beside the server


def has_citizens(db: Database) -> bool:
    with db.unit_of_work() as session:
        return (session.scalar(select(func.count()).select_from(CitizenRow)) or 0) > 0


def prepare_demo(db: Database, seed: int = 1, as_of: date | None = None, citizens: int | None = None,
                 progress: Progress | None = None, background: bool = True) -> DemoReady:
    """Build the demo data if the database has none, and the logins; see the module's text.

    ``background=False`` computes the measures and clusters here, before returning."""
    seconds: dict[str, float] = {}

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        seconds[name] = time.perf_counter() - started

    with stage("skema"):
        upgrade(db.url)
    day = as_of or clock.today()
    built = not has_citizens(db)
    if built:
        stages = [MEASURES, CLUSTERS]
        clusters = split_citizens(list(DEFAULT_MUNICIPALITIES), citizens)  # the members are as large
    else:
        stages, clusters = missing(db)
    finishing = start_finishing(db.url, day, stages, clusters) if background else Finishing([])
    try:
        if built:
            with stage("borgere"):
                build(db, seed=seed, as_of=day, citizens=citizens, progress=progress)
                db.analyze()
            finishing.built()
            with stage("frister"):
                refresh_all(db, progress, as_of=day, helpers=1)  # the law engine on both cores
            with stage("virksomheder"):
                _seed_company_demo(db, seed)
            seed_past_meetings(db, as_of)
        finishing.built()
        with stage("logins"):
            logins = ensure_demo_accounts(db)
    except BaseException:
        if finishing.process is not None:
            finishing.process.terminate()
        raise
    if not background and stages:
        with stage(" og ".join(stages)):
            finish_demo(db.url, day, stages, clusters)
    return DemoReady(built, logins, seconds, finishing)


def _seed_company_demo(db: Database, seed: int) -> None:
    """Candidate profiles, job orders and company centres for the company service."""
    from indsats.services.demo.company_demo import seed_company_demo

    seed_company_demo(db, seed)
