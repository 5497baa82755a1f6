"""Where the municipality's plan files are: ``INDSATS_PLANS_DIR``, or the repository's ``plans/``."""

from __future__ import annotations

from pathlib import Path

from indsats.settings import get_settings

REPOSITORY_PLANS = Path(__file__).resolve().parents[2] / "plans"


def plans_dir() -> Path:
    return get_settings().plans_dir or REPOSITORY_PLANS


_LISTED: dict[tuple[str, int], dict[str, Path]] = {}


def plan_files() -> dict[str, Path]:
    """The plan YAML files by name (file stem), sorted. Listed again only when the directory changed
    (a file added, removed or renamed changes its modification time): pages ask on every request."""
    directory = plans_dir()
    try:
        key = (str(directory), directory.stat().st_mtime_ns)
    except OSError:
        return {}
    found = _LISTED.get(key)
    if found is None:
        if len(_LISTED) > 16:
            _LISTED.clear()
        found = _LISTED[key] = {p.stem: p for p in sorted(directory.glob("*.yaml"))}
    return dict(found)
