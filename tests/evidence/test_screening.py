"""``indsats screening`` on a simulated panel: discrimination and calibration on later cohorts whose
outcomes it was not given, against a reference model; no leakage from after the reference week."""

from __future__ import annotations

import json

import numpy as np
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from typer.testing import CliRunner

from indsats.cli import app
from indsats.evidence.cohorts import History
from indsats.evidence.screening import training_set
from indsats.evidence.weekmatrix import read_matrix
from indsats.services.evidence import EvidenceError
from indsats.services.evidence.files import screening

SCORED = (143, 147, 151, 155)  # reference columns of the held-out cohorts; outcomes at +52 lie in the panel


def _reference(raw_train, y_train, raw_test):
    """A plain logistic regression on the simulator's true risk factors."""
    def x(raw):
        group = raw["benefit"] * 16 + raw["readiness"]
        return np.column_stack([raw["age"], group == 16 * 2 + 1, group == 16 * 3 + 3, np.minimum(raw["spells_3y"], 6),
                                raw["on_benefit_now"]])
    return LogisticRegression(max_iter=1000).fit(x(raw_train), y_train).predict_proba(x(raw_test))[:, 1]


@pytest.fixture(scope="module")
def held_out(simulation, sim_files):
    """Per held-out cohort: the screening's probabilities, the reference's, and the true outcome."""
    panel, persons = sim_files
    full = read_matrix(panel, persons)
    history = History(full)
    out = []
    for col in SCORED:
        week = simulation.week(col)
        result = screening(panel, persons, week)
        prob = {p["person_id"]: p["probability"] for p in result["persons"]}
        cohort = history.newly_unemployed(col)
        ids = full.person_ids[cohort.rows]
        assert set(prob) == set(ids)  # exactly the newly unemployed are scored
        cut = read_matrix(panel, persons, week)
        raw, y, _ = training_set(History(cut), col)
        out.append((result, np.array([prob[i] for i in ids]),
                    _reference(raw, y, history.features(cohort)), history.long_term_unemployed(cohort)))
    return out


def test_discrimination_on_later_cohorts_is_close_to_the_reference(held_out):
    p = np.concatenate([h[1] for h in held_out])
    ref = np.concatenate([h[2] for h in held_out])
    y = np.concatenate([h[3] for h in held_out])
    assert len(y) > 600 and 40 < y.sum() < len(y) - 40
    auc, ref_auc = roc_auc_score(y, p), roc_auc_score(y, ref)
    assert auc > 0.7, auc
    assert auc > ref_auc - 0.03, (auc, ref_auc)
    for result, *_ in held_out:
        assert result["model"]["auc_in_history"] > 0.65


def test_calibration_by_decile_on_later_cohorts(held_out):
    p = np.concatenate([h[1] for h in held_out])
    y = np.concatenate([h[3] for h in held_out]).astype(float)
    assert abs(p.mean() - y.mean()) < 0.03, (p.mean(), y.mean())
    order = np.argsort(p, kind="stable")
    for decile in np.array_split(order, 10):
        n = len(decile)
        tolerance = 0.05 + 2.5 * np.sqrt(max(p[decile].mean() * (1 - p[decile].mean()), 0.01) / n)
        assert abs(p[decile].mean() - y[decile].mean()) < tolerance, (p[decile].mean(), y[decile].mean(), n)


def test_every_person_has_factors_in_words_strongest_first(held_out):
    result = held_out[0][0]
    assert result["model"]["kind"] and result["model"]["trained_on"] >= 200
    for person in result["persons"]:
        assert 0 <= person["probability"] <= 1 and round(person["probability"], 4) == person["probability"]
        effects = [abs(f["effect"]) for f in person["factors"]]
        assert effects and effects == sorted(effects, reverse=True)
        assert all(f["factor"] and f["value"] for f in person["factors"])
    words = {f["factor"] for p in result["persons"] for f in p["factors"]}
    assert {"Alder", "Ydelse og visitation"} <= words


def test_rows_after_the_reference_week_change_nothing(simulation, sim_files, tmp_path):
    """Scores at w from the full panel equal those from a panel whose later rows are scrambled or gone."""
    panel, persons = sim_files
    week = simulation.week(150)
    table = pq.read_table(panel)
    later = pc.greater(table["week"], week)
    scrambled = table.set_column(2, "benefit", pc.if_else(later, "cash_benefit", table["benefit"]))
    pq.write_table(scrambled, tmp_path / "scrambled.parquet")
    pq.write_table(table.filter(pc.invert(later)), tmp_path / "cut.parquet")
    expected = screening(panel, persons, week)
    assert screening(tmp_path / "scrambled.parquet", persons, week) == expected
    assert screening(tmp_path / "cut.parquet", persons, week) == expected


def test_too_little_history_is_a_clear_error(simulation, sim_files):
    panel, persons = sim_files
    with pytest.raises(EvidenceError, match="For lidt historik"):
        screening(panel, persons, simulation.week(40))
    result = CliRunner().invoke(app, ["screening", str(panel), "--persons", str(persons), "--as-of",
                                      simulation.week(40), "--json"])
    assert result.exit_code == 2 and "For lidt historik" in result.output


def test_cli_json_is_the_contract(simulation, sim_files):
    panel, persons = sim_files
    result = CliRunner().invoke(app, ["screening", str(panel), "--persons", str(persons), "--as-of",
                                      simulation.week(120), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"as_of", "model", "persons"} and data["as_of"] == simulation.week(120)
    assert set(data["model"]) == {"kind", "trained_on", "auc_in_history"}
    assert set(data["persons"][0]) == {"person_id", "probability", "factors"}
    assert set(data["persons"][0]["factors"][0]) == {"factor", "value", "effect"}


def test_screening_check_gives_the_model_cards_figures_by_group(simulation, sim_files):
    panel, persons = sim_files
    result = CliRunner().invoke(app, ["screening-check", str(panel), "--persons", str(persons),
                                      "--as-of", simulation.week(147), "--as-of", simulation.week(155)])
    assert result.exit_code == 0, result.output
    card = json.loads(result.output)
    assert card["overall"]["auc"] > 0.7 and len(card["overall"]["deciles"]) == 10
    assert set(card["groups"]) == {"alder", "køn", "herkomst"}
    assert set(card["groups"]["køn"]) == {"K", "M"}
    assert sum(g["persons"] for g in card["groups"]["herkomst"].values()) == card["overall"]["persons"]
