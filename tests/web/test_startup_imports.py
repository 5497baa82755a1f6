"""`indsats serve` answers fast because the web stack does not import the analytics stack:
pandas, Ibis, DuckDB, scikit-learn, WeasyPrint and friends load on the first request that needs
them, never at start-up (docs/PERFORMANCE.md, start-up)."""

from __future__ import annotations

import json
import subprocess
import sys

# NumPy is not on the list: the what-if scenarios' dataclass lives beside the simulation (economy.simulation).
HEAVY = ("pandas", "ibis", "duckdb", "sklearn", "scipy", "weasyprint", "matplotlib", "pyarrow", "faker", "alembic")

PROBE = """
import json, sys
import indsats.cli.app_commands
from indsats.services.shared.database import Database
from indsats.services.steering.measure_store import start_background_refresh
from indsats.web.app import create_app
create_app(Database("sqlite://"))
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in %r)))
"""


def test_serving_path_loads_no_analytics_stack():
    out = subprocess.run([sys.executable, "-c", PROBE % (HEAVY,)], capture_output=True, text=True, check=True)
    loaded = {name.split(".")[0] for name in json.loads(out.stdout.strip().splitlines()[-1])}
    assert not loaded, f"imported at start-up: {sorted(loaded)} (import them inside the function that needs them)"
