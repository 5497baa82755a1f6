"""Reference figures from the national knowledge bank (jobeffekter.dk), shown beside the local
estimate. The municipality saves them as a CSV file in this layout (docs/EFFECTS.md):

    offer,target_group,effect_pp,evidence,source
    company_internship,Dagpengemodtagere,4.5,Stærk evidens,"jobeffekter.dk, virksomhedspraktik for forsikrede ledige"

``offer`` is an offer name of the panel; ``target_group`` one of the page's target groups or
``alle``; ``effect_pp`` the effect in percentage points (decimal point or comma); ``evidence``
the knowledge bank's evidence level in words; ``source`` where the figure is from. indsats ships
no such figures: it does not invent them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..analytics.contract import OFFER_PATTERN
from .errors import EvidenceError

COLUMNS = ("offer", "target_group", "effect_pp", "evidence", "source")
ALL_GROUPS = "alle"


@dataclass(frozen=True)
class Reference:
    effect_pp: float
    evidence: str
    source: str

    def text(self) -> str:
        sign = "+" if self.effect_pp >= 0 else "−"
        return f"{sign}{abs(self.effect_pp):.1f}".replace(".", ",") + f" pct.-point ({self.evidence}; {self.source})"


def read_reference(path: Path, groups: tuple[str, ...]) -> dict[tuple[str, str], Reference]:
    """(offer, target group) → reference figure; a bad row is refused naming file, line and column."""
    out: dict[tuple[str, str], Reference] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise EvidenceError(f"{path}: linje 1 (overskrift): mangler kolonne(r) {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            def bad(column: str, why: str, line: int = line, row: dict = row) -> EvidenceError:
                return EvidenceError(f"{path}: linje {line}, kolonne '{column}': {why} (værdi {row.get(column)!r})")

            offer = (row["offer"] or "").strip()
            group = (row["target_group"] or "").strip()
            if not re.match(OFFER_PATTERN, offer):
                raise bad("offer", "ikke et tilbudsnavn (fx company_internship)")
            if group not in groups + (ALL_GROUPS,):
                raise bad("target_group", f"ukendt målgruppe; brug {', '.join(groups + (ALL_GROUPS,))}")
            try:
                effect = float((row["effect_pp"] or "").strip().replace(",", "."))
            except ValueError:
                raise bad("effect_pp", "ikke et tal (procentpoint)") from None
            if not -100 <= effect <= 100:
                raise bad("effect_pp", "skal ligge mellem -100 og 100 procentpoint")
            evidence, source = (row["evidence"] or "").strip(), (row["source"] or "").strip()
            if not source:
                raise bad("source", "tom; angiv hvor tallet kommer fra")
            if (offer, group) in out:
                raise bad("offer", "tilbud og målgruppe står der allerede")
            out[(offer, group)] = Reference(effect, evidence or "evidensniveau ikke angivet", source)
    return out
