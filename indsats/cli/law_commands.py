"""``indsats deadlines`` — a citizen's timeline in, legal obligations out (contracts/obligations.md);
``indsats law changes`` — the dated changes of the law in a span, with sources."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer

from indsats.services.casework.law_changes import dated_changes
from indsats.services.casework.obligations import ObligationInputError, deadlines_for_document

from .typer_app import app


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


law_app = typer.Typer(help="Lovgrundlaget: datoerne hvor reglerne ændres, med kilder.", no_args_is_help=True)
app.add_typer(law_app, name="law")


def _day(raw: str, option: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        typer.echo(f"{option}: {raw!r} er ikke en dato (ÅÅÅÅ-MM-DD)", err=True)
        raise typer.Exit(2) from None


@law_app.command("changes")
def changes(
    first: str = typer.Option(..., "--from", help="Første dato (ÅÅÅÅ-MM-DD)."),
    last: str = typer.Option(..., "--to", help="Sidste dato (ÅÅÅÅ-MM-DD), medregnet."),
    as_json: bool = typer.Option(False, "--json", help="Skriv ændringerne som JSON."),
) -> None:
    """Vis de daterede lovændringer i perioden: nye regelsæt og parametre med beskrivelse og kilde."""
    start, end = _day(first, "--from"), _day(last, "--to")
    if end < start:
        typer.echo(f"--to ({end.isoformat()}) ligger før --from ({start.isoformat()})", err=True)
        raise typer.Exit(2)
    found = dated_changes(start, end)
    if as_json:
        typer.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo(f"Ingen lovændringer fra {start.isoformat()} til {end.isoformat()}.")
        return
    for change in found:
        typer.echo(f"{change.day.isoformat()}  {change.kind}: {change.name}")
        typer.echo(f"    {change.description}")
        typer.echo(f"    Kilde: {change.source} [{change.confidence}]")
    regimes = sum(1 for c in found if c.kind == "regelsæt")
    typer.echo(f"{len(found)} ændringer ({regimes} regelsæt, {len(found) - regimes} parametre).")
