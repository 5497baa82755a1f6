"""CPR numbers: parsing, century rule and synthetic generation.

Validation of form is delegated to ``python-stdnum``; we only add the synthetic
generator, which this project needs and stdnum does not provide. Synthetic numbers
are valid in form (date and century digit agree) and carry no real person's data;
the store marks them with ``synthetic = True``.
"""

from __future__ import annotations

import random
from datetime import date

from stdnum.dk import cpr as stdnum_cpr


class InvalidCpr(ValueError):
    pass


def normalise(value: str) -> str:
    """'010190-1234' or '0101901234' → '0101901234'; raises InvalidCpr on bad form."""
    digits = stdnum_cpr.compact(value)
    if len(digits) != 10 or not digits.isdigit():
        raise InvalidCpr(f"CPR-nummer skal have 10 cifre: {value!r}")
    try:
        stdnum_cpr.get_birth_date(digits)
    except Exception as exc:  # stdnum raises its own ValidationError subclasses
        raise InvalidCpr(f"CPR-nummer har ingen gyldig fødselsdato: {value!r}") from exc
    return digits


def birth_date(value: str) -> date:
    return stdnum_cpr.get_birth_date(normalise(value))


def formatted(value: str) -> str:
    """'0101901234' → '010190-1234'. Ten digits as stored (checked when written) are shown as they are: a
    list page shows 50 numbers, and checking each again cost more than the rest of its row."""
    digits = value if len(value) == 10 and value.isdigit() else normalise(value)
    return f"{digits[:6]}-{digits[6:]}"


def _century_digit(year: int, rng: random.Random) -> int:
    """A 7th digit that encodes the birth year's century (CPR-kontorets regel)."""
    yy = year % 100
    if 1900 <= year <= 1999:
        choices = [0, 1, 2, 3] + ([4, 9] if yy >= 37 else [])
    elif 2000 <= year <= 2036:
        choices = [4, 9, 5, 6, 7, 8]
    elif 2037 <= year <= 2057:
        choices = [5, 6, 7, 8]
    elif 1858 <= year <= 1899:
        choices = [5, 6, 7, 8]
    else:
        raise InvalidCpr(f"år uden for CPR-registerets område: {year}")
    return rng.choice(choices)


def synthetic(birth: date, female: bool, rng: random.Random) -> str:
    """A synthetic CPR number for a birth date; the last digit is even for women."""
    seventh = _century_digit(birth.year, rng)
    middle = rng.randrange(0, 100)
    last = rng.randrange(0, 10, 2) + (0 if female else 1)
    digits = f"{birth:%d%m%y}{seventh}{middle:02d}{last}"
    assert stdnum_cpr.get_birth_date(digits) == birth, digits
    return digits
