"""The batch format of shared/contracts/matching.md: JSON lines in, one JSON array out.

Unknown keys are ignored and ``null`` counts as absent. A line that is not a JSON
object, lacks ``id`` or has a field of the wrong type is refused with the file name,
line number and field (``BadLine``); the CLI turns that into exit status 2.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from .profiles import Candidate, Job, Match


class BadLine(ValueError):
    def __init__(self, source: str, line: int, message: str):
        super().__init__(f"{source}, linje {line}: {message}")
        self.source, self.line = source, line


def read_candidates(path: Path) -> list[Candidate]:
    return [_candidate(obj, _Fields(str(path), n, obj)) for n, obj in _objects(path)]


def read_jobs(path: Path) -> list[Job]:
    return [_job(obj, _Fields(str(path), n, obj)) for n, obj in _objects(path)]


def results_json(results: Iterable[tuple[Job, list[Match]]]) -> list[dict[str, Any]]:
    return [{"job": job.id, "candidates": [m.as_json() for m in matches]} for job, matches in results]


def dumps(results: list[dict[str, Any]]) -> str:
    return json.dumps(results, ensure_ascii=False)


def _objects(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadLine(str(path), 0, f"filen kan ikke læses: {exc}") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadLine(str(path), number, f"ikke gyldig JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise BadLine(str(path), number, "linjen skal være et JSON-objekt")
        if obj.get("id") is None or isinstance(obj["id"], (dict, list, bool)):
            raise BadLine(str(path), number, "feltet 'id' mangler")
        yield number, obj


class _Fields:
    """Typed access to one line's fields; a wrong type names the line and the field."""

    def __init__(self, source: str, line: int, obj: dict[str, Any]):
        self.source, self.line, self.obj = source, line, obj

    def fail(self, name: str, expected: str) -> NoReturn:
        raise BadLine(self.source, self.line, f"feltet '{name}' skal være {expected}, ikke {self.obj.get(name)!r}")

    def text(self, name: str, default: str = "") -> str:
        value = self.obj.get(name)
        if value is None:
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "postcode":
            return str(value)
        return value if isinstance(value, str) else self.fail(name, "tekst")

    def texts(self, name: str) -> list[str]:
        value = self.obj.get(name)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        return self.fail(name, "en liste af tekster")

    def number(self, name: str, obj: dict[str, Any] | None = None) -> float | None:
        value = (self.obj if obj is None else obj).get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.fail(name, "et tal")
        return float(value)

    def flag(self, name: str, obj: dict[str, Any] | None = None) -> bool:
        value = (self.obj if obj is None else obj).get(name)
        if value is None:
            return False
        return value if isinstance(value, bool) else self.fail(name, "true eller false")

    def location(self) -> tuple[float | None, float | None]:
        value = self.obj.get("location")
        if value is None:
            return None, None
        if not isinstance(value, dict):
            return self.fail("location", 'et objekt {"lat": …, "lon": …}')
        lat, lon = self.number("lat", value), self.number("lon", value)
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return self.fail("location", "et punkt med lat og lon")
        return lat, lon


def _candidate(obj: dict[str, Any], f: _Fields) -> Candidate:
    lat, lon = f.location()
    weeks = f.number("weeks_unemployed")
    return Candidate(
        id=obj["id"], occupations=f.texts("occupations"), occupation_uris=f.texts("occupation_uris"),
        skills=f.texts("skills"), education=f.text("education"), driving_licence=f.flag("driving_licence"),
        languages=f.texts("languages"), lat=lat, lon=lon, postcode=f.text("postcode"),
        max_commute_km=f.number("max_commute_km"), accommodation_needs=f.texts("accommodation_needs"),
        max_hours=f.number("max_hours"), weeks_unemployed=None if weeks is None else int(weeks),
        consent=obj.get("consent") is True,
    )


def _job(obj: dict[str, Any], f: _Fields) -> Job:
    lat, lon = f.location()
    requires = obj.get("requires") or {}
    if not isinstance(requires, dict):
        f.fail("requires", "et objekt")
    languages = requires.get("languages") or []
    if isinstance(languages, str):
        languages = [languages]
    if not (isinstance(languages, list) and all(isinstance(x, str) for x in languages)):
        f.fail("requires", "et objekt hvis 'languages' er en liste af tekster")
    return Job(
        id=obj["id"], title=f.text("title"), description=f.text("description"),
        occupation_uri=f.text("occupation_uri") or None, lat=lat, lon=lon, postcode=f.text("postcode"),
        hours_per_week=f.number("hours_per_week"), kind=f.text("kind", "ordinary"),
        requires_driving_licence=f.flag("driving_licence", requires), requires_languages=languages,
        heavy_lifting=f.flag("heavy_lifting", requires), night_work=f.flag("night_work", requires),
    )
