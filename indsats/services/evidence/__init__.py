"""Evidence use cases: early warning for the newly unemployed and the effects of offers.

``files`` serves the two commands of contracts/effects.md on panel files (CSV, Parquet, the
DREAM wide layout, the panel of ``indsats panel-export``). The errors the CLI reports are
re-exported here: ``PanelError`` (a malformed file, named with file, row and column) and
``EvidenceError`` (the panel cannot answer: too little history, a period outside it).
"""

from indsats.analytics.contract import PanelError
from indsats.evidence import EvidenceError

__all__ = ["EvidenceError", "PanelError"]
