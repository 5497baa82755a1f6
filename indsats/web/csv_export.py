"""CSV downloads a Danish spreadsheet opens as it is (see ``domain.formatting.spreadsheet_csv``).

Every cell goes through ``domain.formatting.csv_cell``, which escapes text starting with a formula
character (``= + - @``, tab, CR) with a leading ``'``: a citizen's name or a note like
``=HYPERLINK(...)`` opens as text, not as a formula (CSV injection)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fastapi.responses import Response

from indsats.domain.formatting import spreadsheet_csv


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    return csv_text_response(filename, spreadsheet_csv(header, rows))


def csv_text_response(filename: str, text: str) -> Response:
    """The text with a byte-order mark, so Excel reads æ, ø and å as UTF-8."""
    return Response("\ufeff" + text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
