"""The ``indsats`` command line (Typer). Each area registers its commands from its own module.

``main`` imports only the module of the command it runs (``indsats serve`` does not import the
synthetic generator, the law tables or the KPI engine), any other use of ``app`` all of them."""

from __future__ import annotations

import importlib
import sys

from .typer_app import app as _app

#: The modules in the order of ``indsats --help``; the commands each one registers.
COMMAND_MODULES = {
    "app_commands": ("demo", "serve", "import"),
    "db_commands": ("db",),
    "economy_commands": ("economy", "labour-force"),
    "evidence_commands": ("screening", "effects", "screening-check"),
    "kpi_commands": ("report", "kpi", "comparison", "panel-export"),
    "law_commands": ("deadlines", "law"),
    "match_commands": ("match", "companies"),
    "obligation_commands": ("obligations", "measures"),
    "plan_commands": ("plan",),
    "retention_commands": ("retention",),
    "synth_commands": ("synth",),
    "user_commands": ("users",),
    "worker_commands": ("worker",),
}


def load_commands(command: str | None = None) -> None:
    """Register the module of ``command``, or every module when it is unknown or ``None``."""
    chosen = [m for m, names in COMMAND_MODULES.items() if command in names] or list(COMMAND_MODULES)
    for module in chosen:
        importlib.import_module(f"{__name__}.{module}")


def __getattr__(name: str):
    if name == "app":  # the whole command line, e.g. for tests with typer's CliRunner
        load_commands()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    from indsats.services.shared.privacy_logging import install_cpr_masking

    install_cpr_masking()
    load_commands(sys.argv[1] if len(sys.argv) > 1 else None)
    _app()
