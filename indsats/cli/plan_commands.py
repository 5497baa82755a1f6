"""``indsats plan``: the employment plan in the system — import and export YAML, list versions, change status."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from .typer_app import app

plan_app = typer.Typer(help="Beskæftigelsesplanen i systemet: versioner, status, YAML ind og ud.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")

DB_HELP = "Database-URL (standard: INDSATS_DATABASE_URL eller indsats.db)."


def _run(fn):
    from indsats.services.shared.database import DatabaseError
    from indsats.services.shared.errors import ServiceError
    from indsats.services.steering.plan_versions import PlanError

    try:
        return fn()
    except (ServiceError, PlanError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    except DatabaseError as exc:
        typer.echo(f"Databasefejl: {str(getattr(exc, 'orig', exc)).splitlines()[0]}", err=True)
        raise typer.Exit(2) from None


def _db(url: str | None):
    from indsats.services.shared.database import Database

    return Database(url) if url else Database()


@plan_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="Planens YAML (docs/PLAN.md)."),
    municipality: str = typer.Option(..., "--municipality", help="Kommunekoden, fx 250."),
    url: str = typer.Option(None, "--database", help=DB_HELP),
) -> None:
    """Valider en plan-YAML og gem den som en ny kladde."""
    from indsats.services.steering import plan_versions

    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        typer.echo(f"{file}: kan ikke læses: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    vid = _run(lambda: plan_versions.import_yaml(_db(url), municipality, text, str(file), "cli"))
    number = _run(lambda: plan_versions.get_version(_db(url), municipality, vid).number)
    typer.echo(f"Indlæst som kladde: version {number} for kommune {municipality}.")


@plan_app.command("export")
def export_command(
    municipality: str = typer.Option(..., "--municipality", help="Kommunekoden, fx 250."),
    version: int = typer.Option(None, "--version", help="Versionsnummer (standard: planen i kraft, ellers den nyeste)."),
    out: Path = typer.Option(None, "--out", help="Fil at skrive (standard: skærmen)."),
    url: str = typer.Option(None, "--database", help=DB_HELP),
) -> None:
    """Skriv en planversion som YAML."""
    from indsats.services.steering import plan_versions

    db = _db(url)
    text = _run(lambda: plan_versions.export_yaml(plan_versions.get_version(
        db, municipality, plan_versions.version_id(db, municipality, version)).plan))
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"Skrevet: {out}")


@plan_app.command("list")
def list_command(municipality: str = typer.Option(..., "--municipality"),
                 url: str = typer.Option(None, "--database", help=DB_HELP)) -> None:
    """Planversionerne med status."""
    from indsats.services.steering import plan_versions

    for v in _run(lambda: plan_versions.list_versions(_db(url), municipality)):
        decided = f", godkendt {v['decided_on']}" if v["decided_on"] else ""
        typer.echo(f"version {v['number']}: {v['title']} ({v['year']}) — {v['status_da']}{decided}")


@plan_app.command("status")
def status_command(
    version: int = typer.Argument(..., help="Versionsnummer."),
    status: str = typer.Argument(..., help="sent | approved | in_force | draft"),
    municipality: str = typer.Option(..., "--municipality"),
    on: str = typer.Option(None, "--date", help="Dato (åååå-mm-dd; standard: i dag)."),
    decision: str = typer.Option("", "--decision", help="Beslutningen (kræves ved godkendelse)."),
    url: str = typer.Option(None, "--database", help=DB_HELP),
) -> None:
    """Flyt en version: kladde → sendt til udvalget → godkendt → i kraft."""
    from indsats.domain.enums import Role
    from indsats.domain.models import User
    from indsats.services.steering import plan_versions

    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        typer.echo(f"--date skal være en dato (åååå-mm-dd), ikke {on!r}.", err=True)
        raise typer.Exit(2) from None
    if status not in plan_versions.STATUS_DA:
        typer.echo(f"Ukendt status {status!r}; brug sent, approved, in_force eller draft.", err=True)
        raise typer.Exit(2)
    db = _db(url)
    user = User(id=None, username="cli", role=Role.MANAGER, municipality_code=municipality)
    _run(lambda: plan_versions.set_status(db, user, plan_versions.version_id(db, municipality, version), status,
                                          day, decision))
    typer.echo(f"Version {version}: {plan_versions.STATUS_DA[status].lower()}.")
