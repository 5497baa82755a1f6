"""``indsats users add`` and ``indsats users list`` — the municipality's own accounts."""

from __future__ import annotations

import typer

from indsats.domain.enums import Role
from indsats.domain.labels import ROLE_DA
from indsats.services.accounts.user_admin import add_user, list_users
from indsats.services.shared.database import Database, database_url, upgrade
from indsats.services.shared.errors import InvalidInput

from . import app

users_app = typer.Typer(help="Brugere: opret og vis lokale konti.", no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(
    username: str = typer.Argument(..., help="Brugernavn."),
    role: Role = typer.Option(..., "--role", help="caseworker, team_leader, company_consultant, manager, citizen, company"),
    municipality: str = typer.Option(..., "--municipality", help="Kommunekode, fx 250."),
    name: str = typer.Option("", "--name", help="Visningsnavn."),
    caseworker_id: int = typer.Option(None, "--caseworker-id", help="Sagsbehandleren brugeren er (sagsbehandler, teamleder)."),
    citizen_id: int = typer.Option(None, "--citizen-id", help="Borgeren (borgerbruger)."),
    company_cvr: str = typer.Option(None, "--company-cvr", help="Virksomheden (virksomhedsbruger)."),
    password: str = typer.Option(..., "--password", prompt="Adgangskode", hide_input=True, confirmation_prompt=True,
                                 help="Spørges der om, hvis den ikke gives."),
    database: str = typer.Option(None, "--database", help="Database-URL."),
) -> None:
    """Opret en lokal bruger (adgangskoden gemmes som Argon2-hash)."""
    url = database or database_url()
    upgrade(url)
    try:
        add_user(Database(url), username=username, password=password, role=role, municipality_code=municipality,
                 display_name=name, caseworker_id=caseworker_id, citizen_id=citizen_id, company_cvr=company_cvr)
    except InvalidInput as exc:
        typer.echo(f"Brugeren er ikke oprettet: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Oprettet: {username} ({ROLE_DA.get(role, role)}, kommune {municipality}).")


@users_app.command("list")
def users_list(municipality: str = typer.Option(None, "--municipality"),
               database: str = typer.Option(None, "--database", help="Database-URL.")) -> None:
    """Vis brugerne (uden adgangskoder)."""
    for a in list_users(Database(database or database_url()), municipality):
        typer.echo(f"{a.username:<32} {ROLE_DA.get(a.role, a.role):<22} {a.municipality_code}  {a.display_name}  {a.linked_to}")
