"""The result review (resultatrevision) as Danish HTML with inline SVG charts (``render_html``)
and as PDF with WeasyPrint (``write_pdf``).

The figures — per goal baseline, target, actual, attainment and trend; per target group volumes,
activation and timeliness; the comparison group — are collected by ``services.result_review``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from indsats.domain.formatting import dato, format_value, procent, tal
from indsats.domain.labels import for_users

from . import svg

TEMPLATES = Path(__file__).with_name("templates")

__all__ = ["TEMPLATES", "environment", "format_value", "pdf_bytes", "render_html", "write_pdf"]


def environment() -> Environment:
    """The reports' Jinja environment with the Danish filters (shared by the committee pack)."""
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


def write_pdf(html: str, out: Path) -> None:
    from weasyprint import HTML

    HTML(string=html, base_url=str(TEMPLATES)).write_pdf(str(out))


def pdf_bytes(html: str) -> bytes:
    """The HTML as PDF bytes (for a download that is never written to disk)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
