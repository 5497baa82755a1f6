"""The effects chart: per offer the local estimate with its 95 % interval and, beside it, the
knowledge bank's figure with its interval — percentage points on a common axis around zero.
Server-side SVG (no JavaScript), for the *Effekter* page and the result review."""

from __future__ import annotations

from html import escape

LOCAL, NATIONAL = "#1f4e79", "#a15c00"
Interval = tuple[float, float | None, float | None]  # estimate, low, high in percentage points


def _pp(value: float) -> str:
    return f"{value:+.1f}".replace(".", ",").replace("-", "−")


def effect_chart(rows: list[tuple[str, Interval | None, Interval | None]], title: str = "",
                 width: int = 640) -> str:
    """One row per label: local (dot and bar) above national (diamond and bar)."""
    label = escape(title or "Effekter")
    if not rows:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="60" role="img" '
                f'aria-label="{label}"><text x="10" y="35" font-size="13" fill="#555">Ingen data</text></svg>')
    values = [v for _, a, b in rows for iv in (a, b) if iv for v in iv if v is not None] + [0.0]
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.08, 1.0)
    lo, hi = lo - pad, hi + pad
    left, right, top, step = 210, 16, 22, 34
    height = top + step * len(rows) + 36

    def x(v: float) -> float:
        return left + (v - lo) / (hi - lo) * (width - left - right)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}" font-family="sans-serif">',
           f'<title>{label}</title>']
    ticks = 5
    for k in range(ticks):
        v = lo + (hi - lo) * k / (ticks - 1)
        out.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{top - 6}" y2="{height - 30}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{x(v):.1f}" y="{height - 18}" font-size="10" text-anchor="middle" fill="#444">'
                   f'{escape(_pp(v))}</text>')
    out.append(f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{top - 6}" y2="{height - 30}" stroke="#222"/>')
    for i, (name, local, national) in enumerate(rows):
        y0 = top + i * step
        out.append(f'<text x="0" y="{y0 + 12}" font-size="11" fill="#222">{escape(name)}</text>')
        for k, (iv, color, what) in enumerate(((local, LOCAL, "lokalt"), (national, NATIONAL, "vidensbanken"))):
            if iv is None:
                continue
            yy = y0 + 5 + k * 12
            est, low, high = iv
            text = f"{name}, {what}: {_pp(est)} pct.-point"
            if low is not None and high is not None:
                text += f" ({_pp(low)} til {_pp(high)})"
                out.append(f'<line x1="{x(low):.1f}" x2="{x(high):.1f}" y1="{yy}" y2="{yy}" stroke="{color}" '
                           f'stroke-width="2"/>')
                for end in (low, high):
                    out.append(f'<line x1="{x(end):.1f}" x2="{x(end):.1f}" y1="{yy - 4}" y2="{yy + 4}" '
                               f'stroke="{color}" stroke-width="1.5"/>')
            cx = x(est)
            if k == 0:
                shape = f'<circle cx="{cx:.1f}" cy="{yy}" r="4" fill="{color}">'
            else:
                shape = (f'<polygon points="{cx:.1f},{yy - 5} {cx + 5:.1f},{yy} {cx:.1f},{yy + 5} {cx - 5:.1f},{yy}" '
                         f'fill="{color}">')
            out.append(f"{shape}<title>{escape(text)}</title>{shape.split(' ', 1)[0].replace('<', '</')}>")
    out.append(f'<text x="{left}" y="{height - 4}" font-size="10" fill="#333">Procentpoint flere i selvforsørgelse'
               f'</text>')
    lx = width - right - 230
    out.append(f'<circle cx="{lx}" cy="{height - 7}" r="4" fill="{LOCAL}"/>'
               f'<text x="{lx + 8}" y="{height - 4}" font-size="10" fill="#333">Lokalt (95 %-interval)</text>')
    out.append(f'<polygon points="{lx + 130},{height - 12} {lx + 135},{height - 7} {lx + 130},{height - 2} '
               f'{lx + 125},{height - 7}" fill="{NATIONAL}"/>'
               f'<text x="{lx + 139}" y="{height - 4}" font-size="10" fill="#333">Vidensbanken</text>')
    out.append("</svg>")
    return "".join(out)
