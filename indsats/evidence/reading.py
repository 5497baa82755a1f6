"""Effects in plain Danish, as the manager's page and the result review print them:
"Virksomhedspraktik: 6 procentpoint flere i selvforsørgelse efter et halvt år, usikkerhed 2–10"."""

from __future__ import annotations

HORIZON_DA = {4: "efter en måned", 13: "efter et kvartal", 26: "efter et halvt år", 52: "efter et år"}


def _pp(share: float) -> str:
    return f"{round(share * 100):d}".replace("-", "−")


def horizon_da(weeks: int) -> str:
    return HORIZON_DA.get(weeks, f"efter {weeks} uger")


def reading_da(offer_label: str, effect: float, ci_low: float, ci_high: float, horizon: int) -> str:
    """One sentence; says so when the interval includes no difference."""
    points = round(abs(effect) * 100)
    if points == 0:
        head = f"{offer_label}: ingen forskel i selvforsørgelse {horizon_da(horizon)}"
    else:
        more = "flere" if effect > 0 else "færre"
        head = f"{offer_label}: {points} procentpoint {more} i selvforsørgelse {horizon_da(horizon)}"
    low, high = _pp(ci_low), _pp(ci_high)
    span = f"{low}–{high}" if ci_low >= 0 else f"{low} til {high}"  # "−11–8" would read as a range of minus
    text = f"{head}, usikkerhed {span}"
    if ci_low <= 0 <= ci_high and points:
        text += " (forskellen kan skyldes tilfældigheder)"
    return text
