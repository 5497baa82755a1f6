"""The plan's strategy in casework: the offer palette for the citizen's target group, in the plan's order,
and the reason asked for when an offer outside it is chosen (stored with the offer)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from indsats.domain import clock
from indsats.domain.models import User
from indsats.plan import EmploymentPlan, Strategy
from indsats.services.accounts.access import ensure_may_read_citizen
from indsats.services.shared.errors import InvalidInput, NotFound
from indsats.services.shared.text_bounds import bounded
from indsats.services.steering import goals as steering
from indsats.services.steering.plan_forms import offer_label
from indsats.store.db import Database
from indsats.store.plan_tables import OfferPaletteReasonRow
from indsats.store.tables import BenefitSpellRow, CitizenRow

REASON_FIELD = "palette_reason"
MAX_REASON = 4000


class OutsidePalette(InvalidInput):
    """An offer outside the palette without a reason; ``field`` names the form field."""

    field = REASON_FIELD


@dataclass
class Palette:
    target_group: str
    label: str
    priority: bool
    offers: list[tuple[str, str, str]]  # (offer key, Danish label, note), highest priority first

    @property
    def keys(self) -> list[str]:
        return [o[0] for o in self.offers]


def strategy_for(plan: EmploymentPlan, benefit: str | None, readiness: str | None,
                 age: int | None = None) -> Strategy | None:
    """The plan's first strategy whose target group holds a citizen on ``benefit`` with ``readiness`` and ``age``."""
    if benefit is None:
        return None
    for strategy in plan.strategies:
        if benefit not in strategy.benefits or (strategy.readiness and readiness not in strategy.readiness):
            continue
        if age is not None and ((strategy.age_max is not None and age > strategy.age_max)
                                or (strategy.age_min is not None and age < strategy.age_min)):
            continue
        return strategy
    return None


def current_spell(session: Session, citizen_id: int) -> BenefitSpellRow | None:
    spells = session.scalars(select(BenefitSpellRow).where(BenefitSpellRow.citizen_id == citizen_id)
                             .order_by(BenefitSpellRow.start.desc())).all()
    return current_of(spells)


def current_of(spells) -> BenefitSpellRow | None:
    """The spell running today: of several, the one that started last."""
    today = clock.today()
    running = [s for s in spells if s.start <= today and (s.end is None or s.end > today)]
    return max(running, key=lambda s: s.start) if running else None


def _palette(strategy: Strategy | None) -> Palette | None:
    if strategy is None:
        return None
    return Palette(strategy.target_group, strategy.label, strategy.priority,
                   [(p.offer, offer_label(p.offer), p.note) for p in strategy.offer_palette])


def citizen_palette(db: Database, user: User, citizen_id: int) -> Palette | None:
    """The palette for the citizen's target group in the plan the municipality uses (None: no group)."""
    plan = steering.plan_for(db, user.municipality_code, steering.IN_FORCE, clock.today().year)
    with db.unit_of_work() as session:
        citizen = session.get(CitizenRow, citizen_id)
        if citizen is None:
            raise NotFound("Borgeren findes ikke.")
        ensure_may_read_citizen(user, citizen)
        return palette_of(plan, current_spell(session, citizen_id), citizen.birth_date)


def palette_of(plan: EmploymentPlan, spell: BenefitSpellRow | None, birth_date: date) -> Palette | None:
    """The palette for a citizen already read: their running spell (``current_of``) and birth date."""
    return _palette(strategy_for(plan, spell.benefit if spell else None, spell.readiness if spell else None,
                                 age(birth_date)))


def age(birth: date, on: date | None = None) -> int:
    on = on or clock.today()
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def check_reason(palette: Palette | None, offer_type: str, reason: str) -> str:
    """The reason, required when ``offer_type`` is outside the palette (raises OutsidePalette); refused
    (``InvalidField``) over ``MAX_REASON`` characters."""
    reason = bounded(reason, MAX_REASON, REASON_FIELD, "Begrundelse")
    if palette is None or not palette.offers or offer_type in palette.keys:
        return reason
    if len(reason) < 3:
        raise OutsidePalette(f"{offer_label(offer_type)} er ikke i planens tilbudsvifte for {palette.label} "
                             f"({', '.join(o[1] for o in palette.offers)}). Skriv en begrundelse.")
    return reason


def _add_reason(session: Session, user: User, citizen_id: int, offer_id: int, palette: Palette | None,
                offer_type: str, reason: str) -> None:
    if palette is None or not palette.offers or offer_type in palette.keys or not reason.strip():
        return
    session.add(OfferPaletteReasonRow(offer_id=offer_id, citizen_id=citizen_id, target_group=palette.target_group,
                                      offer_type=offer_type, reason=reason.strip(),
                                      recorded_on=clock.today(), by=user.username))


def register_offer(db: Database, user: User, citizen_id: int, offer, reason: str = "") -> int:
    """Register an offer (``registration_forms.Offer``) and, when it lies outside the plan's palette for the
    citizen's target group, its reason — in one transaction; without a reason nothing is written
    (``OutsidePalette``). The case page's form and the offers API both come this way."""
    from indsats.services.casework.recording import citizen_for_write
    from indsats.services.casework.registrations import write_in_session

    palette = citizen_palette(db, user, citizen_id)
    offer_type = offer.offer_type.value
    reason = check_reason(palette, offer_type, reason)
    with db.unit_of_work() as session:
        citizen = citizen_for_write(session, user, citizen_id)
        offer_id = write_in_session(session, user, citizen, offer)
        _add_reason(session, user, citizen_id, offer_id, palette, offer_type, reason)
        return offer_id


def reasons(db: Database, citizen_id: int) -> dict[int, str]:
    """Offer id → the reason given for choosing it outside the palette."""
    with db.unit_of_work() as session:
        return reasons_in(session, citizen_id)


def reasons_in(session: Session, citizen_id: int) -> dict[int, str]:
    return dict(session.execute(select(OfferPaletteReasonRow.offer_id, OfferPaletteReasonRow.reason)
                                .where(OfferPaletteReasonRow.citizen_id == citizen_id)).all())


def priority_marks(db: Database, code: str, rows, births: dict[int, date] | None = None) -> dict[int, str]:
    """Citizen id → the label of the plan's priority group they are in, for caseload rows (id, benefit,
    readiness) already read and audited by the caller (``births``: their birth dates, when read with them)."""
    plan = steering.plan_for(db, code, steering.IN_FORCE, clock.today().year)
    if not any(s.priority for s in plan.strategies) or not rows:
        return {}
    if births is None:
        with db.unit_of_work() as session:
            births = dict(session.execute(select(CitizenRow.id, CitizenRow.birth_date).where(
                CitizenRow.municipality_code == code, CitizenRow.id.in_([r.id for r in rows]))).all())
    out = {}
    for r in rows:
        birth = births.get(r.id)
        strategy = strategy_for(plan, r.benefit, r.readiness, age(birth) if birth else None)
        if strategy is not None and strategy.priority:
            out[r.id] = strategy.label
    return out


_COUNTS: dict[tuple, tuple[float, list[dict]]] = {}
COUNTS_SECONDS = 300  # like the dashboard's kept goals: the groups change with the day, not the minute


def priority_counts(db: Database, code: str) -> list[dict]:
    """The plan's priority groups with the number of citizens in each today (aggregates only), kept
    ``COUNTS_SECONDS``: counting reads every current spell of the municipality."""
    plan = steering.plan_for(db, code, steering.IN_FORCE, clock.today().year)
    key = (db.url, code, clock.today(), plan.model_dump_json())  # a changed plan counts anew
    hit = _COUNTS.get(key)
    if hit and time.monotonic() - hit[0] < COUNTS_SECONDS:
        return [dict(g) for g in hit[1]]
    if len(_COUNTS) > 100:
        _COUNTS.clear()
    found = _priority_counts(db, code, plan)
    _COUNTS[key] = (time.monotonic(), found)
    return [dict(g) for g in found]


def _priority_counts(db: Database, code: str, plan) -> list[dict]:
    groups = {s.target_group: {"label": s.label, "citizens": 0} for s in plan.strategies if s.priority}
    if not groups:
        return []
    today = clock.today()
    with db.unit_of_work() as session:
        spells = session.execute(
            select(CitizenRow.id, CitizenRow.birth_date, BenefitSpellRow.benefit, BenefitSpellRow.readiness)
            .join(BenefitSpellRow, BenefitSpellRow.citizen_id == CitizenRow.id)
            .where(CitizenRow.municipality_code == code, BenefitSpellRow.start <= today,
                   (BenefitSpellRow.end.is_(None)) | (BenefitSpellRow.end > today))).all()
    seen = set()
    for cid, birth, benefit, readiness in spells:
        if cid in seen:
            continue
        seen.add(cid)
        strategy = strategy_for(plan, benefit, readiness, age(birth, today))
        if strategy is not None and strategy.target_group in groups:
            groups[strategy.target_group]["citizens"] += 1
    return list(groups.values())
