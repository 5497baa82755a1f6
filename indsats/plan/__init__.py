"""The employment plan as data: schema, loader and the measures goals are set on."""

from .loader import PlanError, load_plan, parse_plan
from .measures import MEASURES, Measure
from .schema import (
    ComparisonGroup,
    ContactRhythm,
    EmploymentPlan,
    GoalComparison,
    MinisterGoal,
    ResultGoal,
    Strategy,
    Target,
)

__all__ = [
    "MEASURES",
    "ComparisonGroup",
    "ContactRhythm",
    "EmploymentPlan",
    "GoalComparison",
    "Measure",
    "MinisterGoal",
    "PlanError",
    "ResultGoal",
    "Strategy",
    "Target",
    "load_plan",
    "parse_plan",
]
