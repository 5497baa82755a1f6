"""Helpers that keep the scenario tests readable: a timeline in, obligations out."""

from __future__ import annotations

from indsats.law import compute, parse_timeline


def ev(day: str, kind: str, **fields) -> dict:
    return {"date": day, "type": kind, **fields}


def run(events: list[dict], as_of: str, birth_date: str = "1980-06-15", rhythms=None) -> dict:
    timeline = parse_timeline({"citizen": {"id": "t-1", "birth_date": birth_date}, "as_of": as_of, "events": events})
    return compute(timeline, rhythms=rhythms).to_dict()


def find(result: dict, rule: str, **match) -> list[dict]:
    return [
        o for o in result["obligations"]
        if o["rule"] == rule and all(o.get(k) == v for k, v in match.items())
    ]


def one(result: dict, rule: str, **match) -> dict:
    found = find(result, rule, **match)
    assert len(found) == 1, f"expected one {rule} {match}, got {found} in {[o['rule'] for o in result['obligations']]}"
    return found[0]
