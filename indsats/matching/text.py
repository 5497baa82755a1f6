"""Text normalisation shared by the taxonomy, the skills and the keyword baseline."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-zæøåäöüéè]+")

# Endings that Danish and English add to an occupation word (plural, definite form).
INFLECTIONS = ("", "e", "r", "s", "n", "en", "er", "ne", "et", "es", "ere", "erne", "ene", "rne")

LANGUAGE_CODES = {
    "dansk": "da", "danish": "da", "engelsk": "en", "english": "en", "tysk": "de", "german": "de",
    "svensk": "sv", "swedish": "sv", "norsk": "no", "norwegian": "no", "polsk": "pl", "polish": "pl",
    "arabisk": "ar", "arabic": "ar", "tyrkisk": "tr", "turkish": "tr", "fransk": "fr", "french": "fr",
    "spansk": "es", "spanish": "es", "ukrainsk": "uk", "ukrainian": "uk", "rumænsk": "ro",
    "romanian": "ro", "litauisk": "lt", "lithuanian": "lt", "somali": "so", "persisk": "fa",
    "farsi": "fa", "urdu": "ur", "tigrinya": "ti", "russisk": "ru", "russian": "ru",
}


def normalise(text: str) -> str:
    """Lower case, NFC, punctuation to spaces: 'Social- og Sundheds-Assistent' → 'social og sundheds assistent'."""
    text = unicodedata.normalize("NFC", text or "").lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def tokens(text: str) -> list[str]:
    return normalise(text).split()


def language_code(value: str) -> str:
    """'Dansk', 'DA', 'danish' → 'da'; unknown names are kept in lower case."""
    key = normalise(value)
    return LANGUAGE_CODES.get(key, key)
