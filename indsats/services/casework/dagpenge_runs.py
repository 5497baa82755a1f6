"""The kept runs of dagpenge weeks per citizen (``kept_dagpenge_runs``), for the benefit-exhaustion watch.

Rewritten beside the kept obligations — ``obligation_store`` calls ``refresh_runs`` for the citizens it
refreshes, so every write that changes the benefit spells (recording, registrations, imports) and
``indsats obligations refresh`` keep them current in the same transaction. The runs depend on the spells
only (``evidence.benefit_period.dagpenge_runs``), not on the day or the law's parameters, so the watch
sums the weeks used of any week's reference period in one SQL query and pages it there.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from indsats.evidence.spell_weeks import dagpenge_runs
from indsats.store.obligation_tables import DagpengeRunRow
from indsats.store.tables import BenefitSpellRow

R = DagpengeRunRow


def refresh_runs(session: Session, citizen_ids: list[int]) -> int:
    """Replace the runs of the given citizens (the caller's transaction, chunks of at most a few thousand);
    returns the runs written."""
    spells: dict[int, list] = {}
    for s in session.execute(
            select(BenefitSpellRow.citizen_id, BenefitSpellRow.benefit, BenefitSpellRow.start, BenefitSpellRow.end)
            .where(BenefitSpellRow.citizen_id.in_(citizen_ids))
            .order_by(BenefitSpellRow.citizen_id, BenefitSpellRow.start, BenefitSpellRow.id)):
        spells.setdefault(s.citizen_id, []).append((s.benefit, s.start, s.end))
    rows = [{"citizen_id": cid, "first_week": first, "last_week": last}
            for cid, found in spells.items() for first, last in dagpenge_runs(found)]
    connection = session.connection()
    connection.execute(delete(R.__table__).where(R.citizen_id.in_(citizen_ids)))
    if rows:
        connection.execute(insert(R.__table__), rows)
    return len(rows)


def drop_stale(session: Session) -> None:
    """Remove the runs of citizens who no longer have any spell."""
    session.execute(delete(R).where(R.citizen_id.not_in(select(BenefitSpellRow.citizen_id))))
