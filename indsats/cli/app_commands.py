"""``indsats demo``, ``indsats serve`` and ``indsats import``."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import typer
from rich.console import Console

from indsats.domain.labels import ROLE_DA
from indsats.services.shared.database import Database, upgrade
from indsats.services.shared.errors import InvalidInput
from indsats.services.shared.privacy_logging import mask_cpr
from indsats.settings import SettingsError, get_settings

from .command_helpers import migrated_url, progress_bar
from .typer_app import app

console = Console()


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _serve(db: Database, host: str, port: int) -> None:
    """Serve the app; the Secure cookie flag is off only for the demo on the loopback address."""
    import uvicorn

    from indsats.web.app import create_app

    settings = get_settings()
    if not settings.secure_cookies and host not in LOOPBACK:
        settings = get_settings(cookie_secure=True)
        console.print(f"Serveres på {host}: cookies sendes kun over HTTPS (Secure). Sæt HTTPS foran, "
                      "eller brug --host 127.0.0.1 til demoen.", highlight=False)
    try:
        web_app = create_app(db, settings=settings)
    except SettingsError as exc:
        typer.echo(f"Starter ikke: {exc}", err=True)
        raise typer.Exit(2) from None
    # The kept measures, the managers' pages, the review PDF, effects and risk scores: computed beside the
    # server, never before it answers — by default in a worker process of its own (INDSATS_BACKGROUND).
    worker = _start_background(db, settings.background)
    if worker is not None:
        # uvicorn shuts down gracefully on SIGTERM, then raises the signal again with this handler in place:
        # without it the default handler would end the process before the worker is stopped below.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        # The access log has no query strings and no CPR numbers (services.shared.privacy_logging).
        uvicorn.run(web_app, host=host, port=port, log_level="info", proxy_headers=True)
    finally:
        if worker is not None:
            worker.stop()


def _start_background(db: Database, mode: str):
    """``process``: ``indsats worker`` as a supervised child (returned, to stop); ``thread``: in this process."""
    if mode == "process":
        from .worker_process import WorkerProcess

        return WorkerProcess(db.url).start()
    if mode == "thread":
        from indsats.services.evidence.background import warm_effect_estimates, warm_risk_scores
        from indsats.services.steering.measure_store import start_background_refresh

        start_background_refresh(db, warmers=[warm_effect_estimates, warm_risk_scores])
    return None


@app.command("demo")
def demo(port: int = typer.Option(8000, "--port", help="Port for webserveren."),
         host: str = typer.Option("127.0.0.1", "--host"),
         seed: int = typer.Option(1, "--seed", help="Frø for de syntetiske data."),
         no_serve: bool = typer.Option(False, "--no-serve", help="Byg kun databasen og vis logins.")) -> None:
    """Byg demodatabasen (hvis den mangler), vis demo-logins og start webserveren."""
    from indsats.services.demo.prepare import prepare_demo  # the synthetic generator: only for the demo

    db = Database()
    console.print(f"Database: [bold]{db.url}[/bold]")
    with progress_bar(console, "Bygger syntetisk kommune", transient=True,
                      describe=lambda stage: f"Bygger {stage}") as step:
        ready = prepare_demo(db, seed=seed, progress=step)
    console.print("Demodata bygget." if ready.built else "Demodata fandtes allerede.")
    if ready.built:
        stages = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in ready.seconds.items())
        console.print(f"Bygget på {sum(ready.seconds.values()):.0f} s ({stages}).", highlight=False, soft_wrap=True)
    if ready.finishing.stages:
        console.print(f"{' og '.join(ready.finishing.stages).capitalize()} beregnes i baggrunden "
                      "(lederens sider viser dem, når de er gemt).", highlight=False, soft_wrap=True)
    console.print("[bold]Demo-logins[/bold] (brugernavn / adgangskode — rolle, kommune: hvad man kan)")
    for login in ready.logins:
        console.print(f"  {login.username:<32} {login.password}  — {ROLE_DA.get(login.role, login.role)}, "
                      f"{login.municipality}: {login.description}", highlight=False, soft_wrap=True)
    if no_serve and ready.finishing.stages:
        with console.status(f"Venter på {' og '.join(ready.finishing.stages)} …"):
            if not ready.finishing.wait():
                typer.echo("Beregningen i baggrunden fejlede; næste `indsats demo` prøver igen.", err=True)
    if not no_serve:
        console.print(f"Åbn [bold]http://{host}:{port}/login[/bold]  (Ctrl+C stopper)")
        _serve(db, host, port)


@app.command("serve")
def serve(port: int = typer.Option(8000, "--port"), host: str = typer.Option("127.0.0.1", "--host")) -> None:
    """Start webserveren mod databasen (INDSATS_DATABASE_URL eller indsats.db)."""
    db = Database()
    upgrade(db.url)
    _serve(db, host, port)


@app.command("import")
def import_command(files: list[Path] = typer.Argument(..., help="citizens.csv, benefit_spells.csv, events.csv "
                                                                  "eller én JSON-fil (se docs/IMPORT.md)."),
                   database: str = typer.Option(None, "--database", help="Database-URL."),
                   encoding: str = typer.Option(None, "--encoding",
                                                help="Filernes tegnsæt (fx utf-8, utf-16, cp1252, latin-1); "
                                                     "standard: fundet af filen")) -> None:
    """Indlæs kommunens egne data: alt eller intet."""
    from indsats.services.casework.imports import import_files  # only for this command, not for serve

    url = migrated_url(database)
    try:
        report = import_files(Database(url), files, encoding)
    except InvalidInput as exc:
        typer.echo(f"Importen er afvist, intet er gemt: {mask_cpr(str(exc))}", err=True)
        raise typer.Exit(2) from None
    except Exception as exc:  # no traceback: its lines and values would show the file's CPR numbers
        typer.echo(f"Importen fejlede, intet er gemt ({type(exc).__name__}): {mask_cpr(str(exc))[:500]}", err=True)
        raise typer.Exit(3) from None
    typer.echo(f"Importeret: {report.citizens} borgere, {report.benefit_spells} ydelsesforløb, "
               f"{report.conversations} samtaler, {report.offers} tilbud, {report.events} andre hændelser.")
