"""A month-by-month SVG bar chart of budget, actual and forecast (server-side, no JavaScript)."""

from __future__ import annotations

from html import escape

from babel.numbers import format_decimal

MONTHS_DA = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
COLORS = {"budget": "#bfbfbf", "actual": "#1f4e79", "forecast": "#9dc3e6"}
NAMES = {"budget": "Budget", "actual": "Forbrug", "forecast": "Prognose"}


def _kr(value: float) -> str:
    if abs(value) >= 1_000_000:
        return format_decimal(value / 1_000_000, format="#,##0.0", locale="da_DK") + " mio."
    return format_decimal(value, format="#,##0", locale="da_DK")


def budget_chart(budget: list[float], actual: list[float | None], forecast: list[float | None],
                 width: int = 720, height: int = 240, title: str = "") -> str:
    """Twelve months; per month a budget bar and beside it the actual or the forecast."""
    label = escape(title or "Budget og forbrug")
    values = [v for v in budget + actual + forecast if v is not None]
    top = max(values, default=0.0)
    if top <= 0:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="60" role="img" '
                f'aria-label="{label}"><text x="10" y="35" font-size="13" fill="#555">Ingen tal endnu</text></svg>')
    left, right, upper, lower = 70, 10, 12, 40
    plot_h = height - upper - lower
    slot = (width - left - right) / 12
    bar = slot * 0.36

    def y(v: float) -> float:
        return upper + plot_h * (1 - v / top)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{label}" font-family="sans-serif"><title>{label}</title>']
    for k in range(5):
        tick = top * k / 4
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="10" text-anchor="end" fill="#555">'
                   f'{escape(_kr(tick))}</text>')
    for m in range(12):
        x0 = left + m * slot + slot * 0.12
        bars = [("budget", budget[m]), ("actual" if actual[m] is not None else "forecast",
                                        actual[m] if actual[m] is not None else forecast[m])]
        for i, (kind, v) in enumerate(bars):
            if v is None or v <= 0:
                continue
            out.append(f'<rect x="{x0 + i * bar:.1f}" y="{y(v):.1f}" width="{bar:.1f}" height="{upper + plot_h - y(v):.1f}" '
                       f'fill="{COLORS[kind]}"><title>{NAMES[kind]} {MONTHS_DA[m]}: {escape(_kr(v))} kr.</title></rect>')
        out.append(f'<text x="{x0 + bar:.1f}" y="{height - lower + 14}" font-size="10" text-anchor="middle" '
                   f'fill="#555">{MONTHS_DA[m]}</text>')
    lx = left
    for kind in ("budget", "actual", "forecast"):
        out.append(f'<rect x="{lx}" y="{height - 14}" width="12" height="10" fill="{COLORS[kind]}"/>')
        out.append(f'<text x="{lx + 16}" y="{height - 5}" font-size="10" fill="#333">{NAMES[kind]}</text>')
        lx += 90
    out.append("</svg>")
    return "".join(out)


def scenario_chart(items: list[tuple[str, float]], width: int = 720, title: str = "") -> str:
    """Horizontal bars, one per scenario (the baseline first), of one money figure in kroner."""
    label = escape(title or "Scenarier")
    top = max((abs(v) for _, v in items), default=0.0)
    if not items or top <= 0:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="60" role="img" '
                f'aria-label="{label}"><text x="10" y="35" font-size="13" fill="#555">Ingen tal endnu</text></svg>')
    row, left = 26, 220
    height = row * len(items) + 12
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{label}" font-family="sans-serif"><title>{label}</title>']
    for i, (name, value) in enumerate(items):
        w = (width - left - 110) * abs(value) / top
        y = 6 + i * row
        color = COLORS["budget"] if i == 0 else COLORS["actual"]
        out.append(f'<text x="0" y="{y + 15}" font-size="12" fill="#333">{escape(name[:34])}</text>')
        out.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="16" fill="{color}">'
                   f'<title>{escape(name)}: {escape(_kr(value))} kr.</title></rect>')
        out.append(f'<text x="{left + w + 6:.1f}" y="{y + 15}" font-size="11" fill="#333">{escape(_kr(value))} kr.</text>')
    out.append("</svg>")
    return "".join(out)
