"""The one Typer app every ``*_commands`` module adds its commands to (``indsats.cli`` loads them)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="indsats",
    help="indsats — en kommunes beskæftigelsesindsats: plan, drift og opfølgning.",
    no_args_is_help=True,
    add_completion=False,
    # A traceback's local variables would print rows of personal data (CPR numbers) to the terminal.
    pretty_exceptions_show_locals=False,
)


@app.callback()
def _commands() -> None:
    # A group even when ``main`` has registered one command only: ``indsats synth ...`` keeps its name.
    pass
