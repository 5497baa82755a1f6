"""Reading an import file (CSV or JSON) with the line numbers its errors must name.

The encoding is named (``encoding=``, the commands' ``--encoding``) or found: a byte-order
mark says UTF-8 or UTF-16; otherwise strict UTF-8, and failing that Windows-1252 (a
superset of latin-1's letters), or latin-1 itself. Whatever cannot be a text file of data
is refused naming the file and line (and field where there is one): an empty file, a
binary one (a zip/Excel/PDF, NUL bytes, control characters), a field over
``MAX_FIELD_CHARS`` characters.
"""

from __future__ import annotations

import codecs
import csv
import json
from pathlib import Path
from typing import Any

import filetype

from indsats.services.shared.errors import InvalidInput

MAX_FIELD_CHARS = 10_000
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(path: Path, refused: type[InvalidInput], encoding: str | None = None) -> str:
    """The file's text, or ``refused`` naming file and line of what makes it no text file."""
    if not path.exists():
        raise refused(f"{path}: filen findes ikke")
    data = path.read_bytes()
    if not data.strip():
        raise refused(f"{path.name}: filen er tom")
    kind = filetype.guess(data[:8192])
    if kind is not None:
        raise refused(f"{path.name}: filen er en binær fil ({kind.mime}), ikke CSV eller JSON — "
                      f"gem den som CSV (UTF-8) og prøv igen")
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError as exc:
            raise refused(f"{path.name}: ukendt tegnsæt {encoding!r} (fx utf-8, utf-16, cp1252, latin-1)") from exc
        except UnicodeDecodeError as exc:
            raise refused(f"{path.name}, linje {_line_of(data, exc.start)}: byte 0x{data[exc.start]:02x} "
                          f"kan ikke læses som {encoding}") from exc
    else:
        text = _detect(data)
    text = text.removeprefix("\ufeff")
    for number, line in enumerate(text.splitlines(), start=1):
        bad = next((ch for ch in line if ch in _CONTROL), None)
        if bad is not None:
            what = "et NUL-tegn" if bad == "\x00" else f"kontroltegnet 0x{ord(bad):02x}"
            raise refused(f"{path.name}, linje {number}: indeholder {what} — er det en binær fil eller et "
                          f"forkert tegnsæt? (angiv det med --encoding)")
    return text


def _detect(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    if data.count(b"\x00") > len(data) // 4:  # UTF-16 without a BOM: every other byte is 0
        raise InvalidInput("UTF-16 uden byte-order-mark")  # replaced below by the caller's error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_json(path: Path, refused: type[InvalidInput], encoding: str | None = None) -> Any:
    """The parsed document; ``refused`` (the importer's error) names the file and line otherwise."""
    text = _text(path, refused, encoding)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise refused(f"{path.name}, linje {exc.lineno}: ugyldig JSON ({exc.msg})") from exc
    _check_lengths(path, refused, document)
    return document


def read_csv(path: Path, refused: type[InvalidInput],
             encoding: str | None = None) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and each row with its line in the file; ';' or ',' as found."""
    text = _text(path, refused, encoding)
    sample = text[:4096]
    reader = csv.DictReader(text.splitlines(keepends=True), delimiter=";" if sample.count(";") > sample.count(",")
                            else ",")
    rows = []
    try:
        for row in reader:
            for field, value in row.items():
                if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
                    raise refused(f"{path.name}, linje {reader.line_num}, felt '{field}': højst {MAX_FIELD_CHARS} "
                                  f"tegn (har {len(value)})")
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise refused(f"{path.name}, linje {reader.line_num}: kan ikke læses som CSV ({exc})") from exc
    header = [f.strip() for f in reader.fieldnames or []]
    if not rows:
        raise refused(f"{path.name}: filen har ingen rækker under overskriften")
    return header, rows


def _text(path: Path, refused: type[InvalidInput], encoding: str | None) -> str:
    try:
        return decode(path, refused, encoding)
    except InvalidInput as exc:
        if isinstance(exc, refused):
            raise
        raise refused(f"{path.name}: ser ud som UTF-16 uden byte-order-mark — angiv --encoding utf-16-le "
                      f"eller utf-16-be") from exc


def _check_lengths(path: Path, refused: type[InvalidInput], node: Any, where: str = "") -> None:
    if isinstance(node, str) and len(node) > MAX_FIELD_CHARS:
        raise refused(f"{path.name}, felt '{where or '(dokumentet)'}': højst {MAX_FIELD_CHARS} tegn (har {len(node)})")
    if isinstance(node, dict):
        for key, value in node.items():
            _check_lengths(path, refused, value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node, start=1):
            _check_lengths(path, refused, value, f"{where}[{index}]" if where else f"element {index}")


def read_utf8_file(path: str | Path, refused: str) -> tuple[Path, str]:
    """The path and text of a UTF-8 file (with or without BOM), or InvalidInput ``{refused} — {path}: kan ikke læses``."""
    path = Path(path)
    try:
        return path, path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{refused} — {path}: kan ikke læses ({exc})") from None
