"""Where the municipality's plan files are: ``INDSATS_PLANS_DIR``, or the repository's ``plans/``."""

from __future__ import annotations

from pathlib import Path

from indsats.settings import get_settings

REPOSITORY_PLANS = Path(__file__).resolve().parents[2] / "plans"


def plans_dir() -> Path:
    return get_settings().plans_dir or REPOSITORY_PLANS


def plan_files() -> dict[str, Path]:
    """The plan YAML files by name (file stem), sorted."""
    return {p.stem: p for p in sorted(plans_dir().glob("*.yaml"))}
