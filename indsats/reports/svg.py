"""Small server-side SVG charts (no JavaScript, no CDN): a line chart with target and comparison."""

from __future__ import annotations

from datetime import date
from html import escape

from babel.numbers import format_decimal

COLORS = {"actual": "#1f4e79", "target": "#c0504d", "comparison": "#7f7f7f"}


def _fmt(value: float, unit: str, coarse: bool = False) -> str:
    if unit == "share":
        return format_decimal(value * 100, format="#,##0.0", locale="da_DK") + " %"
    return format_decimal(value, format="#,##0" if coarse else "#,##0.##", locale="da_DK")


def line_chart(
    series: list[tuple[date, float | None]],
    unit: str = "persons",
    target: list[tuple[date, float]] | None = None,
    comparison: list[tuple[date, float]] | None = None,
    width: int = 560,
    height: int = 220,
    title: str = "",
) -> str:
    """An SVG line chart: actual (solid), target trajectory (dashed), comparison (dotted)."""
    lines = {"actual": [(d, v) for d, v in series if v is not None], "target": target or [],
             "comparison": comparison or []}
    points = [p for pts in lines.values() for p in pts]
    label = escape(title or "Diagram")
    if not points:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="60" role="img" '
                f'aria-label="{label}"><text x="10" y="35" font-size="13" fill="#555">Ingen data</text></svg>')
    left, right, top, bottom = 64, 12, 14, 36
    d0 = min(d for d, _ in points).toordinal()
    d1 = max(d for d, _ in points).toordinal()
    lo = min(v for _, v in points)
    hi = max(v for _, v in points)
    if hi == lo:
        hi, lo = hi + 1, lo - 1
    pad = (hi - lo) * 0.08
    lo, hi = (0 if lo >= 0 and lo - pad < 0 else lo - pad), hi + pad
    span = max(d1 - d0, 1)

    def x(d: date) -> float:
        return left + (d.toordinal() - d0) / span * (width - left - right)

    def y(v: float) -> float:
        return top + (hi - v) / (hi - lo) * (height - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}" font-family="sans-serif">',
           f'<title>{label}</title>']
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="10" text-anchor="end" fill="#555">'
                   f'{escape(_fmt(v, unit, coarse=hi - lo > 8))}</text>')
    for d in (date.fromordinal(d0), date.fromordinal(d1)):
        anchor = "start" if d.toordinal() == d0 else "end"
        out.append(f'<text x="{x(d):.1f}" y="{height - 14}" font-size="10" text-anchor="{anchor}" fill="#555">'
                   f'{d.strftime("%d.%m.%Y")}</text>')
    styles = {"actual": 'stroke-width="2.2"', "target": 'stroke-width="1.6" stroke-dasharray="6 4"',
              "comparison": 'stroke-width="1.6" stroke-dasharray="2 3"'}
    names = {"actual": "Faktisk", "target": "Målsti", "comparison": "Sammenligning"}
    legend_x = left
    for key, pts in lines.items():
        if not pts:
            continue
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in pts)
        out.append(f'<polyline fill="none" stroke="{COLORS[key]}" {styles[key]} points="{path}"/>')
        if key == "actual":
            d, v = pts[-1]
            out.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="3.2" fill="{COLORS[key]}"/>')
        out.append(f'<line x1="{legend_x}" x2="{legend_x + 18}" y1="{height - 4}" y2="{height - 4}" '
                   f'stroke="{COLORS[key]}" {styles[key]}/>')
        out.append(f'<text x="{legend_x + 22}" y="{height - 1}" font-size="10" fill="#333">{names[key]}</text>')
        legend_x += 110
    out.append("</svg>")
    return "".join(out)


def bar_chart(items: list[tuple[str, float]], unit: str = "persons", width: int = 560, title: str = "") -> str:
    """Horizontal bars, one per label (e.g. volumes per target group)."""
    row = 22
    height = row * max(len(items), 1) + 10
    label = escape(title or "Diagram")
    top = max((v for _, v in items), default=0) or 1
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'style="width:100%;max-width:{width}px;height:auto" role="img" aria-label="{label}" '
           f'font-family="sans-serif"><title>{label}</title>']
    for i, (name, value) in enumerate(items):
        w = (width - 260) * value / top
        yy = 5 + i * row
        out.append(f'<text x="0" y="{yy + 14}" font-size="11" fill="#333">{escape(name)}</text>')
        out.append(f'<rect x="190" y="{yy + 3}" width="{w:.1f}" height="14" fill="{COLORS["actual"]}"/>')
        out.append(f'<text x="{194 + w:.1f}" y="{yy + 14}" font-size="11" fill="#333">{escape(_fmt(value, unit))}</text>')
    out.append("</svg>")
    return "".join(out)


def share_chart(cohorts: list[tuple[str, float | None, float | None]], quota: float = 0.75, cap: float = 0.25,
                warn_at: float = 0.20, title: str = "", height: int = 230) -> str:
    """Per cohort two bars — the share met (against the ``quota`` line) and the share exempted
    (against the ``cap`` line; orange from ``warn_at``, red past the cap). Shares 0..1; None: no data."""
    label = escape(title or "Diagram")
    if not cohorts:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="560" height="60" role="img" '
                f'aria-label="{label}"><text x="10" y="35" font-size="13" fill="#555">Ingen data</text></svg>')
    left, top, bottom, step = 48, 12, 44, 64
    width = max(left + step * len(cohorts) + 12, 420)
    plot = height - top - bottom

    def y(v: float) -> float:
        return top + (1 - v) * plot

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}" font-family="sans-serif">',
           f'<title>{label}</title>']
    for pct in (0, 25, 50, 75, 100):
        out.append(f'<line x1="{left}" x2="{width - 8}" y1="{y(pct / 100):.1f}" y2="{y(pct / 100):.1f}" '
                   f'stroke="#e5e5e5"/>')
        out.append(f'<text x="{left - 6}" y="{y(pct / 100) + 4:.1f}" font-size="10" text-anchor="end" '
                   f'fill="#444">{pct} %</text>')
    for i, (cohort, met, exempt) in enumerate(cohorts):
        x0 = left + 8 + i * step
        if met is not None:
            out.append(f'<rect x="{x0}" y="{y(met):.1f}" width="22" height="{met * plot:.1f}" fill="{COLORS["actual"]}">'
                       f'<title>{escape(cohort)}: opfyldt {escape(_fmt(met, "share"))}</title></rect>')
        if exempt is not None:
            color = "#b3261e" if exempt > cap else ("#a15c00" if exempt >= warn_at else "#7f7f7f")
            out.append(f'<rect x="{x0 + 24}" y="{y(exempt):.1f}" width="22" height="{exempt * plot:.1f}" '
                       f'fill="{color}"><title>{escape(cohort)}: undtaget {escape(_fmt(exempt, "share"))}</title></rect>')
        out.append(f'<text x="{x0 + 23}" y="{height - bottom + 14}" font-size="10" text-anchor="middle" '
                   f'fill="#222">{escape(cohort)}</text>')
    for value, color, dash in ((quota, COLORS["actual"], "6 4"), (cap, "#b3261e", "6 4"), (warn_at, "#a15c00", "2 3")):
        out.append(f'<line x1="{left}" x2="{width - 8}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{color}" '
                   f'stroke-width="1.4" stroke-dasharray="{dash}"/>')
    legend = ((COLORS["actual"], f"Opfyldt (krav {_fmt(quota, 'share')})"),
              ("#a15c00", f"Undtaget (loft {_fmt(cap, 'share')})"))
    for k, (color, text) in enumerate(legend):
        lx = left + k * 170
        out.append(f'<rect x="{lx}" y="{height - 14}" width="10" height="10" fill="{color}"/>')
        out.append(f'<text x="{lx + 14}" y="{height - 5}" font-size="10" fill="#222">{escape(text)}</text>')
    out.append("</svg>")
    return "".join(out)
