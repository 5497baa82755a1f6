"""The plan in the system: versions, status, difference, YAML in and out, editing with Danish messages,
the plan in force on the dashboard and the review's draft of next year's plan."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.plan import PlanError, load_plan
from indsats.services.shared.errors import Conflict, InvalidInput
from indsats.services.steering import plan_forms, plan_versions
from indsats.services.steering.plan_cycle import next_plan
from indsats.web.app import create_app
from tests.casework.builders import build_world
from tests.steering.test_dashboard_and_review import login

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "plans" / "demo-frederikssund.yaml"
MANAGER = User(id=None, username="leder250", role=Role.MANAGER, municipality_code="250")


def csrf(client, path):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def test_versions_move_through_status_and_the_one_in_force_is_replaced(database):
    build_world(database)
    text = DEMO.read_text(encoding="utf-8")
    first = plan_versions.import_yaml(database, "250", text, "demo.yaml", "leder250")
    assert plan_versions.plan_in_force(database, "250") is None
    with pytest.raises(Conflict):
        plan_versions.set_status(database, MANAGER, first, "in_force")
    plan_versions.set_status(database, MANAGER, first, "sent", date(2026, 2, 1))
    with pytest.raises(InvalidInput, match="Beslutning"):
        plan_versions.set_status(database, MANAGER, first, "approved", date(2026, 2, 20), "")
    plan_versions.set_status(database, MANAGER, first, "approved", date(2026, 2, 20), "Udvalget, pkt. 4")
    plan_versions.set_status(database, MANAGER, first, "in_force", date(2026, 3, 1))
    version = plan_versions.get_version(database, "250", first)
    assert (version.status, version.decided_on, version.decision) == ("in_force", date(2026, 2, 20), "Udvalget, pkt. 4")
    assert [h["status_da"] for h in version.history] == ["Kladde", "Sendt til udvalget", "Godkendt", "I kraft"]
    second = plan_versions.copy_as_draft(database, MANAGER, first)
    for status in ("sent", "approved", "in_force"):
        plan_versions.set_status(database, MANAGER, second, status, date(2026, 6, 1), "Ny beslutning")
    assert plan_versions.get_version(database, "250", first).status == "replaced"
    assert plan_versions.plan_in_force(database, "250")[0] == second
    with pytest.raises(Conflict):
        plan_versions.save_draft(database, MANAGER, second, version.plan)


def test_import_refuses_bad_yaml_naming_line_and_field_and_export_round_trips(database):
    build_world(database)
    bad = DEMO.read_text(encoding="utf-8").replace("bound: at_most", "bound: hoejst", 1)
    with pytest.raises(PlanError, match=r"line \d+: result_goals\[\d\]\.target\.bound"):
        plan_versions.import_yaml(database, "250", bad, "demo.yaml")
    with pytest.raises(InvalidInput, match="kommune 270"):
        plan_versions.import_yaml(database, "250", (ROOT / "plans" / "gribskov-2015.yaml").read_text(), "g.yaml")
    plan = load_plan(DEMO)
    assert load_plan_text(plan_versions.export_yaml(plan)) == plan


def load_plan_text(text):
    from indsats.plan import parse_plan

    return parse_plan(text)


def test_difference_lists_changed_fields():
    old = load_plan(DEMO)
    values = plan_forms.form_values(old)
    group = old.strategies[0].target_group
    values |= {"vision": "Flere i job", "goal-0-target_change": "-12",
               f"palette-{group}": "Løntilskud\nVirksomhedspraktik: 13 uger"}
    new, errors = plan_forms.apply_form(old, values)
    assert errors == {}
    fields = {c["field"]: c for c in plan_versions.difference(old, new)}
    assert fields["vision"]["after"] == "Flere i job"
    assert fields[f"result_goals[{old.result_goals[0].id}].target.relative_change"]["after"] == -0.12
    assert fields[f"strategies[{group}].offer_palette"]["after"] == "wage_subsidy → company_internship"


def test_form_errors_are_danish_and_name_the_field():
    plan = load_plan(DEMO)
    values = plan_forms.form_values(plan) | {"goal-0-target_change": "ti", "goal-1-deadline": "31-12-2026",
                                             "year": "20x6"}
    group = plan.strategies[0].target_group
    values[f"palette-{group}"] = "Virksomhedspraktik\nSvømmehal"
    new, errors = plan_forms.apply_form(plan, values)
    assert new is None
    assert "skal være et tal" in errors["goal-0-target_change"]
    assert "skal være en dato" in errors["goal-1-deadline"]
    assert "linje 2: ukendt tilbud 'Svømmehal'" in errors[f"palette-{group}"]
    assert "årstal" in errors["year"]


def test_next_plan_takes_the_years_actuals_as_baselines():
    plan = load_plan(DEMO)
    goal = plan.result_goals[0]
    draft = next_plan(plan, 2026, {goal.id: 321.0}, date(2026, 12, 31))
    assert draft.year == 2027
    assert draft.result_goals[0].baseline.value == 321.0 and draft.result_goals[0].baseline.date == date(2026, 12, 31)
    assert draft.result_goals[0].deadline > date(2026, 12, 31)


def test_manager_writes_approves_and_the_dashboard_uses_the_plan_in_force(database):
    build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "leder250")
        token = csrf(client, "/plan")
        page = client.post("/plan/ny", data={"csrf_token": token})
        assert page.status_code == 200 and "Kladde" in page.text
        vid = int(re.search(r"/plan/(\d+)/ret", page.text).group(1))
        form = plan_forms.form_values(load_plan(DEMO))
        bad = client.post(f"/plan/{vid}/ret", data=form | {"csrf_token": token, "goal-0-target_value": "mange",
                                                            "goal-0-target_change": "", "vision": "Min vision"})
        assert bad.status_code == 422 and "skal være et tal" in bad.text
        assert 'value="mange"' in bad.text and "Min vision" in bad.text  # the input is kept
        ok = client.post(f"/plan/{vid}/ret", data=form | {"csrf_token": token, "title": "Beskæftigelsesplan 2026 v2",
                                                           "vision": "Alle skal med"})
        assert ok.status_code == 200 and "Alle skal med" in ok.text
        for status, extra in (("sent", {}), ("approved", {"decision": "Udvalget 3. marts"}), ("in_force", {})):
            r = client.post(f"/plan/{vid}/status", data={"csrf_token": token, "status": status, "on": "2026-03-03"} | extra)
            assert r.status_code == 200
        assert "I kraft" in r.text and "Udvalget 3. marts" in r.text
        assert client.post(f"/plan/{vid}/ret", data=form | {"csrf_token": token}).status_code == 409
        dash = client.get("/styring", params={"as_of": "2026-11-20"})
        assert dash.status_code == 200 and "Beskæftigelsesplan 2026 v2" in dash.text
        assert "vision: Alle skal med" in client.get(f"/plan/{vid}/yaml").text
        draft = client.post("/plan/fra-resultatrevision", data={"csrf_token": token, "year": "2026"})
        assert draft.status_code == 200 and "Resultatrevision 2026" in draft.text
        new_id = int(re.search(r"/plan/(\d+)/ret", draft.text).group(1))
        diff = client.get("/plan/forskel", params={"a": vid, "b": new_id})
        assert "year" in diff.text and "2027" in diff.text
        bad_yaml = client.post("/plan/import", data={"csrf_token": token, "yaml_text": "municipality: 3"})
        assert bad_yaml.status_code == 422 and "kan ikke indlæses" in bad_yaml.text
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "teamleder250")
        assert client.get(f"/plan/{vid}").status_code == 200
        assert client.get(f"/plan/{vid}/ret").status_code == 403


def test_priority_groups_and_response_days_are_edited():
    plan = load_plan(DEMO)
    values = plan_forms.form_values(plan)
    group = plan.strategies[0].target_group
    assert values.get(f"priority-{group}") == "on"
    values.pop(f"priority-{group}")
    new, errors = plan_forms.apply_form(plan, values | {"response_days": "3"})
    assert errors == {} and not new.strategies[0].priority and new.company_entry.response_days == 3
    _, errors = plan_forms.apply_form(plan, values | {"response_days": "to"})
    assert "arbejdsdage" in errors["response_days"]


def test_minister_goals_contact_rhythm_production_targets_and_the_youth_rule_are_edited_in_the_form():
    plan = load_plan(DEMO)
    values = plan_forms.form_values(plan)
    assert values["mgoal-0-title"] == plan.minister_goals[0].title
    n_goals, n_rhythm = len(plan.minister_goals), len(plan.contact_rhythm)
    values |= {f"mgoal-{n_goals}-title": "Flere i job via virksomhederne",
               f"rhythm-{n_rhythm}-label": "Aktivitetsparate unge", f"rhythm-{n_rhythm}-benefits": "Kontanthjælp",
               f"rhythm-{n_rhythm}-readiness": "activity_ready", f"rhythm-{n_rhythm}-interval_days": "60",
               f"target-{len(plan.production_targets)}-name": "Mette Sørensen",
               f"target-{len(plan.production_targets)}-level": "caseworker",
               f"target-{len(plan.production_targets)}-conversations": "22",
               f"target-{len(plan.production_targets)}-company_share": "55", "youth-before": "7", "youth-after": "21"}
    new, errors = plan_forms.apply_form(plan, values)
    assert errors == {}
    assert new.minister_goals[-1].title == "Flere i job via virksomhederne"
    rhythm = new.contact_rhythm[-1]
    assert (rhythm.label, rhythm.benefits, rhythm.readiness, rhythm.interval_days) == (
        "Aktivitetsparate unge", ["cash_benefit"], ["activity_ready"], 60) and "Lokal regel" in rhythm.source
    target = new.production_targets[-1]
    assert (target.level, target.name, target.conversations_per_month, target.company_share) == (
        "caseworker", "Mette Sørensen", 22, 0.55)
    assert (new.youth.contact_days_before, new.youth.contact_days_after) == (7, 21)
    # Bad input comes back at the field, in Danish; a minister goal a result goal uses cannot be removed.
    used = next(i for i, g in enumerate(plan.minister_goals) if any(r.minister_goal == g.id for r in plan.result_goals))
    bad = plan_forms.form_values(plan) | {f"mgoal-{used}-title": "", f"rhythm-{n_rhythm}-label": "X",
                                          f"rhythm-{n_rhythm}-benefits": "pension", "youth-after": "mange"}
    new, errors = plan_forms.apply_form(plan, bad)
    assert new is None and "bruges af et resultatmål" in errors[f"mgoal-{used}-title"]
    assert "ukendt 'pension'" in errors[f"rhythm-{n_rhythm}-benefits"]
    assert f"rhythm-{n_rhythm}-interval_days" in errors and "helt tal" in errors["youth-after"]
