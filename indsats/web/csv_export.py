"""CSV downloads a Danish spreadsheet opens as it is (see ``domain.formatting.spreadsheet_csv``).

Every cell goes through ``domain.formatting.csv_cell``, which escapes text starting with a formula
character (``= + - @``, tab, CR) with a leading ``'``: a citizen's name or a note like
``=HYPERLINK(...)`` opens as text, not as a formula (CSV injection)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from fastapi.responses import Response, StreamingResponse

from indsats.domain.formatting import spreadsheet_csv


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    return csv_text_response(filename, spreadsheet_csv(header, rows))


def csv_text_response(filename: str, text: str) -> Response:
    """The text with a byte-order mark, so Excel reads æ, ø and å as UTF-8."""
    return Response("\ufeff" + text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def csv_streamed_response(filename: str, header: Sequence[str], rows: Iterable[Sequence],
                          chunk: int = 1_000) -> StreamingResponse:
    """Like ``csv_response``, but written as the rows come (a long export is never held, nor cut)."""
    def lines() -> Iterator[str]:
        yield "\ufeff" + spreadsheet_csv(header, [])
        batch: list[Sequence] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                yield _body(batch)
                batch = []
        if batch:
            yield _body(batch)

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _body(rows: list[Sequence]) -> str:
    text = spreadsheet_csv([], rows)
    return text[2:]  # spreadsheet_csv always writes a header line; an empty one is just CRLF
