"""``indsats db upgrade`` — bring the database schema up to date."""

from __future__ import annotations

import typer

from indsats.services.shared.database import database_url, upgrade

from .typer_app import app

db_app = typer.Typer(help="Databasen: migreringer.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(
    url: str = typer.Option(None, "--url", help="Database-URL (standard: INDSATS_DATABASE_URL eller indsats.db)."),
) -> None:
    """Opdater databasens skema til nyeste version (Alembic)."""
    target = url or database_url()
    upgrade(target)
    typer.echo(f"Databasen er opdateret: {target}")
