"""One simulated municipality per test session: 10,000 persons over four years (seed 7)."""

from __future__ import annotations

import pytest

from .simulator import Simulation


@pytest.fixture(scope="session")
def simulation():
    return Simulation(persons=10_000, weeks=208, burn_in=104, seed=7, offer_scale=1.5)


@pytest.fixture(scope="session")
def sim_files(simulation, tmp_path_factory):
    """(panel, persons) as Parquet, written once."""
    return simulation.write(tmp_path_factory.mktemp("sim"))
