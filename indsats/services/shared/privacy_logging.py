"""No CPR number in any log line: a log-record factory installed for the whole process.

Every record any logger creates (ours, uvicorn's, SQLAlchemy's, a library's) passes through
``_masking_factory``: CPR-like numbers — ten digits, with or without the dash, not part of a longer
number — in the message, its arguments and a formatted traceback become ``XXXXXX-XXXX``. The access
log (``uvicorn.access``) also loses the query string of the request line, so a search text never
reaches it. A factory rather than a ``logging.Filter`` because a filter on a logger does not see
records propagated from its children and a filter on a handler misses handlers added later.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

CPR_LIKE = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")
MASK = "XXXXXX-XXXX"
# PostgreSQL's error detail repeats the row's values ("Failing row contains (...)", "Key (cpr)=(...)"):
# SQLAlchemy's hide_parameters cannot reach it, so a logged database error loses that line here.
PG_DETAIL = re.compile(r"DETAIL:[^\n]*")
ACCESS_LOGGER = "uvicorn.access"

_installed: dict[str, Any] = {}


def mask_cpr(text: str) -> str:
    """CPR-like numbers masked, and a database error's row values left out."""
    return CPR_LIKE.sub(MASK, PG_DETAIL.sub("DETAIL: (rækkens værdier udeladt)", text))


def _mask(value: Any) -> Any:
    if isinstance(value, str):
        return mask_cpr(value)
    if value is None or isinstance(value, (int, float)):
        return value  # numbers keep their type for %d and %f
    return mask_cpr(str(value))  # an exception, a dict, a row: its text, masked


def _without_query(path: Any) -> Any:
    return path.split("?", 1)[0] if isinstance(path, str) else path


def _clean(record: logging.LogRecord) -> logging.LogRecord:
    if record.name == ACCESS_LOGGER and isinstance(record.args, tuple) and len(record.args) >= 3:
        # uvicorn: (client, method, path with query, http version, status)
        args = list(record.args)
        args[2] = _without_query(args[2])
        record.args = tuple(args)
    if isinstance(record.msg, str):
        record.msg = mask_cpr(record.msg)
    if isinstance(record.args, tuple):
        record.args = tuple(_mask(a) for a in record.args)
    elif isinstance(record.args, dict):
        record.args = {k: _mask(v) for k, v in record.args.items()}
    if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
        record.exc_text = mask_cpr("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
    return record


def install_cpr_masking() -> None:
    """Install the masking factory once per process (idempotent)."""
    if "factory" in _installed:
        return
    previous = logging.getLogRecordFactory()

    def _masking_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return _clean(previous(*args, **kwargs))

    logging.setLogRecordFactory(_masking_factory)
    _installed["factory"] = _masking_factory


__all__ = ["CPR_LIKE", "install_cpr_masking", "mask_cpr"]
