"""``indsats obligations refresh`` and ``indsats measures refresh`` — recompute what the pages read."""

from __future__ import annotations

import time
from datetime import date

import typer
from rich.console import Console

from indsats.domain import clock
from indsats.services.casework.obligation_store import refresh_all
from indsats.services.shared.database import Database
from indsats.services.steering.measure_store import refresh_measures

from .command_helpers import database_option, migrated_url, progress_bar, thousands
from .typer_app import app

console = Console(stderr=True)
obligations_app = typer.Typer(help="Frister: de gemte forpligtelser pr. borger.", no_args_is_help=True)
app.add_typer(obligations_app, name="obligations")


@obligations_app.command("refresh")
def obligations_refresh(
    as_of: str = typer.Option(None, "--as-of", help="Opgørelsesdato YYYY-MM-DD (standard: i dag)."),
    municipality: str = typer.Option(None, "--municipality", help="Kun denne kommunekode, fx 250."),
    database: str = database_option(),
) -> None:
    """Genberegn alle borgeres frister efter loven (efter en import, en lovændring, og hver nat)."""
    try:
        day = date.fromisoformat(as_of) if as_of else clock.today()
    except ValueError:
        raise typer.BadParameter(f"--as-of skal være en dato YYYY-MM-DD, ikke {as_of!r}") from None
    url = migrated_url(database)
    started = time.perf_counter()
    with progress_bar(console, "Frister") as step:
        citizens, rows = refresh_all(Database(url), step, as_of=day, municipality_code=municipality)
    seconds = time.perf_counter() - started
    typer.echo(f"Frister genberegnet pr. {day.isoformat()}: {thousands(citizens)} borgere, {thousands(rows)} forpligtelser "
               f"på {seconds:.1f} s")


measures_app = typer.Typer(help="Nøgletal: de gemte ugentlige nøgletal pr. kommune.", no_args_is_help=True)
app.add_typer(measures_app, name="measures")


@measures_app.command("refresh")
def measures_refresh(
    full: bool = typer.Option(False, "--full", help="Alle uger (standard: kun de uger, der kan have ændret sig)."),
    municipality: str = typer.Option(None, "--municipality", help="Kun denne kommunekode, fx 250."),
    database: str = database_option(),
) -> None:
    """Genberegn de ugentlige nøgletal til styring og ledelsesinformation (fx hver morgen kl. 06:00)."""
    url = migrated_url(database)
    started = time.perf_counter()
    written = refresh_measures(Database(url), full=full, municipality_code=municipality)
    weeks = ", ".join(f"{code}: {n} uger" for code, n in written.items()) or "ingen kommuner med borgere"
    typer.echo(f"Nøgletal genberegnet ({weeks}) på {time.perf_counter() - started:.1f} s")
