"""``indsats deadlines`` — a citizen's timeline in, legal obligations out (contracts/obligations.md)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer

from indsats.services.casework.obligations import ObligationInputError, deadlines_for_document

from . import app


@app.command("deadlines")
def deadlines(
    timeline: Path = typer.Argument(..., help="Tidslinje som JSON (ét objekt eller en liste); '-' læser standard input."),
    as_of: str = typer.Option(None, "--as-of", help="Opgørelsesdato YYYY-MM-DD (overskriver filens as_of)."),
    plan: Path = typer.Option(None, "--plan", help="Beskæftigelsesplan (YAML) med lokal kontaktrytme."),
) -> None:
    """Beregn borgerens lovpligtige frister (kontaktforløb, ret og pligt, sygeopfølgning) som JSON."""
    name = "<stdin>" if str(timeline) == "-" else str(timeline)
    try:
        if str(timeline) == "-":
            text = sys.stdin.read()
        else:
            text = timeline.read_text(encoding="utf-8")
    except OSError as exc:
        typer.echo(f"{name}: cannot read: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        typer.echo(f"{name}: line {exc.lineno}: not valid JSON: {exc.msg}", err=True)
        raise typer.Exit(2) from None
    try:
        override = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        typer.echo(f"--as-of: {as_of!r} is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(2) from None
    try:
        result = deadlines_for_document(document, as_of=override, plan_path=plan)
    except ObligationInputError as exc:
        typer.echo(f"{name}: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
