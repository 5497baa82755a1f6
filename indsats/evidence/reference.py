"""Reference figures from the national knowledge bank (jobeffekter.dk), shown beside the local
estimate. The municipality imports them from a CSV file in this layout (docs/EFFECTS.md), with
``;`` (Danish spreadsheet) or ``,`` between the columns:

    indsats;målgruppe;effekt;nedre;øvre;kilde;år
    Virksomhedspraktik;Dagpengemodtagere;4,5;1,2;7,8;jobeffekter.dk: virksomhedspraktik for forsikrede ledige;2023

``indsats`` is an offer type — the Danish name (Virksomhedspraktik) or the panel's name
(company_internship); ``målgruppe`` a target group's Danish name or ``alle``; ``effekt``, ``nedre``
and ``øvre`` the effect on self-support and its interval in percentage points (decimal comma or
point; the interval may be left empty when the source gives none); ``kilde`` where the figure is
from (required); ``år`` the year of the study or of the figure (may be empty). indsats ships no such
figures: it does not invent them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from ..analytics.contract import OFFER_PATTERN
from .errors import EvidenceError

COLUMNS = ("indsats", "målgruppe", "effekt", "nedre", "øvre", "kilde", "år")
ALL_GROUPS = "alle"
MAX_ROWS = 5_000


def _pp(value: float) -> str:
    return f"{value:+.1f}".replace(".", ",").replace("-", "−")


@dataclass(frozen=True)
class Reference:
    offer: str  # the panel's offer type
    target_group: str  # a target group code ("all", "unemployment_benefit", ...)
    effect_pp: float
    low_pp: float | None
    high_pp: float | None
    source: str
    year: int | None

    def text(self) -> str:
        """"+4,5 pct.-point (−1,0 til +7,8; jobeffekter.dk, 2023)"."""
        interval = f"{_pp(self.low_pp)} til {_pp(self.high_pp)}; " if self.low_pp is not None and \
            self.high_pp is not None else ""
        year = f", {self.year}" if self.year else ""
        return f"{_pp(self.effect_pp)} pct.-point ({interval}{self.source}{year})"


def _number(text: str) -> float:
    return float(text.strip().replace("−", "-").replace(" ", "").replace(",", "."))


def parse_reference(name: str, text: str, offers: dict[str, str], groups: dict[str, str]) -> list[Reference]:
    """Every row of the file, or ``EvidenceError`` naming file, line and column of the first bad one.

    ``offers`` and ``groups`` map a lower-case name (Danish or code) to the offer type / group code."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise EvidenceError(f"{name}: linje 1 (overskrift): mangler kolonne(r) {', '.join(missing)}; "
                            f"forventet {delimiter.join(COLUMNS)}")
    at = {c: header.index(c) for c in COLUMNS}
    out: dict[tuple[str, str], Reference] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(out) >= MAX_ROWS:
            raise EvidenceError(f"{name}: linje {line}: mere end {MAX_ROWS} rækker")
        row = {c: (cells[i].strip() if i < len(cells) else "") for c, i in at.items()}

        def bad(column: str, why: str, line: int = line, row: dict[str, str] = row) -> EvidenceError:
            return EvidenceError(f"{name}: linje {line}, kolonne '{column}': {why} (værdi {row[column]!r})")

        offer = offers.get(row["indsats"].lower())
        if offer is None:
            if not re.fullmatch(OFFER_PATTERN, row["indsats"]):
                raise bad("indsats", "ukendt tilbudstype; brug fx Virksomhedspraktik eller company_internship")
            offer = row["indsats"]
        group = groups.get(row["målgruppe"].lower())
        if group is None:
            raise bad("målgruppe", "ukendt målgruppe; brug " + ", ".join(sorted({k for k in groups if " " in k
                                                                                or k == ALL_GROUPS})))
        values: dict[str, float | None] = {}
        for column in ("effekt", "nedre", "øvre"):
            if not row[column]:
                if column == "effekt":
                    raise bad(column, "tom; angiv effekten i procentpoint")
                values[column] = None
                continue
            try:
                values[column] = _number(row[column])
            except ValueError:
                raise bad(column, "ikke et tal (procentpoint)") from None
            if not -100 <= (values[column] or 0) <= 100:
                raise bad(column, "skal ligge mellem -100 og 100 procentpoint")
        effect, low, high = values["effekt"], values["nedre"], values["øvre"]
        assert effect is not None
        if (low is None) != (high is None):
            raise bad("nedre" if low is None else "øvre", "angiv både nedre og øvre grænse, eller ingen af dem")
        if low is not None and high is not None and not low <= effect <= high:
            raise bad("nedre", f"intervallet {low}–{high} skal omslutte effekten {effect}")
        if not row["kilde"]:
            raise bad("kilde", "tom; angiv hvor tallet kommer fra")
        if len(row["kilde"]) > 300:
            raise bad("kilde", "længere end 300 tegn")
        year = None
        if row["år"]:
            if not re.fullmatch(r"\d{4}", row["år"]) or not 1980 <= int(row["år"]) <= 2100:
                raise bad("år", "ikke et årstal (fx 2023)")
            year = int(row["år"])
        if (offer, group) in out:
            raise bad("indsats", "tilbud og målgruppe står der allerede")
        out[(offer, group)] = Reference(offer, group, effect, low, high, row["kilde"], year)
    if not out:
        raise EvidenceError(f"{name}: filen har ingen rækker under overskriften")
    return list(out.values())
