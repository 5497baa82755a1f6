"""Helpers for the independent review of the law engine (test_law_scenarios_*.py).

An expectation is a dict of obligation keys; only the keys written are checked.
``status_in`` accepts any of several statuses where law-notes leaves the outcome open, and
``absent`` lists rules that must not appear with a status asking for action.
"""

from __future__ import annotations

import sys
from pathlib import Path

from indsats.law import compute, parse_timeline

INDSATS = Path(sys.executable).parent / "indsats"  # the installed command beside the running Python
OPEN = {"due", "overdue", "manual_review"}


def e(day: str, kind: str, **fields) -> dict:
    return {"date": day, "type": kind, **fields}


def ub(start: str) -> dict:
    return e(start, "benefit_start", benefit="unemployment_benefit")


def conv(day: str, joint: bool = False) -> dict:
    return e(day, "conversation", joint=True) if joint else e(day, "conversation")


def result_for(events: list[dict], as_of: str) -> dict:
    return compute(parse_timeline(timeline(events, as_of))).to_dict()


def _matching(result: dict, expected: dict) -> list[dict]:
    keys = ("window_start", "period_start")
    return [
        o for o in result["obligations"]
        if o["rule"] == expected["rule"] and all(o.get(k) == expected[k] for k in keys if k in expected)
    ]




def timeline(events: list[dict], as_of: str, birth_date: str = "1985-04-02") -> dict:
    return {"citizen": {"id": "review", "birth_date": birth_date}, "as_of": as_of, "events": events}


def check_case(events: list[dict], as_of: str, expected: list[dict], absent: list[str]) -> None:
    result = result_for(events, as_of)
    for want in expected:
        found = _matching(result, want)
        assert len(found) == 1, f"{want} -> {[(o['rule'], o.get('window_start')) for o in result['obligations']]}"
        got = found[0]
        for key, value in want.items():
            if key == "status_in":
                assert got["status"] in value, got
            else:
                assert got.get(key) == value, f"{key}: want {value!r}, got {got.get(key)!r} in {got}"
    for rule in absent:
        opened = [o for o in result["obligations"] if o["rule"] == rule and o["status"] in OPEN]
        assert not opened, opened
