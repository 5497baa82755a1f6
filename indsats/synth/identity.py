"""Danish names, addresses, synthetic CPR numbers and CVR numbers.

Names and street names come from Faker's ``da_DK`` providers; we sample its lists
with our own seeded ``random.Random`` (instead of calling Faker per person) so that a
100,000-citizen build stays fast and the result depends only on the seed. Common
surnames (Jensen, Nielsen, ...) come first in Faker's list and get a higher weight.
"""

from __future__ import annotations

import random
from datetime import date
from itertools import accumulate

from faker.providers.address.da_DK import Provider as AddressProvider
from faker.providers.company.da_DK import Provider as CompanyProvider
from faker.providers.person.da_DK import Provider as PersonProvider

from indsats.domain import cpr

from .profiles import Postcode

FIRST_MALE = tuple(PersonProvider.first_names_male)
FIRST_FEMALE = tuple(PersonProvider.first_names_female)
LAST_NAMES = tuple(PersonProvider.last_names)
_LAST_CUM = list(accumulate(1.0 / (rank + 3) for rank in range(len(LAST_NAMES))))
STREETS = tuple(AddressProvider.street_names)
STREET_SUFFIXES = tuple(AddressProvider.street_suffixes)
COMPANY_SUFFIXES = tuple(CompanyProvider.company_suffixes)


def person_name(rng: random.Random, female: bool) -> tuple[str, str]:
    first = rng.choice(FIRST_FEMALE if female else FIRST_MALE)
    last = rng.choices(LAST_NAMES, cum_weights=_LAST_CUM)[0]
    return first, last


def street_address(rng: random.Random) -> str:
    street = rng.choice(STREETS) + rng.choice(STREET_SUFFIXES)
    number = rng.randint(1, 120) if rng.random() < 0.8 else rng.randint(1, 20)
    suffix = "" if rng.random() < 0.9 else rng.choice("ABC")
    return f"{street.strip()} {number}{suffix}"


def postcode_picker(postcodes: tuple[Postcode, ...]):
    codes = list(postcodes)
    cum = list(accumulate(p.weight for p in codes))

    def pick(rng: random.Random) -> Postcode:
        return rng.choices(codes, cum_weights=cum)[0]

    return pick


def synthetic_cpr(birth: date, female: bool, rng: random.Random, taken: set[str]) -> str:
    """A synthetic CPR number not in ``taken`` (and added to it)."""
    while True:
        try:  # cpr.synthetic checks its own result; a century digit that does not fit: draw again
            number = cpr.synthetic(birth, female, rng)
        except AssertionError:
            continue
        if number not in taken:
            taken.add(number)
            return number


_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def synthetic_cvr(rng: random.Random, taken: set[str]) -> str:
    """An 8-digit CVR number that passes the modulus-11 check, not in ``taken``."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        partial = sum(d * w for d, w in zip(digits, _CVR_WEIGHTS[:7], strict=True))
        check = (-partial) % 11
        if check == 10:
            continue
        number = "".join(map(str, digits)) + str(check)
        if number not in taken:
            taken.add(number)
            return number


def company_name(rng: random.Random) -> str:
    last = rng.choices(LAST_NAMES, cum_weights=_LAST_CUM)[0]
    suffix = rng.choice(COMPANY_SUFFIXES)
    form = rng.random()
    if form < 0.55:
        return f"{last} {suffix}"
    if form < 0.8:
        other = rng.choice(LAST_NAMES)
        return f"{last} & {other} {suffix}"
    if form < 0.9:
        return f"{last} & Søn {suffix}"
    return f"{rng.choice(STREETS)} {rng.choice(('Service', 'Byg', 'Gruppen', 'Handel', 'Teknik'))} {suffix}"


def initials(first: str, last: str, taken: set[str]) -> str:
    """Caseworker initials (2-4 letters, upper case), unique within a municipality."""
    base = (first[:2] + last[:1]).upper()
    candidate, n = base, 1
    while candidate in taken:
        candidate = (first[:1] + last[:1]).upper() + (last[n:n + 1] or str(n)).upper() + str(n)
        n += 1
    taken.add(candidate)
    return candidate
