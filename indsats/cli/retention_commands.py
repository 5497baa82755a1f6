"""``indsats retention apply`` — delete what has passed its period under the dated retention rules."""

from __future__ import annotations

from datetime import date

import typer
from rich.console import Console

from indsats.services.accounts.retention import apply_retention
from indsats.services.shared.database import Database

from . import app
from .command_helpers import database_option, migrated_url, progress_bar

console = Console(stderr=True)
retention_app = typer.Typer(help="Sletning: opbevaringsregler med retskilde og jobbet, der anvender dem.",
                            no_args_is_help=True)
app.add_typer(retention_app, name="retention")


@retention_app.command("apply")
def retention_apply(
    dry_run: bool = typer.Option(False, "--dry-run", help="Tæl kun, hvad der ville blive slettet."),
    as_of: str = typer.Option(None, "--as-of", help="Opgørelsesdato åååå-mm-dd (standard: i dag)."),
    database: str = database_option(),
) -> None:
    """Slet det, hvis opbevaringsperiode er udløbet (fx hver nat); kategorier til manuel vurdering røres ikke."""
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        typer.echo(f"--as-of: {as_of!r} er ikke en dato (åååå-mm-dd).", err=True)
        raise typer.Exit(2) from None
    url = migrated_url(database)
    with progress_bar(console, "Sletter", transient=True, describe=lambda label: f"Sletter {label.lower()}") as step:
        report = apply_retention(Database(url), day, dry_run=dry_run, progress=step)
    typer.echo(f"Opbevaringsregler pr. {report.as_of.isoformat()}{' (prøvekørsel: intet slettet)' if dry_run else ''}:")
    for c in report.categories:
        if c.action == "delete":
            done = f"{c.expired} udløbet" if dry_run else f"{c.deleted} slettet"
            typer.echo(f"  {c.label}: {done} (opbevares {c.keep_days} dag(e); {c.source[:80]}…)")
        else:
            typer.echo(f"  {c.label}: manuel vurdering — {c.reason}")
