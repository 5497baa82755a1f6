"""``indsats worker``: the background refresh as a process of its own."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time

import typer

from .command_helpers import database_option, migrated_url
from .typer_app import app

log = logging.getLogger("indsats.worker")


def _follow(parent: int) -> None:
    """End this process when ``parent`` (the server that started it) is gone, however it ended."""
    if sys.platform.startswith("linux"):
        try:  # the kernel sends SIGTERM when the parent dies (PR_SET_PDEATHSIG)
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(2)
        log.warning("serveren (proces %s) er væk; baggrundsarbejderen stopper", parent)
        os._exit(0)

    if os.getppid() != parent:
        raise typer.Exit(0)
    threading.Thread(target=watch, name="indsats-worker-parent", daemon=True).start()


@app.command("worker")
def worker(once: bool = typer.Option(False, "--once", help="Kør én runde og stop (fx fra cron)."),
           delay: float = typer.Option(0.0, "--delay", min=0, help="Sekunder før første runde."),
           nice: int = typer.Option(0, "--nice", min=0, max=19, help="Sænk CPU-prioriteten så meget (fx 10)."),
           parent: int = typer.Option(0, "--parent", hidden=True, help="Stop når denne proces er væk."),
           database: str = database_option()) -> None:
    """Baggrundsarbejdet: nøgletal, ledelsens sider, resultatrevisionen, scenarieflows, effekter og risikoscorer.

    Kører hvert 5. minut, til den stoppes (eller én runde med --once). `indsats serve` starter den selv;
    kør den selv (cron/systemd) med INDSATS_BACKGROUND=off på serveren."""
    from indsats.services.evidence.background import warm_effect_estimates, warm_risk_scores
    from indsats.services.shared.database import Database
    from indsats.services.steering.measure_store import run_rounds

    logging.basicConfig(level=logging.INFO, format="%(asctime)s indsats worker %(levelname)s %(name)s: %(message)s")
    for chatty in ("weasyprint", "fontTools"):  # a line per page and font of every review PDF
        logging.getLogger(chatty).setLevel(logging.WARNING)
    if nice:
        os.nice(nice)
    if parent:
        _follow(parent)
    db = Database(migrated_url(database))
    try:
        run_rounds(db, threading.Event(), delay=delay, warmers=[warm_effect_estimates, warm_risk_scores],
                   rounds=1 if once else None)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
