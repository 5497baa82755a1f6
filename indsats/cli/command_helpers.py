"""What several commands share: the ``--database`` option, a migrated database URL, a progress bar, Danish numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

DATABASE_HELP = "Database-URL (standard: INDSATS_DATABASE_URL eller indsats.db)."


def database_option() -> Any:
    """``--database``: the URL, else INDSATS_DATABASE_URL, else indsats.db."""
    return typer.Option(None, "--database", help=DATABASE_HELP)


def migrated_url(database: str | None) -> str:
    """The URL given, else the configured one, with the migrations applied."""
    from indsats.services.shared.database import (  # not at import: ``--help`` stays light
        database_url,
        upgrade,
    )

    url = database or database_url()
    upgrade(url)
    return url


#: A stage's progress as the services report it: the stage's name, done so far, of how many.
ProgressStep = Callable[[str, int, int], None]


@contextmanager
def progress_bar(console: Console, description: str, *, transient: bool = False,
                 describe: Callable[[str], str] | None = None) -> Iterator[ProgressStep]:
    """A bar on ``console`` with done/total and the time taken; ``describe`` names the bar after each stage."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=transient) as bar:
        task = bar.add_task(description, total=None)

        def step(stage: str, done: int, total: int) -> None:
            if describe is None:
                bar.update(task, completed=done, total=total)
            else:
                bar.update(task, description=describe(stage), completed=done, total=total)

        yield step


def thousands(value: int) -> str:
    """A whole number with the Danish thousands separator: 12.345."""
    return f"{value:,}".replace(",", ".")
