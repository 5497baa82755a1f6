"""User-entered text is stored whole or refused, never cut: ``bounded`` checks a field's maximum length.

The refusal is an ``InvalidField`` naming the field, so a form re-renders with the typed text and the
message at the field, and the API answers 422.
"""

from __future__ import annotations

from .errors import InvalidField


def bounded(value: str, max_length: int, field: str, label: str, *, squash: bool = False) -> str:
    """``value`` stripped (``squash``: runs of whitespace made one space); refused when over ``max_length``."""
    text = " ".join(value.split()) if squash else value.strip()
    if len(text) > max_length:
        raise InvalidField(field, f"{label}: højst {max_length:,} tegn (der er {len(text):,}).".replace(",", "."))
    return text
