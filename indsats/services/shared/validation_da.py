"""Pydantic's validation errors as Danish messages: ``Feltet 'hours_per_week' (timer pr. uge) må højst være 60.``

The field keeps its API name (integrations and the JSON API use it) and gets its label
from the form in parentheses; unknown error types keep pydantic's own text.
"""

from __future__ import annotations

from pydantic import ValidationError

from indsats.services.shared.errors import InvalidInput

MESSAGES_DA = {
    "missing": "skal udfyldes",
    "extra_forbidden": "kendes ikke",
    "string_too_short": "skal have mindst {min_length} tegn",
    "string_too_long": "må højst have {max_length} tegn",
    "too_short": "skal have mindst {min_length}",
    "too_long": "må højst have {max_length}",
    "greater_than": "skal være større end {gt}",
    "greater_than_equal": "skal være mindst {ge}",
    "less_than": "skal være mindre end {lt}",
    "less_than_equal": "må højst være {le}",
    "string_pattern_mismatch": "har ikke det rigtige format",
    "string_type": "skal være tekst",
    "list_type": "skal være en liste",
    "float_parsing": "skal være et tal",
    "float_type": "skal være et tal",
    "int_parsing": "skal være et helt tal",
    "int_type": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "bool_parsing": "skal være ja eller nej",
    "bool_type": "skal være ja eller nej",
    "date_parsing": "skal være en dato (åååå-mm-dd)",
    "date_from_datetime_parsing": "skal være en dato (åååå-mm-dd)",
    "date_type": "skal være en dato (åååå-mm-dd)",
    "enum": "skal være en af: {expected}",
    "literal_error": "skal være en af: {expected}",
    "json_invalid": "er ikke gyldig JSON",
    "dict_type": "skal være et objekt",
    "model_attributes_type": "skal være et objekt",
    "model_type": "skal være et objekt",
    "finite_number": "skal være et endeligt tal",
    "string_unicode": "skal være gyldig tekst (UTF-8)",
}


def _plain(value):
    return f"{value:g}" if isinstance(value, float) else value


def message_da(error: dict) -> str:
    """One pydantic error (``ValidationError.errors()[i]``) in Danish, without the field."""
    if error["type"] == "value_error":  # our own validators already speak Danish
        return error["msg"].removeprefix("Value error, ")
    template = MESSAGES_DA.get(error["type"])
    if template is None:
        return error["msg"]
    return template.format(**{k: _plain(v) for k, v in (error.get("ctx") or {}).items()})


def invalid_input(exc: ValidationError, labels: dict[str, str]) -> InvalidInput:
    """The first error of ``exc`` as an ``InvalidInput`` naming the field and its Danish label."""
    error = exc.errors()[0]
    field = ".".join(map(str, error["loc"]))
    label = labels.get(str(error["loc"][0])) if error["loc"] else None
    named = f"Feltet '{field}'" + (f" ({label})" if label else "")
    return InvalidInput(f"{named}: {message_da(error)}.")
