"""Goal attainment (målopfyldelse): baseline, target trajectory, actual, status.

Pure functions over plain numbers and dates. A goal's *trajectory* runs in a straight
line from its baseline (date, value) to its target at the deadline. The status at a date:

* ``on_track`` (på rette vej): the actual is at least as good as the trajectory;
* ``at_risk`` (i risiko): worse, but by no more than ``TOLERANCE`` of the trajectory value;
* ``off_track`` (ikke på rette vej): worse than that;
* ``no_target`` (følges): qualitative goals and goals whose target is not yet known;
* ``no_data`` (ingen data): no actual value;
* ``no_basis`` (ingen basis): the baseline is 0, so a relative target (and any change) cannot be measured.

After the deadline the actual at the deadline decides (met → on_track, else off_track).
A goal with a comparison group (klynge / RAR) but no target of its own is judged on the
comparison: ``level`` compares the values, ``excess_decline`` (merfald) the relative change
since the baseline. A goal with both a target and a comparison (Frederikssund 2014: "højst
323", shown against the cluster) is judged by its target; the comparison is reported beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..plan.schema import GoalComparison, ResultGoal

TOLERANCE = 0.05
STATUS_DA = {
    "on_track": "På rette vej",
    "at_risk": "I risiko",
    "off_track": "Ikke på rette vej",
    "no_target": "Følges",
    "no_data": "Ingen data",
    "no_basis": "Ingen basis",
}


@dataclass
class Attainment:
    goal_id: str
    status: str
    baseline: float | None
    target: float | None
    actual: float | None
    trajectory: float | None = None
    attainment: float | None = None  # share of the way from baseline to target (1.0 = reached)
    trend: str | None = None  # rising | falling | flat
    own_change: float | None = None
    comparison_value: float | None = None
    comparison_change: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def status_da(self) -> str:
        return STATUS_DA[self.status]


def _better_or_equal(actual: float, reference: float, lower_is_better: bool) -> bool:
    return actual <= reference if lower_is_better else actual >= reference


def trajectory_value(baseline: float, baseline_date: date, target: float, deadline: date, when: date) -> float:
    """The target trajectory's value on ``when`` (clamped to the baseline..deadline span)."""
    span = (deadline - baseline_date).days
    if span <= 0 or when >= deadline:
        return target
    if when <= baseline_date:
        return baseline
    return baseline + (target - baseline) * (when - baseline_date).days / span


def trend(series: list[tuple[date, float | None]], lookback: int = 13) -> str | None:
    """Direction of the last value against the value ``lookback`` points earlier (±2 % is flat)."""
    values = [v for _, v in series if v is not None]
    if len(values) < 2:
        return None
    last, before = values[-1], values[max(0, len(values) - 1 - lookback)]
    if before == 0:
        return "flat" if last == 0 else "rising"
    change = last / before - 1
    return "flat" if abs(change) <= 0.02 else ("rising" if change > 0 else "falling")


def assess(
    goal: ResultGoal,
    as_of: date,
    actual: float | None,
    measured_baseline: float | None = None,
    series: list[tuple[date, float | None]] | None = None,
    comparison_value: float | None = None,
    comparison_baseline: float | None = None,
) -> Attainment:
    """Judge one goal at ``as_of`` from the actual value (and the comparison group's)."""
    lower = goal.direction == "lower"
    baseline = goal.baseline.value if goal.baseline and goal.baseline.value is not None else measured_baseline
    target = goal.target_value
    if target is None and goal.target is not None and goal.target.relative_change is not None and baseline is not None:
        target = round(baseline * (1 + goal.target.relative_change), 2)
    result = Attainment(goal.id, "no_data", baseline, target, actual, trend=trend(series or []))
    if actual is None:
        return result
    if goal.qualitative or (target is None and goal.comparison is None):
        result.status = "no_target"
        return result
    if baseline == 0 and goal.target is not None and goal.target.relative_change is not None:
        # "10 pct. færre" than nothing: every actual would look on track; there is no basis to judge on.
        result.status = "no_basis"
        result.notes.append("Udgangspunktet er 0, så en relativ ændring kan ikke måles.")
        return result
    if baseline:
        result.own_change = round(actual / baseline - 1, 4)
    if target is not None and baseline is not None and goal.baseline is not None:
        result.trajectory = round(trajectory_value(baseline, goal.baseline.date, target, goal.deadline, as_of), 2)
    if goal.comparison is not None:
        compared = _assess_comparison(goal.comparison, result, actual, lower, comparison_value, comparison_baseline)
        if target is None:
            return compared
        # A goal with its own target is judged by the target; the comparison is shown beside it.
        result.notes.clear()
        if comparison_value is None:
            result.notes.append("Ingen tal for sammenligningsgruppen; målet vurderes mod målværdien.")
    assert target is not None  # without a target, no comparison meant no_target and a comparison returned
    if baseline is not None and baseline != target:
        result.attainment = round((baseline - actual) / (baseline - target), 4)
    elif actual:
        result.attainment = round((target / actual) if lower else (actual / target), 4) if target else None
    if as_of >= goal.deadline or baseline is None or goal.baseline is None:
        # No trajectory to follow (or the deadline has passed): judge against the target itself.
        if _better_or_equal(actual, target, lower):
            result.status = "on_track"
        else:
            result.status = "at_risk" if as_of < goal.deadline and _within(actual, target) else "off_track"
        return result
    path = trajectory_value(baseline, goal.baseline.date, target, goal.deadline, as_of)
    result.trajectory = round(path, 2)
    if _better_or_equal(actual, path, lower):
        result.status = "on_track"
    elif _within(actual, path):
        result.status = "at_risk"
    else:
        result.status = "off_track"
    return result


def _within(actual: float, reference: float) -> bool:
    return abs(actual - reference) <= TOLERANCE * max(abs(reference), 1e-9)


def _assess_comparison(comp: GoalComparison, result: Attainment, actual: float, lower: bool,
                       comparison_value: float | None, comparison_baseline: float | None) -> Attainment:
    result.comparison_value = comparison_value
    if comparison_value is None:
        result.status = "no_data"
        result.notes.append("Ingen tal for sammenligningsgruppen.")
        return result
    if comp.kind == "level":
        reference = comparison_value + (-comp.margin if lower else comp.margin)
        ok = _better_or_equal(actual, reference, lower)
        result.status = "on_track" if ok else ("at_risk" if _within(actual, reference) else "off_track")
        return result
    if comparison_baseline is None or comparison_baseline == 0 or result.own_change is None:
        result.status = "no_data"
        result.notes.append("Merfald kræver udgangspunkt for både kommunen og sammenligningsgruppen.")
        return result
    group_change = comparison_value / comparison_baseline - 1
    result.comparison_change = round(group_change, 4)
    needed = group_change - comp.margin if lower else group_change + comp.margin
    ok = _better_or_equal(result.own_change, needed, lower)
    result.status = "on_track" if ok else ("at_risk" if abs(result.own_change - needed) <= 0.01 else "off_track")
    return result
