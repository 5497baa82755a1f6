"""The ``indsats`` command line (Typer). Each area registers its commands from its own module."""

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

# Each module adds its commands to `app` when imported.
from . import (  # noqa: E402,F401
    app_commands,
    db_commands,
    economy_commands,
    evidence_commands,
    kpi_commands,
    law_commands,
    match_commands,
    obligation_commands,
    plan_commands,
    retention_commands,
    synth_commands,
    user_commands,
)


def main() -> None:
    from indsats.services.shared.privacy_logging import install_cpr_masking

    install_cpr_masking()
    app()
