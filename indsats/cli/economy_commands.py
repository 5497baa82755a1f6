"""``indsats economy`` (shared/contracts/economy.md): expenditure, reimbursement and
co-financing on the staircase for an ISO year, from a weekly panel and a rates file."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from indsats.domain.formatting import tal
from indsats.services.economy.expenditure_files import (
    STEP_KEYS,
    EconomyInputError,
    benefit_label,
    economy,
    rate_notes,
    step_label,
)

from .command_helpers import database_option
from .typer_app import app


@app.command("economy")
def economy_command(
    panel: Path = typer.Argument(..., help="Ugepanel (CSV eller Parquet): person_id, week, benefit, readiness, offer."),
    rates: Path = typer.Option(None, "--rates", help="Satsfil (CSV): benefit, valid_from, weekly_rate, scheme. "
                                                      "Standard: projektets egne satser."),
    year: int = typer.Option(..., "--year", help="ISO-året der opgøres (ÅÅÅÅ)."),
    as_json: bool = typer.Option(False, "--json", help="Skriv JSON som i kontrakten."),
) -> None:
    """Udgifter, refusion og medfinansiering på refusionstrappen for et år."""
    try:
        result = economy(panel, rates, year)
    except EconomyInputError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    notes = rate_notes(rates, year, result)
    if as_json:  # the contract's object alone on standard output; the notes on standard error
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        for line in notes:
            typer.echo(f"Bemærk (sats uden kilde): {line}", err=True)
        return
    table = Table(title=f"Forsørgelsesudgifter og refusionstrappen, {year}")
    table.add_column("Ydelse")
    table.add_column("Personuger", justify="right")
    for key in STEP_KEYS:
        table.add_column(step_label(key).capitalize(), justify="right")
    for heading in ("Brutto (kr.)", "Refusion (kr.)", "Medfinansiering (kr.)", "Kommunens nettoudgift (kr.)"):
        table.add_column(heading, justify="right")
    rows = [(benefit_label(b), v) for b, v in result["by_benefit"].items()] + [("I alt", result["total"])]
    for name, v in rows:
        table.add_row(name, tal(v["person_weeks"]), *[tal(v["weeks_by_step"][k]) for k in STEP_KEYS],
                      *[tal(v[k], 2) for k in ("gross", "refusion", "cofinancing", "municipal_net")])
    Console(width=200).print(table)
    if notes:
        typer.echo("Satser uden kilde (se docs/ECONOMY.md):")
        for line in notes:
            typer.echo(f"  * {line}")


@app.command("labour-force")
def labour_force_command(
    file: Path = typer.Argument(..., help="CSV: area;year;labour_force[;expenditure][;benefits][;source] (docs/ECONOMY.md)."),
    municipality: str = typer.Option(..., "--municipality", help="Kommunekoden tallene hører til, fx 766."),
    url: str = database_option(),
) -> None:
    """Indlæs arbejdsstyrketal (kommunen og sammenligningsgrupper) til udgifter pr. person i arbejdsstyrken."""
    from indsats.services.economy.labour_force import import_labour_force_file
    from indsats.services.shared.database import Database, DatabaseError
    from indsats.services.shared.errors import ServiceError

    try:
        n = import_labour_force_file(Database(url) if url else Database(), municipality, file)
    except ServiceError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    except DatabaseError as exc:
        typer.echo(f"Databasefejl: {str(getattr(exc, 'orig', exc)).splitlines()[0]}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Indlæst: {n} arbejdsstyrketal for kommune {municipality}.")
