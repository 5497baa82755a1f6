"""Generated from the data: every dated value in ``indsats/law/parameters/*.yaml`` and every regime
start is checked on the day before and on the day itself.

On its ``valid_from`` a parameter must give the new value; the day before, the earlier one (or
none at all for its first value). A new entry that repeats the earlier value must say why with a
different legal source or confidence mark (e.g. the same 6 months re-enacted in LBK 280/2024, or
the same 8 weeks now read in the law text) — an entry that changes nothing and documents nothing
new is a mistake in the data.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from indsats.law.parameters import ParameterError, default_parameters
from indsats.law.regimes import default_regimes

PARAMS = default_parameters()
DATED = [(name, i) for name in PARAMS.names() for i in range(len(PARAMS.parameter(name).values))]


@pytest.mark.parametrize(("name", "index"), DATED, ids=lambda v: str(v))
def test_each_valid_from_selects_its_value_on_the_day_and_not_the_day_before(name: str, index: int) -> None:
    parameter = PARAMS.parameter(name)
    entry = parameter.values[index]
    day_before = entry.valid_from - timedelta(days=1)
    assert PARAMS.get(name, entry.valid_from) == entry
    assert PARAMS.snapshot(entry.valid_from)[name] == entry
    assert entry.source.strip() and entry.confidence.strip(), f"{name} {entry.valid_from}: source and confidence"
    if index == 0:
        with pytest.raises(ParameterError):
            PARAMS.get(name, day_before)
        assert name not in PARAMS.snapshot(day_before)
        return
    before = PARAMS.get(name, day_before)
    assert before == parameter.values[index - 1]
    documented = before.source != entry.source or before.confidence != entry.confidence
    assert before.value != entry.value or documented, (
        f"{name}: the entry of {entry.valid_from} repeats {before.value!r} with the same source and confidence")


REGIMES = default_regimes().regimes


@pytest.mark.parametrize("regime", REGIMES[1:], ids=lambda r: r.name)
def test_each_regime_starts_on_its_day(regime) -> None:
    regimes = default_regimes()
    assert regimes.at(regime.valid_from) is regime
    assert regimes.at(regime.valid_from - timedelta(days=1)) is not regime
    assert regime.source and regime.label and regime.confidence


def test_there_is_no_2027_regime_until_phase_2_can_be_cited() -> None:
    assert max(r.valid_from for r in REGIMES).year < 2027
