"""``indsats plan import/status/export/list``: YAML in, through approval, and out again."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from indsats.cli import app
from indsats.plan import load_plan
from tests.casework.builders import build_world

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return CliRunner().invoke(app, ["plan", *args])


def test_import_approve_and_export_round_trip(sqlite_database, tmp_path):
    build_world(sqlite_database)
    url = ["--municipality", "250", "--database", sqlite_database.url]
    result = run("import", str(ROOT / "plans" / "demo-frederikssund.yaml"), *url)
    assert result.exit_code == 0, result.output
    assert "version 1" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("municipality: {code: '250', name: X}\ntitle: T\nyear: 20\n", encoding="utf-8")
    result = run("import", str(bad), *url)
    assert result.exit_code == 2 and "line 3: year" in result.stderr
    assert run("status", "1", "approved", *url).exit_code == 2  # a draft is sent first
    assert run("status", "1", "sent", *url).exit_code == 0
    result = run("status", "1", "approved", *url)
    assert result.exit_code == 2 and "Beslutning" in result.stderr
    assert run("status", "1", "approved", "--decision", "Udvalget 2026-03-03", "--date", "2026-03-03", *url).exit_code == 0
    assert run("status", "1", "in_force", *url).exit_code == 0
    assert "I kraft" in run("list", *url).stdout
    out = tmp_path / "out.yaml"
    assert run("export", "--out", str(out), *url).exit_code == 0
    assert load_plan(out) == load_plan(ROOT / "plans" / "demo-frederikssund.yaml")
