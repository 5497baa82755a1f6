"""The weekly benefit panel of shared/contracts/kpis.md, from generated spells and offers.

One row per person and ISO week on a benefit: ``person_id, week, benefit, readiness,
offer``. Conventions (where a week is not one clean state):

* A week belongs to every spell that covers at least one of its days; when two
  spells share a week (a benefit change mid-week) the later spell wins.
* ``offer`` is the offer covering at least one day of the week; of several, the
  latest-starting one. Offers outside weeks on a benefit are not in the panel.
* The panel runs from the ISO week of ``three years before as-of`` to the week of
  the as-of date; earlier spell weeks are cut off.

``persons`` gives ``person_id, birth_date`` for the age-based measures. Person ids
are ``<municipality code>-<citizen id>``.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from .generator import SyntheticMunicipality, three_years_before

#: week Monday (ordinal) -> (benefit, readiness or "", offer or "")
PersonWeeks = dict[int, tuple[str, str, str]]


def monday(day: int) -> int:
    return day - date.fromordinal(day).weekday()


def iso_week(monday_ordinal: int) -> str:
    year, week, _ = date.fromordinal(monday_ordinal).isocalendar()
    return f"{year}-W{week:02d}"


def panel_span(m: SyntheticMunicipality) -> tuple[int, int]:
    """First and last Monday (ordinals) of the panel."""
    return monday(three_years_before(m.as_of).toordinal()), monday(m.as_of.toordinal())


def person_weeks(m: SyntheticMunicipality) -> dict[int, PersonWeeks]:
    """For each citizen id, the weeks on a benefit with readiness and offer."""
    first, last = panel_span(m)
    as_of = m.as_of.toordinal()
    weeks: dict[int, PersonWeeks] = defaultdict(dict)
    for spell in sorted(m.spells, key=lambda s: (s.citizen_id, s.start, s.id or 0)):
        start = spell.start.toordinal()
        stop = spell.end.toordinal() - 1 if spell.end is not None else as_of
        if stop < start:
            continue
        week = max(first, monday(start))
        end_week = min(last, monday(stop))
        entry = (str(spell.benefit), str(spell.readiness or ""), "")
        mine = weeks[spell.citizen_id]
        while week <= end_week:
            mine[week] = entry
            week += 7
    for offer in sorted(m.offers, key=lambda o: (o.citizen_id, o.start, o.id or 0)):
        mine = weeks.get(offer.citizen_id)
        if not mine:
            continue
        start = offer.start.toordinal()
        stop = min(offer.end.toordinal() - 1 if offer.end is not None else as_of, as_of)
        week = max(first, monday(start))
        while week <= min(last, monday(stop)):
            held = mine.get(week)
            if held is not None:
                mine[week] = (held[0], held[1], str(offer.offer_type))
            week += 7
    return weeks


def panel_rows(m: SyntheticMunicipality) -> Iterator[dict[str, str]]:
    code = m.municipality.code
    for citizen_id, mine in sorted(person_weeks(m).items()):
        for week in sorted(mine):
            benefit, readiness, offer = mine[week]
            yield {"person_id": f"{code}-{citizen_id}", "week": iso_week(week), "benefit": benefit,
                   "readiness": readiness, "offer": offer}


def person_rows(m: SyntheticMunicipality) -> Iterator[dict[str, str]]:
    code = m.municipality.code
    for citizen in m.citizens:
        yield {"person_id": f"{code}-{citizen.id}", "birth_date": citizen.birth_date.isoformat()}


def write_panel(m: SyntheticMunicipality, directory: Path) -> tuple[Path, Path]:
    """``panel-<code>.csv`` and ``persons-<code>.csv`` in ``directory``; returns both paths."""
    directory.mkdir(parents=True, exist_ok=True)
    code = m.municipality.code
    panel_path, persons_path = directory / f"panel-{code}.csv", directory / f"persons-{code}.csv"
    for path, rows, header in ((panel_path, panel_rows(m), ["person_id", "week", "benefit", "readiness", "offer"]),
                               (persons_path, person_rows(m), ["person_id", "birth_date"])):
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
    return panel_path, persons_path
