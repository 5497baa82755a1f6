"""The committee pack (udvalgspakke) as Danish HTML and PDF, with the result review's style and filters.

The content is collected by ``services.steering.committee_pack``; this module only renders it."""

from __future__ import annotations

from .result_review import environment, pdf_bytes

__all__ = ["pdf_bytes", "render_html"]


def render_html(pack) -> str:
    """The pack (``services.steering.committee_pack.CommitteePack``) as one HTML page."""
    return environment().get_template("committee_pack.html").render(p=pack)
