"""The economy's CSV files read one way: the BOM dropped, ``;`` or ``,`` told from the header line,
blank rows passed over, each row with its line number (1 = the header) for the Danish error messages."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CsvRows:
    header: list[str]  # as written: the caller strips and names the columns
    rows: Iterator[tuple[int, list[str]]]  # (line number, fields) of each row that is not blank


def read_csv_rows(text: str, *, semicolon_on_tie: bool = True) -> CsvRows | None:
    """The header and the rows of the CSV ``text``; None when the file is empty (no header line).

    The delimiter is the one the header line has more of; on a tie ``;`` (or ``,`` if not ``semicolon_on_tie``)."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return None
    semicolons, commas = lines[0].count(";"), lines[0].count(",")
    delimiter = ";" if semicolons > commas or (semicolon_on_tie and semicolons == commas) else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for row in reader:
            if any(field.strip() for field in row):
                yield reader.line_num, row

    return CsvRows(header, rows())
