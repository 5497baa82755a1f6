"""``indsats deadlines``: the contract command, its errors and exit status."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from indsats.cli import app

runner = CliRunner()
TIMELINE = {
    "citizen": {"id": "c-1", "birth_date": "1988-05-14"},
    "as_of": "2021-08-20",
    "events": [
        {"date": "2021-03-01", "type": "benefit_start", "benefit": "unemployment_benefit"},
        {"date": "2021-03-20", "type": "conversation"},
        {"date": "2021-04-25", "type": "conversation"},
    ],
}


def _write(tmp_path: Path, data, name: str = "timeline.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_prints_the_contract_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, TIMELINE))])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["citizen"], out["as_of"], out["regime"]) == ("c-1", "2021-08-20", "LAB 2020")
    six = next(o for o in out["obligations"] if o["rule"] == "contact.first_six_months")
    assert (six["required"], six["held"], six["deadline"], six["status"], six["source"]) == (
        4, 2, "2021-08-31", "due", "LAB § 31, stk. 1")


def test_as_of_option_overrides_the_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, TIMELINE)), "--as-of", "2021-09-01"])
    out = json.loads(result.stdout)
    assert out["as_of"] == "2021-09-01"
    assert next(o for o in out["obligations"] if o["rule"] == "contact.first_six_months")["status"] == "overdue"


def test_a_list_of_timelines_gives_a_list(tmp_path: Path) -> None:
    second = dict(TIMELINE, citizen={"id": "c-2"})
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, [TIMELINE, second]))])
    assert [r["citizen"] for r in json.loads(result.stdout)] == ["c-1", "c-2"]


def test_malformed_event_exits_2_naming_event_and_field(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(TIMELINE))
    bad["events"][1] = {"date": "2021-03-20", "type": "sick_leave_start", "category": 4}
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, bad))])
    assert result.exit_code == 2
    assert "event 2" in result.stderr and "category" in result.stderr
    assert result.stdout == ""


def test_missing_field_and_bad_date_are_named(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(TIMELINE))
    bad["events"][0] = {"date": "2021-03-01", "type": "benefit_start"}
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, bad))])
    assert result.exit_code == 2 and "event 1" in result.stderr and "'benefit'" in result.stderr
    bad["events"][0] = {"date": "2021-02-30", "type": "benefit_start", "benefit": "cash_benefit"}
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, bad))])
    assert result.exit_code == 2 and "'date'" in result.stderr


def test_unknown_event_type_and_invalid_json(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(TIMELINE))
    bad["events"].append({"date": "2021-05-01", "type": "meeting"})
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, bad))])
    assert result.exit_code == 2 and "event 4" in result.stderr and "'type'" in result.stderr
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, "{not json"))])
    assert result.exit_code == 2 and "not valid JSON" in result.stderr


def test_second_timeline_of_a_list_is_named(tmp_path: Path) -> None:
    bad = dict(TIMELINE, events=[{"date": "2021-03-01", "type": "conversation", "joint": "yes"}])
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, [TIMELINE, bad]))])
    assert result.exit_code == 2 and "timeline 2" in result.stderr and "'joint'" in result.stderr


def test_local_rhythm_from_the_plan_is_marked_local(tmp_path: Path) -> None:
    plan = Path(__file__).resolve().parents[2] / "plans" / "hedensted-2020.yaml"
    result = runner.invoke(app, ["deadlines", str(_write(tmp_path, TIMELINE)), "--as-of", "2021-12-01",
                                 "--plan", str(plan)])
    assert result.exit_code == 0, result.output
    obligations = json.loads(result.stdout)["obligations"]
    local = [o for o in obligations if o["rule"] == "local.contact_rhythm"]
    assert local and all(o["local"] is True for o in local)
    assert all(o["local"] is False for o in obligations if o["rule"] != "local.contact_rhythm")
