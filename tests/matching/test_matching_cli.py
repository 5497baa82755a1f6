"""The batch command of shared/contracts/matching.md, as a municipality would run it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from indsats.cli import app

CANDIDATE = {"id": "c-17", "occupations": ["SOSU-assistent"], "occupation_uris": [],
             "skills": ["personlig pleje", "medicinhåndtering"], "education": "social- og sundhedsassistentuddannelsen",
             "driving_licence": True, "languages": ["da"], "location": {"lat": 55.68, "lon": 12.57}, "postcode": "2400",
             "max_commute_km": 30, "accommodation_needs": ["no_heavy_lifting"], "max_hours": 37,
             "weeks_unemployed": 31, "consent": True}
JOB = {"id": "j-3", "title": "Social- og sundhedsassistent til plejecenter",
       "description": "Vi søger en assistent til dag- og aftenvagter ...", "occupation_uri": None,
       "location": {"lat": 55.70, "lon": 12.52}, "postcode": "2700", "hours_per_week": 37, "kind": "ordinary",
       "requires": {"driving_licence": False, "languages": ["da"], "heavy_lifting": False, "night_work": False}}


def write(path, rows):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return str(path)


def run(*args):
    return CliRunner().invoke(app, ["match", *args, "--embedder", "hashing"])


def test_the_contract_example_gives_the_contract_shape(tmp_path):
    heavy = dict(JOB, id="j-4", requires=dict(JOB["requires"], heavy_lifting=True))
    result = run(write(tmp_path / "c.jsonl", [CANDIDATE, {"id": "c-18", "occupations": ["tømrer"], "consent": True,
                                                           "languages": ["da"], "unknown_key": 1}]),
                 write(tmp_path / "j.jsonl", [JOB, heavy]), "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [entry["job"] for entry in out] == ["j-3", "j-4"]
    first = out[0]["candidates"][0]
    assert set(first) == {"id", "score", "reasons"} and first["id"] == "c-17"
    assert "same occupation: social- og sundhedsassistent" in first["reasons"]
    assert "31 weeks unemployed" in first["reasons"]
    assert all(c["id"] != "c-17" for c in out[1]["candidates"])  # no_heavy_lifting


def test_top_limits_the_list(tmp_path):
    rows = [dict(CANDIDATE, id=f"c{i}") for i in range(12)]
    out = json.loads(run(write(tmp_path / "c.jsonl", rows), write(tmp_path / "j.jsonl", [JOB]), "--json").stdout)
    assert len(out[0]["candidates"]) == 10
    out = json.loads(run(write(tmp_path / "c.jsonl", rows), write(tmp_path / "j.jsonl", [JOB]), "--top", "3",
                         "--json").stdout)
    assert len(out[0]["candidates"]) == 3


def test_a_line_that_is_not_json_is_refused_with_its_number(tmp_path):
    result = run(write(tmp_path / "c.jsonl", [CANDIDATE, "", "{not json"]), write(tmp_path / "j.jsonl", [JOB]), "--json")
    assert result.exit_code == 2
    assert "linje 3" in result.stderr and "c.jsonl" in result.stderr


def test_a_job_without_id_is_refused_with_its_number(tmp_path):
    result = run(write(tmp_path / "c.jsonl", [CANDIDATE]), write(tmp_path / "j.jsonl", [JOB, {"title": "x"}]))
    assert result.exit_code == 2
    assert "linje 2" in result.stderr and "'id'" in result.stderr


def test_a_field_of_the_wrong_type_is_named(tmp_path):
    bad = dict(CANDIDATE, max_commute_km="langt")
    result = run(write(tmp_path / "c.jsonl", [bad]), write(tmp_path / "j.jsonl", [JOB]))
    assert result.exit_code == 2
    assert "linje 1" in result.stderr and "max_commute_km" in result.stderr


def test_the_readable_output_names_jobs_and_reasons(tmp_path):
    result = run(write(tmp_path / "c.jsonl", [CANDIDATE]), write(tmp_path / "j.jsonl", [JOB]))
    assert result.exit_code == 0
    assert "j-3" in result.stdout and "c-17" in result.stdout and "same occupation" in result.stdout
