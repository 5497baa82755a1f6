"""``indsats kpi`` (contracts/kpis.md), ``panel-export``, ``report result-review`` and ``comparison``."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from indsats.domain import clock
from indsats.services.shared.database import Database, DatabaseError
from indsats.services.steering import kpi_files
from indsats.services.steering.kpi_files import JobindsatsError, PanelError, PlanError

from .typer_app import app

report_app = typer.Typer(help="Rapporter: resultatrevision som HTML og PDF.", no_args_is_help=True)
app.add_typer(report_app, name="report")


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(2)


def _db_error(exc: Exception) -> None:
    detail = str(getattr(exc, "orig", exc)).splitlines()[0]
    _fail(f"Databasefejl: {detail}. Er databasen bygget med denne version (indsats db upgrade)?")


def _print_stats(started: float) -> None:
    import time

    peak = next((int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")), 0)
    typer.echo(f"tid {time.perf_counter() - started:.1f} s, højeste hukommelse (VmHWM) {peak / 1024:.0f} MB", err=True)


@app.command("kpi")
def kpi(
    panel: Path = typer.Argument(..., help="Ugepanel (CSV eller Parquet): person_id, week, benefit, readiness, offer."),
    persons: Path = typer.Option(None, "--persons", help="Personfil (CSV eller Parquet): person_id, birth_date."),
    as_of: str = typer.Option(None, "--as-of", help="Referenceuge YYYY-Www."),
    series: tuple[str, str] | None = typer.Option(None, "--series", help="To ISO-uger FROM TO: en tidsserie."),
    as_json: bool = typer.Option(False, "--json", help="Skriv JSON (altid for --series)."),
    code_map: Path = typer.Option(None, "--code-map", help="Kodeliste til DREAM's brede format (code,benefit,readiness,offer)."),
    memory_limit: str = typer.Option(None, "--memory-limit",
                                     help="DuckDB's hukommelsesgrænse, fx 4GB; resten skrives til --temp-dir."),
    temp_dir: Path = typer.Option(None, "--temp-dir", help="Mappe DuckDB må skrive mellemresultater i (out of core)."),
    stats: bool = typer.Option(False, "--stats", help="Skriv tid og højeste hukommelsesforbrug på stderr."),
) -> None:
    """Nøgletal fra ugepanelet ved en referenceuge eller som ugentlig tidsserie."""
    import os
    import time

    started = time.perf_counter()
    if memory_limit:
        os.environ["INDSATS_DUCKDB_MEMORY_LIMIT"] = memory_limit
    if temp_dir:
        temp_dir.mkdir(parents=True, exist_ok=True)
        os.environ["INDSATS_DUCKDB_TEMP_DIR"] = str(temp_dir)
    if stats:
        import atexit

        atexit.register(_print_stats, started)
    first, last = series if series else (None, None)
    if first is None and as_of is None:
        _fail("Angiv --as-of YYYY-Www eller --series FROM TO.")
    try:
        if first is not None:
            result = kpi_files.series(panel, persons, first, last, code_map)
        else:
            obj = kpi_files.kpi(panel, persons, as_of, code_map)
    except (PanelError, ValueError) as exc:
        _fail(str(exc))
    if first is not None:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    if as_json:
        typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Nøgletal, uge {obj['week']}")
    table.add_column("Mål")
    table.add_column("Værdi", justify="right")
    for key, value in obj.items():
        if key in ("week", "by_benefit"):
            continue
        label = kpi_files.measure_label(key)
        table.add_row(label, "–" if value is None else str(value).replace(".", ","))
    Console().print(table)


@report_app.command("result-review")
def result_review(
    plan: Path = typer.Option(..., "--plan", help="Beskæftigelsesplanen (YAML)."),
    year: int = typer.Option(..., "--year", help="Året der gøres status for."),
    out: Path = typer.Option(..., "--out", help="Outputfil; .html og .pdf skrives begge."),
    panel: Path = typer.Option(None, "--panel", help="Ugepanel i stedet for databasens egne data."),
    persons: Path = typer.Option(None, "--persons", help="Personfil til panelet."),
    comparison: Path = typer.Option(None, "--comparison", help="Sammenligningstal (jobindsats JSON-eksport)."),
    comparison_measure: str = typer.Option(None, "--comparison-measure", help="Målepunktet tallene i --comparison er."),
    scenario: list[int] = typer.Option(None, "--scenario", help="Id på et gemt scenarie (Økonomi → Hvad nu hvis), "
                                                                 "der vises ved siden af basis; kan gentages."),
) -> None:
    """Resultatrevision: mål, udgangspunkt, resultat, målopfyldelse og sammenligning."""
    from indsats.services.shared.errors import ServiceError
    from indsats.services.steering.goals import ReviewInputError
    from indsats.services.steering.result_review import write_result_review

    try:
        written = write_result_review(plan, year, out, panel=panel, persons=persons, comparison=comparison,
                                      comparison_measure=comparison_measure, scenario_ids=tuple(scenario or ()))
    except (PlanError, PanelError, ReviewInputError, JobindsatsError, ValueError, ServiceError) as exc:
        _fail(str(exc))
    except DatabaseError as exc:
        _db_error(exc)
    for path in written:
        typer.echo(f"Skrevet: {path}")


comparison_app = typer.Typer(help="Sammenligningstal: jobindsats-eksporter og demoens klynge.", no_args_is_help=True)
app.add_typer(comparison_app, name="comparison")


def _database(url: str | None) -> Database:
    return Database(url) if url else Database()


@comparison_app.command("import")
def comparison_import(
    export: Path = typer.Argument(..., help="JSON fra jobindsats.dk's API (v2/data)."),
    measure: str = typer.Option(..., "--measure", help="Målepunktet tallene er, fx long_term_unemployed."),
    municipality: str = typer.Option(..., "--municipality", help="Kommunekoden tallene sammenlignes for."),
    area: str = typer.Option(None, "--area", help="Navngiv området, fx som planens klynge ('Klynge 3')."),
    url: str = typer.Option(None, "--database", help="Database-URL (standard: INDSATS_DATABASE_URL eller indsats.db)."),
) -> None:
    """Indlæs officielle sammenligningstal fra jobindsats.dk: alt eller intet."""
    from indsats.services.shared.errors import ServiceError
    from indsats.services.steering.comparison import import_jobindsats

    try:
        n = import_jobindsats(_database(url), municipality, export, measure, area)
    except (JobindsatsError, ServiceError) as exc:
        _fail(str(exc))
    except DatabaseError as exc:
        _db_error(exc)
    typer.echo(f"Indlæst: {n} sammenligningstal ({measure}) for kommune {municipality}.")


@comparison_app.command("demo")
def comparison_demo(
    plan: Path = typer.Option(..., "--plan", help="Planen hvis sammenligningsgrupper skal have tal."),
    municipality: str = typer.Option(None, "--municipality", help="Kommunekode (standard: planens)."),
    members: int = typer.Option(4, "--members", min=1, help="Antal syntetiske kommuner i klyngen."),
    citizens: int = typer.Option(None, "--citizens", min=50, help="Borgere pr. syntetisk kommune (standard: som kommunen)."),
    as_of: str = typer.Option(None, "--as-of", help="Opgørelsesdato YYYY-MM-DD (standard: i dag)."),
    url: str = typer.Option(None, "--database", help="Database-URL (standard: INDSATS_DATABASE_URL eller indsats.db)."),
) -> None:
    """Demo: syntetisér en klynge af sammenlignelige kommuner og gem deres nøgletal."""
    from datetime import date

    from indsats.services.steering.comparison import synthesize_cluster
    from indsats.services.steering.goals import load_plan

    try:
        the_plan = load_plan(plan)
        day = date.fromisoformat(as_of) if as_of else clock.today()
    except (PlanError, ValueError) as exc:
        _fail(str(exc))
    try:
        n = synthesize_cluster(_database(url), municipality or the_plan.municipality.code, the_plan, day, members,
                               citizens)
    except DatabaseError as exc:
        _db_error(exc)
    typer.echo(f"Gemt: {n} sammenligningstal for {members} syntetiske kommuner.")


@app.command("panel-export")
def panel_export(
    out: Path = typer.Argument(..., help="Panelfil (.parquet eller .csv); personfilen skrives ved siden af."),
    municipality: str = typer.Option(..., "--municipality", help="Kommunekode, fx 250."),
    first: str = typer.Option(..., "--from", help="Første dag YYYY-MM-DD."),
    last: str = typer.Option(None, "--to", help="Sidste dag YYYY-MM-DD (standard: i dag)."),
    url: str = typer.Option(None, "--database", help="Database-URL (standard: INDSATS_DATABASE_URL eller indsats.db)."),
) -> None:
    """Eksportér ugepanelet (kontrakten i kpis.md) fra databasens ydelsesforløb og tilbud."""
    from datetime import date

    from indsats.services.steering.panel_export import write_panel

    try:
        start = date.fromisoformat(first)
        end = date.fromisoformat(last) if last else clock.today()
    except ValueError as exc:
        _fail(f"--from/--to: {exc}")
    if end < start:
        _fail("--to ligger før --from")
    try:
        panel_path, persons_path = write_panel(_database(url), municipality, start, end, out)
    except DatabaseError as exc:
        _db_error(exc)
    typer.echo(f"Skrevet: {panel_path} og {persons_path}")
