"""``indsats synth`` — build a synthetic municipality (or two) into the database."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import typer
from rich.console import Console

from indsats.domain import clock
from indsats.services.demo.synthetic import (
    DEFAULT_MUNICIPALITIES,
    SynthWriteError,
    build_synthetic,
    known_municipalities,
)
from indsats.services.shared.database import Database

from .command_helpers import database_option, migrated_url, progress_bar, thousands
from .typer_app import app

console = Console(stderr=True)


def _parse_date(value: str | None) -> date:
    if value is None:
        return clock.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"--as-of skal være en dato YYYY-MM-DD, ikke {value!r}") from None


@app.command("synth")
def synth(
    citizens: int = typer.Option(None, "--citizens", min=1,
                                 help="Antal borgere i alt (standard: kalibreret til Frederikssund + Hedensted)."),
    seed: int = typer.Option(1, "--seed", help="Frø: samme frø giver samme data."),
    municipality: list[str] = typer.Option(None, "--municipality",
                                           help="Kommunekode, fx 250 (Frederikssund) eller 766 (Hedensted); "
                                                "kan gentages. Standard: begge."),
    as_of: str = typer.Option(None, "--as-of", help="Opgørelsesdato YYYY-MM-DD (standard: i dag)."),
    database: str = database_option(),
    workers: int = typer.Option(None, "--workers", min=1, help="Processer til generering (standard: 1)."),
    panel: Path = typer.Option(None, "--panel", help="Skriv også ugepanel og personer som CSV i denne mappe "
                                                      "(og kalibreringstal), se docs/SYNTH.md."),
) -> None:
    """Byg en syntetisk kommune (borgere, forløb, samtaler, tilbud, virksomheder) i databasen."""
    codes = tuple(municipality) if municipality else DEFAULT_MUNICIPALITIES
    names = known_municipalities()
    unknown = [c for c in codes if c not in names]
    if unknown:
        known = ", ".join(f"{code} ({name})" for code, name in names.items())
        console.print(f"[red]Ukendt kommunekode {unknown[0]!r}[/red]; kendte koder: {known}")
        raise typer.Exit(2)
    day = _parse_date(as_of)
    url = migrated_url(database)
    db = Database(url)
    started = time.perf_counter()
    try:
        with progress_bar(console, "Borgere", describe=lambda name: f"Borgere ({name})") as step:
            count, rows = build_synthetic(db, seed=seed, as_of=day, codes=codes, citizens=citizens,
                                          workers=workers, progress=step, panel=panel)
    except (SynthWriteError, ValueError) as exc:
        console.print(f"[red]Fejl:[/red] {exc}")
        raise typer.Exit(2) from None
    seconds = time.perf_counter() - started
    built = ", ".join(f"{names[c]} ({c})" for c in codes)
    typer.echo(f"Syntetiske data bygget: {thousands(count)} borgere, {thousands(rows)} rækker i {built} "
               f"pr. {day.isoformat()} på {seconds:.1f} s → {url}")

