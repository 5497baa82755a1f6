"""The result review (resultatrevision) as Danish HTML with inline SVG charts (``render_html``)
and as PDF with WeasyPrint (``write_pdf``).

The figures — per goal baseline, target, actual, attainment and trend; per target group volumes,
activation and timeliness; the comparison group — are collected by ``services.result_review``.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from indsats.domain.formatting import dato, format_value, procent, tal
from indsats.domain.labels import for_users

from . import svg

TEMPLATES = Path(__file__).with_name("templates")

__all__ = ["TEMPLATES", "environment", "format_value", "pdf_bytes", "render_html", "write_pdf"]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The reports' Jinja environment with the Danish filters (shared by the committee pack); one per process,
    so each template is compiled once."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    env.filters.update(dato=dato, tal=tal, procent=procent, kilde=for_users)
    env.globals["fmt"] = format_value
    return env


def render_html(review) -> str:
    """The review (``services.result_review.Review``) as one HTML page."""
    charts = {
        v.goal.id: svg.line_chart(v.series, v.unit, v.trajectory, v.comparison, title=v.goal.title)
        for v in review.goals if v.series
    }
    volume_chart = svg.bar_chart([(g.label, g.fte) for g in review.groups], "fte", title="Fuldtidspersoner pr. ydelse")
    scenario_chart = ""
    if getattr(review, "scenarios", None):
        net_row = [next(r for r in s.rows if r[0].startswith("Kommunens nettoudgift")) for s in review.scenarios]
        net = [("Basis", net_row[0][1])] + [(s.name, row[2]) for s, row in zip(review.scenarios, net_row, strict=True)]
        scenario_chart = svg.bar_chart([(n, v / 1e6) for n, v in net], "mio. kr.",
                                       title="Kommunens nettoudgift næste år (mio. kr.)")
    return environment().get_template("result_review.html").render(r=review, charts=charts, volume_chart=volume_chart,
                                                                   scenario_chart=scenario_chart)


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_ROOT_STYLE = re.compile(r'<svg\b[^>]*?\sstyle="([^"]*)"')


def _chart_as_image(match: re.Match) -> str:
    """An inline SVG chart as an ``<img>`` of the same SVG (its root ``style`` on the image). WeasyPrint draws
    both alike (an inline ``<svg>`` is an image to it too), but then neither parses the chart's markup as
    HTML nor cascades the document's styles over its hundreds of elements: a fifth of the review's PDF time."""
    svg = match.group(0)
    style = _ROOT_STYLE.match(svg)
    label = re.search(r'aria-label="([^"]*)"', svg)
    attrs = (f' style="{style.group(1)}"' if style else "") + (f' alt="{label.group(1)}"' if label else "")
    return f'<img{attrs} src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}">'


def _for_weasyprint(html: str) -> str:
    return _SVG.sub(_chart_as_image, html)


def write_pdf(html: str, out: Path) -> None:
    Path(out).write_bytes(pdf_bytes(html))


def pdf_bytes(html: str) -> bytes:
    """The HTML as PDF bytes (for a download that is never written to disk)."""
    from weasyprint import HTML

    return HTML(string=_for_weasyprint(html), base_url=str(TEMPLATES)).write_pdf()
