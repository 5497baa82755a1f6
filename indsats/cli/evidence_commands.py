"""``indsats screening`` and ``indsats effects`` (contracts/effects.md)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from indsats.domain.labels import OFFER_DA, label
from indsats.services.evidence import EvidenceError, PanelError
from indsats.services.evidence import files as evidence_files

from .typer_app import app


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(2)


PANEL_HELP = "Ugepanel (CSV, Parquet eller DREAM's brede format): person_id, week, benefit, readiness, offer."


@app.command("screening")
def screening(
    panel: Path = typer.Argument(..., help=PANEL_HELP),
    persons: Path = typer.Option(..., "--persons", help="Personfil (CSV eller Parquet): person_id, birth_date."),
    as_of: str = typer.Option(..., "--as-of", help="Referenceuge YYYY-Www."),
    as_json: bool = typer.Option(False, "--json", help="Skriv JSON."),
    code_map: Path = typer.Option(None, "--code-map", help="Kodeliste til DREAM's brede format."),
) -> None:
    """Tidlig opsporing: risikoen for langtidsledighed om et år for de nyledige i referenceugen.

    En støtte til sagsbehandlerens egen vurdering — aldrig en afgørelse."""
    try:
        result = evidence_files.screening(panel, persons, as_of, code_map)
    except (PanelError, EvidenceError) as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    model = result["model"]
    auc = "–" if model["auc_in_history"] is None else f"{model['auc_in_history']:.2f}".replace(".", ",")
    table = Table(title=f"Nyledige i uge {result['as_of']}: risiko for langtidsledighed om et år "
                        f"(model trænet på {model['trained_on']} personer, AUC {auc})")
    for column in ("Person", "Sandsynlighed", "Vigtigste forhold"):
        table.add_column(column)
    for person in sorted(result["persons"], key=lambda p: -p["probability"]):
        reasons = "; ".join(f"{f['factor']}: {f['value']} ({'+' if f['effect'] >= 0 else '−'})"
                            for f in person["factors"][:3])
        table.add_row(person["person_id"], f"{person['probability'] * 100:.0f} %", reasons)
    Console().print(table)


@app.command("effects")
def effects(
    panel: Path = typer.Argument(..., help=PANEL_HELP),
    persons: Path = typer.Option(..., "--persons", help="Personfil (CSV eller Parquet): person_id, birth_date."),
    first: str = typer.Option(..., "--from", help="Første uge med tilbudsstarter, YYYY-Www."),
    last: str = typer.Option(..., "--to", help="Sidste uge med tilbudsstarter, YYYY-Www."),
    horizon: int = typer.Option(26, "--horizon", help="Uger fra start til måling af selvforsørgelse."),
    as_json: bool = typer.Option(False, "--json", help="Skriv JSON."),
    code_map: Path = typer.Option(None, "--code-map", help="Kodeliste til DREAM's brede format."),
) -> None:
    """Effekten af at starte et tilbud på selvforsørgelse, mod sammenlignelige personer uden tilbud."""
    try:
        result = evidence_files.offer_effects(panel, persons, first, last, horizon, code_map)
    except (PanelError, EvidenceError) as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Effekt på selvforsørgelse {horizon} uger efter start ({first}–{last})")
    for column in ("Tilbud", "Starter", "Effekt (pct.-point)", "95 %-interval", "Naiv forskel"):
        table.add_column(column, justify="right")

    def pp(x: float) -> str:
        return f"{x * 100:+.1f}".replace(".", ",")

    for offer, row in result["offers"].items():
        table.add_row(label(OFFER_DA, offer), str(row["starts"]), pp(row["effect"]), f"{pp(row['ci_low'])} – {pp(row['ci_high'])}",
                      pp(row["naive_effect"]))
    Console().print(table)


@app.command("screening-check")
def screening_check(
    panel: Path = typer.Argument(..., help=PANEL_HELP),
    persons: Path = typer.Option(..., "--persons", help="Personfil; kolonnerne gender og origin bruges hvis de findes."),
    as_of: list[str] = typer.Option(..., "--as-of", help="Referenceuge YYYY-Www; gentag for flere kohorter."),
    code_map: Path = typer.Option(None, "--code-map", help="Kodeliste til DREAM's brede format."),
) -> None:
    """Modelkort: screeningens træfsikkerhed (AUC) og kalibrering på senere kohorter, samlet og pr. gruppe.

    Modellen trænes kun på panelet til og med hver referenceuge; udfaldet et år senere læses af panelet."""
    try:
        result = evidence_files.screening_check(panel, persons, as_of, code_map)
    except (PanelError, EvidenceError) as exc:
        _fail(str(exc))
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


estimates_app = typer.Typer(help="Effekter: kommunens gemte effektestimater og vidensbankens tal.", no_args_is_help=True)
app.add_typer(estimates_app, name="effect-estimates")
DB_HELP = "Database-URL (standard: INDSATS_DATABASE_URL eller indsats.db)."


@estimates_app.command("refresh")
def estimates_refresh(
    municipality: str = typer.Option(..., "--municipality", help="Kommunekode, fx 250."),
    year: int = typer.Option(None, "--year", help="Starterne i dette år (standard: de seneste 52 uger med kendt udfald)."),
    database: str = typer.Option(None, "--database", help=DB_HELP),
) -> None:
    """Beregn og gem effekten af hvert tilbud pr. målgruppe fra kommunens egne data (fx hver mandag)."""
    from indsats.domain import clock
    from indsats.services.evidence.effect_estimates import refresh_effect_estimates, year_window
    from indsats.services.shared.database import Database

    from .command_helpers import migrated_url

    url = migrated_url(database)
    window = None
    if year is not None:
        window = year_window(year, clock.today())
        if window is None:
            _fail(f"--year {year}: ingen starter i året har et kendt udfald endnu.")
    try:
        found = refresh_effect_estimates(Database(url), municipality, window=window)
    except EvidenceError as exc:
        _fail(str(exc))
    overall = [e for e in found if e.target_group == "all"]
    typer.echo(f"{len(found)} effektestimater gemt for kommune {municipality}"
               + (f" (starter {found[0].first_week}–{found[0].last_week})" if found else ""))
    for e in overall:
        typer.echo(f"  {e.reading} ({e.starts} starter)")


@estimates_app.command("import-reference")
def estimates_import_reference(
    file: Path = typer.Argument(..., help="CSV: indsats;målgruppe;effekt;nedre;øvre;kilde;år (docs/EFFECTS.md)."),
    municipality: str = typer.Option(..., "--municipality", help="Kommunekode, fx 250."),
    database: str = typer.Option(None, "--database", help=DB_HELP),
) -> None:
    """Indlæs vidensbankens effekttal (jobeffekter.dk) til siden Effekter; alt eller intet, erstatter de tidligere."""
    from indsats.services.evidence.effect_references import import_reference_file
    from indsats.services.shared.database import Database
    from indsats.services.shared.errors import InvalidInput

    from .command_helpers import migrated_url

    url = migrated_url(database)
    try:
        n = import_reference_file(Database(url), municipality, file)
    except InvalidInput as exc:
        _fail(str(exc))
    typer.echo(f"{n} tal fra vidensbanken indlæst for kommune {municipality} ({file.name}).")


risk_app = typer.Typer(help="Tidlig opsporing: ugens gemte risikovurderinger.", no_args_is_help=True)
app.add_typer(risk_app, name="risk-scores")


@risk_app.command("refresh")
def risk_refresh(
    municipality: str = typer.Option(..., "--municipality", help="Kommunekode, fx 250."),
    database: str = typer.Option(None, "--database", help=DB_HELP),
) -> None:
    """Beregn og gem ugens risikovurdering af de nyledige (det gør `indsats serve` også selv hver uge)."""
    from indsats.services.evidence.risk_scores import refresh_current
    from indsats.services.shared.database import Database

    from .command_helpers import migrated_url

    week, kept, why = refresh_current(Database(migrated_url(database)), municipality)
    if not kept:
        _fail(why or "Ingen nyledige at vurdere i denne uge.")
    typer.echo(f"{kept} risikovurderinger gemt for kommune {municipality} (uge {week})")
