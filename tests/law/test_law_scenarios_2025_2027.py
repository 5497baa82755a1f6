"""Independent legal scenarios for the 2025-2027 reform, written from the law text.

Each file in ``scenarios_2025_2027/`` is a worked example in the contract's shape
(``{"about", "timeline", "expected"}``, shared/contracts/examples) with, on every expectation,
a ``basis`` naming the law text (lov nr. 1657/2024, 1655/2024, 1750/2025, STAR's FAQ and
webinar answers) and the law-notes convention that fixes the value. The expected values were
worked out from the law and the binding conventions of shared/docs/law-notes.md — not from the
engine's output. Only the keys written down are checked.

The timeline goes through ``deadlines_for_document``, the function ``indsats deadlines`` calls.

File format (besides the contract's worked-example keys):

- ``expected[i].rule``: a rule id, a list of acceptable ids (where the law fixes the duty but
  not the engine's name for it), or ``"*"`` (any obligation).
- ``window_start`` / ``period_start`` in an expectation select among repeated rules.
- ``status_in``: any of these statuses (where the law leaves the outcome between a few).
- ``quota: null``: the obligation must *not* carry a quota (an individual duty).
- ``absent_ok: true``: the obligation may also be left out (e.g. "no municipal follow-up":
  ``not_applicable`` or absent are both lawful).
- ``forbidden``: obligations that must not appear (matched on ``rule``, ``status``, ``status_in``).
- ``xfail`` (on the file or on one expectation): a discrepancy with the engine that the law
  text settles against it; recorded, strict, so the test flags when the engine is fixed.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from indsats.law.obligation import STATUSES
from indsats.services.casework.obligations import ObligationInputError, deadlines_for_document

SCENARIOS = Path(__file__).resolve().parent / "scenarios_2025_2027"
FILES = sorted(SCENARIOS.glob("*.json"))

SELECTORS = ("window_start", "period_start")
CHECKED = ("status", "deadline", "required", "held", "quota", "deadline_on_non_workday", "window_start", "period_start")
META = ("rule", "basis", "status_in", "absent_ok", "xfail")
CONTRACT_STATUSES = {
    "due", "overdue", "met", "met_late", "not_applicable", "waived", "suspended", "closed",
    "manual_review", "exempt_by_quota",
}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _result(path: Path) -> dict:
    return deadlines_for_document(_load(path))


def _cases():
    for path in FILES:
        doc = _load(path)
        file_xfail = doc.get("xfail")
        items = [("expected", i, e) for i, e in enumerate(doc["expected"])]
        items += [("forbidden", i, f) for i, f in enumerate(doc.get("forbidden", []))]
        for kind, i, item in items:
            rule = item.get("rule", "*")
            label = rule if isinstance(rule, str) else "|".join(rule)
            reason = item.get("xfail") or file_xfail
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(path, kind, i, marks=marks, id=f"{path.stem}:{kind}{i}:{label}")


def _rules(rule) -> set[str] | None:
    if rule in (None, "*"):
        return None
    return {rule} if isinstance(rule, str) else set(rule)


def _matches_rule(obligation: dict, rule) -> bool:
    rules = _rules(rule)
    return rules is None or obligation["rule"] in rules


def _show(obligations: list[dict]) -> str:
    keys = ("rule", "status", "deadline", "window_start", "required", "held", "quota", "note")
    return "\n  ".join(str({k: o.get(k) for k in keys if k in o}) for o in obligations) or "(none)"


@pytest.mark.parametrize(("path", "kind", "index"), list(_cases()))
def test_scenario(path: Path, kind: str, index: int) -> None:
    doc = _load(path)
    result = _result(path)
    assert result["as_of"] == doc["timeline"]["as_of"]
    obligations = result["obligations"]
    item = doc[kind][index]
    where = f"{path.name} [{kind} {index}] rule {item.get('rule', '*')!r}\n  basis: {item['basis']}"

    if kind == "forbidden":
        hits = [
            o for o in obligations
            if _matches_rule(o, item.get("rule"))
            and ("status" not in item or o.get("status") == item["status"])
            and ("status_in" not in item or o.get("status") in item["status_in"])
        ]
        assert not hits, f"{where}\n  must not appear, got:\n  {_show(hits)}"
        return

    candidates = [o for o in obligations if _matches_rule(o, item["rule"])]
    candidates = [o for o in candidates if all(o.get(k) == item[k] for k in SELECTORS if k in item)]
    if item.get("rule") == "*":
        # any obligation with the listed keys
        wanted = {k: item[k] for k in CHECKED if k in item}
        ok = any(all(o.get(k) == v for k, v in wanted.items()) for o in candidates)
        assert ok, f"{where}\n  no obligation with {wanted}; got:\n  {_show(obligations)}"
        return
    if not candidates:
        assert item.get("absent_ok"), f"{where}\n  missing; got:\n  {_show(obligations)}"
        return
    assert len(candidates) == 1, f"{where}\n  ambiguous, {len(candidates)} match:\n  {_show(candidates)}"
    got = candidates[0]
    problems = []
    for key in CHECKED:
        if key in item and key not in SELECTORS and got.get(key) != item[key]:
            problems.append(f"{key}: expected {item[key]!r}, got {got.get(key)!r}")
    if "status_in" in item and got.get("status") not in item["status_in"]:
        problems.append(f"status: expected one of {item['status_in']}, got {got.get('status')!r}")
    assert not problems, f"{where}\n  " + "\n  ".join(problems) + f"\n  obligation: {_show([got])}"


# --- the scenario files themselves ------------------------------------------------------------


def test_there_are_scenarios_on_both_sides_of_every_date() -> None:
    assert len(FILES) >= 40
    starts = set()
    for path in FILES:
        for e in _load(path)["timeline"]["events"]:
            if e["type"] in ("benefit_start", "sick_leave_start"):
                starts.add(date.fromisoformat(e["date"]))
    for change in ("2025-01-01", "2025-07-01", "2026-02-01", "2026-07-01"):
        day = date.fromisoformat(change)
        assert any(s < day for s in starts) and any(s >= day for s in starts), change


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_scenario_file_is_well_formed(path: Path) -> None:
    doc = _load(path)
    assert set(doc) <= {"about", "confidence", "timeline", "expected", "forbidden", "xfail"}, path.name
    assert doc["about"] and doc["confidence"]
    assert doc["expected"] or doc.get("forbidden"), f"{path.name}: asserts nothing"
    for item in doc["expected"]:
        assert item.get("basis"), f"{path.name}: {item} has no basis"
        assert set(item) <= set(CHECKED) | set(META), f"{path.name}: unknown key in {item}"
        asserted = [k for k in CHECKED if k in item and k not in SELECTORS] + [k for k in ("status_in",) if k in item]
        assert asserted, f"{path.name}: {item} asserts nothing"
        for status in [item.get("status")] + list(item.get("status_in", [])):
            assert status is None or status in CONTRACT_STATUSES, f"{path.name}: {status}"
    for item in doc.get("forbidden", []):
        assert item.get("basis"), f"{path.name}: forbidden {item} has no basis"


def test_contract_status_exempt_by_quota_is_known_to_the_engine() -> None:
    assert "exempt_by_quota" in STATUSES


def test_category_3_on_a_2025_spell_is_rejected_or_read_as_category_2() -> None:
    """Kategori 3 is repealed from 2025-01-01 (lov nr. 1657/2024 § 1 nr. 2-4; sygedagpengeloven § 12).

    law-notes-2025-2027 leaves the choice to the project: reject the timeline, or read it as 2.
    Either way the spell must not get rules that differ from category 2: the week-8 follow-up
    (first day + 55 days, convention 3) and 4 follow-ups in the first half year.
    """
    timeline = {
        "citizen": {"id": "cat3-2025", "birth_date": "1975-01-01"},
        "as_of": "2025-04-01",
        "events": [{"date": "2025-02-03", "type": "sick_leave_start", "category": 3}],
    }
    try:
        result = deadlines_for_document(timeline)
    except ObligationInputError as exc:
        assert "category" in str(exc)
        return
    by_rule = {o["rule"]: o for o in result["obligations"]}
    first = by_rule["sickness.first_followup"]
    assert (first["deadline"], first["status"], first["deadline_on_non_workday"]) == ("2025-03-30", "overdue", True)
    half = by_rule["sickness.followups_first_half_year"]
    assert (half["deadline"], half["required"], half["status"]) == ("2025-08-02", 4, "due")
