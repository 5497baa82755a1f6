"""The ``indsats`` command line (Typer). Each area registers its commands from its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="indsats",
    help="indsats — en kommunes beskæftigelsesindsats: plan, drift og opfølgning.",
    no_args_is_help=True,
    add_completion=False,
)

# Each module adds its commands to `app` when imported.
from . import app_commands  # noqa: E402,F401
from . import db_commands  # noqa: E402,F401
from . import kpi_commands  # noqa: E402,F401
from . import law_commands  # noqa: E402,F401
from . import match_commands  # noqa: E402,F401
from . import synth_commands  # noqa: E402,F401


def main() -> None:
    app()
