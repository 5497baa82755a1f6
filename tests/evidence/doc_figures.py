"""Print the figures of docs/EFFECTS.md and docs/SCREENING_MODEL_CARD.md (run by hand:
``python -m tests.evidence.doc_figures``); the docs quote its output."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from indsats.evidence.effects import effects
from indsats.evidence.evaluation import model_card, score_held_out
from indsats.evidence.weekmatrix import read_matrix

from .simulator import Simulation


def main() -> None:
    sim = Simulation(persons=16_000, weeks=208, burn_in=104, seed=7)
    folder = Path(tempfile.mkdtemp())
    panel, persons = sim.write(folder)
    m = read_matrix(panel, persons)
    print("| horizon (weeks) | offer | estimate | 95 % interval | true effect | naive |")
    print("|---|---|---|---|---|---|")
    for h in (4, 8, 13, 26, 39, 52):
        got = effects(m, sim.week(52), sim.week(103), h)["offers"]
        truth = sim.true_effects(52, 103, h)
        for offer, row in got.items():
            print(f"| {h} | {offer} | {row['effect']:+.3f} | {row['ci_low']:+.3f} … {row['ci_high']:+.3f} | "
                  f"{truth[offer]['effect']:+.3f} | {row['naive_effect']:+.3f} |")
    card = model_card(score_held_out(m, [sim.week(c) for c in range(131, 156, 4)]))
    print(json.dumps(card, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
