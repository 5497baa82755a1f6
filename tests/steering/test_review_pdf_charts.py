"""The PDF writer hands WeasyPrint the review's SVG charts as images (cheaper to parse and style): the pages
must be drawn exactly as from the inline charts — every chart there, at its size, with its labels (a chart
sized by its own ``style``, like the bar chart, vanished when the style stayed inside the image)."""

from __future__ import annotations

from datetime import date

from indsats.reports import svg
from indsats.reports.result_review import TEMPLATES, pdf_bytes
from tests.steering.pdf_text import _objects, _stream, pdf_text


def _drawn(pdf: bytes) -> list[bytes]:
    """The content streams that draw (decompressed by ``pdf_text``'s reader), in a stable order."""
    return sorted(raw for body in _objects(pdf).values() if (raw := _stream(body)) and (b" cm" in raw or b"BT" in raw))


def test_charts_as_images_draw_the_same_pages_as_inline_svg():
    from weasyprint import HTML

    line = svg.line_chart([(date(2026, 1, 1), 10.0), (date(2026, 6, 1), 12.5), (date(2026, 11, 1), 11.0)], "persons",
                          [(date(2026, 1, 1), 10.0), (date(2026, 12, 31), 9.0)], title="Langtidsledige")
    bars = svg.bar_chart([("Dagpenge", 612.9), ("Kontanthjælp", 704.9)], "fte", title="Fuldtidspersoner pr. ydelse")
    html = (f"<html><body><h1>Resultatrevision</h1><p>Før diagrammet.</p>{line}"
            f"<h2>Målgrupper</h2>{bars}<p>Efter diagrammet.</p></body></html>")

    inline = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    written = pdf_bytes(html)

    assert _drawn(written) == _drawn(inline)
    assert "Før diagrammet. Målgrupper Efter diagrammet." in " ".join(pdf_text(written).split())
