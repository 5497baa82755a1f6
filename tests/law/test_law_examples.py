"""The three worked examples of shared/contracts/examples are tests: every named field must match."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indsats.law import compute, parse_timeline

# A copy of shared/contracts/examples lives beside the tests, so the suite runs without shared/;
# where shared/ is beside the repository, the copy must equal it.
EXAMPLES = Path(__file__).resolve().parent / "contract_examples"
SHARED_EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "contracts" / "examples"
FILES = sorted(EXAMPLES.glob("*.json"))
# Worked examples for the rules in force from 2025 (not in shared/ yet), in the same format.
REFORM_FILES = sorted((EXAMPLES.parent / "contract_examples_2025_2027").glob("*.json"))


@pytest.mark.skipif(not SHARED_EXAMPLES.is_dir(), reason="shared/ is not beside the repository")
def test_the_copied_examples_equal_the_shared_contract() -> None:
    shared = {p.name: p.read_text(encoding="utf-8") for p in SHARED_EXAMPLES.glob("*.json")}
    copied = {p.name: p.read_text(encoding="utf-8") for p in FILES}
    assert copied == shared


def _matches(expected: dict, actual: dict) -> bool:
    return all(actual.get(key) == value for key, value in expected.items())


@pytest.mark.parametrize("path", FILES + REFORM_FILES, ids=lambda p: p.stem)
def test_worked_example(path: Path) -> None:
    example = json.loads(path.read_text(encoding="utf-8"))
    result = compute(parse_timeline(example["timeline"])).to_dict()
    assert result["citizen"] == example["timeline"]["citizen"]["id"]
    assert result["as_of"] == example["timeline"]["as_of"]
    for expected in example["expected"]:
        candidates = [o for o in result["obligations"] if o["rule"] == expected["rule"]]
        assert any(_matches(expected, o) for o in candidates), (
            f"{path.name}: no obligation matches {expected}; got {candidates}"
        )


def test_the_reform_examples_are_there() -> None:
    assert len(REFORM_FILES) >= 3


def test_example_one_is_lab_2020() -> None:
    example = json.loads(FILES[0].read_text(encoding="utf-8"))
    assert compute(parse_timeline(example["timeline"])).regime == "LAB 2020"
