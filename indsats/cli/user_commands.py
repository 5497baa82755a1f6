"""``indsats users add|list|disable|enable|reset-password|link-oidc`` — the municipality's own accounts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from indsats.domain.enums import Role
from indsats.domain.labels import ROLE_DA
from indsats.services.accounts.oidc_login import link_subject
from indsats.services.accounts.user_admin import add_user, list_users, reset_password, set_disabled
from indsats.services.shared.database import Database, database_url
from indsats.services.shared.errors import InvalidInput, NotFound

from .command_helpers import migrated_url
from .typer_app import app

users_app = typer.Typer(help="Brugere: opret, vis, spær og nulstil lokale konti.", no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(
    username: str = typer.Argument(..., help="Brugernavn."),
    role: Role = typer.Option(..., "--role", help="caseworker, team_leader, company_consultant, manager, citizen, company, participant (tværfaglig deltager i samlede planer)"),
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
    url = migrated_url(database)
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
        typer.echo(f"{a.username:<32} {ROLE_DA.get(a.role, a.role):<22} {a.municipality_code}  {a.display_name}  "
                   f"{a.linked_to}{'  (SPÆRRET)' if a.disabled else ''}")


def _db(database: str | None) -> Database:
    return Database(migrated_url(database))


@contextmanager
def _refused_as(refused: str) -> Iterator[None]:
    """A refusal of the account service as ``{refused}: why`` on stderr and exit code 2, no traceback."""
    try:
        yield
    except (InvalidInput, NotFound) as exc:
        typer.echo(f"{refused}: {exc}", err=True)
        raise typer.Exit(2) from None


@users_app.command("disable")
def users_disable(username: str = typer.Argument(..., help="Brugernavn."),
                  database: str = typer.Option(None, "--database", help="Database-URL.")) -> None:
    """Spær en konto: den kan ikke logge ind, og dens åbne sessioner slutter med det samme."""
    with _refused_as("Ikke spærret"):
        ended = set_disabled(_db(database), username, True)
    typer.echo(f"Spærret: {username} ({ended} åbne sessioner afsluttet).")


@users_app.command("enable")
def users_enable(username: str = typer.Argument(..., help="Brugernavn."),
                 database: str = typer.Option(None, "--database", help="Database-URL.")) -> None:
    """Genåbn en spærret konto."""
    with _refused_as("Ikke genåbnet"):
        set_disabled(_db(database), username, False)
    typer.echo(f"Genåbnet: {username}.")


@users_app.command("reset-password")
def users_reset_password(
    username: str = typer.Argument(..., help="Brugernavn."),
    password: str = typer.Option(..., "--password", prompt="Ny adgangskode", hide_input=True,
                                 confirmation_prompt=True, help="Spørges der om, hvis den ikke gives."),
    database: str = typer.Option(None, "--database", help="Database-URL."),
) -> None:
    """Giv en konto en ny adgangskode; dens sessioner slutter, og en låst konto åbnes."""
    with _refused_as("Adgangskoden er ikke ændret"):
        reset_password(_db(database), username, password)
    typer.echo(f"Ny adgangskode sat for {username}; kontoens sessioner er afsluttet.")


@users_app.command("link-oidc")
def users_link_oidc(username: str = typer.Argument(..., help="Brugernavn."),
                    subject: str = typer.Argument(None, help="OIDC-subjektet (sub) fra MitID/NemLog-in-brokeren."),
                    remove: bool = typer.Option(False, "--remove", help="Fjern koblingen i stedet."),
                    database: str = typer.Option(None, "--database", help="Database-URL.")) -> None:
    """Knyt en konto til et OpenID Connect-subjekt, så den kan logge ind med MitID / NemLog-in."""
    if not remove and not subject:
        typer.echo("Angiv subjektet, eller --remove for at fjerne koblingen.", err=True)
        raise typer.Exit(2)
    with _refused_as("Ikke knyttet"):
        link_subject(_db(database), username, None if remove else subject)
    typer.echo(f"OIDC-kobling fjernet: {username}." if remove else f"Knyttet: {username} ← OIDC-subjekt {subject}.")
