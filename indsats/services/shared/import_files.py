"""Reading an import file (CSV or JSON) with the line numbers its errors must name."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from indsats.services.shared.errors import InvalidInput


def read_json(path: Path, refused: type[InvalidInput]) -> Any:
    """The parsed document; ``refused`` (the importer's error) names the file and line otherwise."""
    if not path.exists():
        raise refused(f"{path}: filen findes ikke")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise refused(f"{path.name}, linje {exc.lineno}: ugyldig JSON ({exc.msg})") from exc


def read_csv(path: Path, refused: type[InvalidInput]) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and each row with its line in the file; UTF-8 (BOM allowed), ';' or ',' as found."""
    if not path.exists():
        raise refused(f"{path}: filen findes ikke")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        reader = csv.DictReader(handle, delimiter=";" if sample.count(";") > sample.count(",") else ",")
        rows = [(reader.line_num, row) for row in reader]
        return [f.strip() for f in reader.fieldnames or []], rows
