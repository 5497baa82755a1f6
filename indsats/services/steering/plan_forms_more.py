"""The rest of the plan's edit form: minister goals, the local contact rhythm, production targets and the
youth contact rule — the parts that were changed through YAML only. Each existing row is a set of fields
plus one empty row to add; an emptied title, label or name removes the row. Messages are Danish and keyed
by the form field, like ``plan_forms``."""

from __future__ import annotations

from datetime import date

from indsats.domain import clock
from indsats.domain.labels import BENEFIT_DA, READINESS_DA
from indsats.plan import EmploymentPlan
from indsats.plan.schema import CONTACT_BENEFITS, READINESS

LEVEL_DA = {"team": "Team", "caseworker": "Sagsbehandler"}


def _num(value: float | int | None, scale: float = 1.0) -> str:
    if value is None:
        return ""
    return f"{round(value * scale, 4):g}".replace(".", ",")


def extra_values(plan: EmploymentPlan) -> dict[str, str]:
    values: dict[str, str] = {"youth-before": str(plan.youth.contact_days_before),
                              "youth-after": str(plan.youth.contact_days_after)}
    for i, g in enumerate(plan.minister_goals):
        values |= {f"mgoal-{i}-title": g.title, f"mgoal-{i}-description": g.description}
    for i, r in enumerate(plan.contact_rhythm):
        values |= {f"rhythm-{i}-label": r.label, f"rhythm-{i}-interval_days": str(r.interval_days),
                   f"rhythm-{i}-benefits": ", ".join(r.benefits), f"rhythm-{i}-readiness": ", ".join(r.readiness or [])}
    for i, t in enumerate(plan.production_targets):
        values |= {f"target-{i}-level": t.level, f"target-{i}-name": t.name,
                   f"target-{i}-conversations": _num(t.conversations_per_month),
                   f"target-{i}-offers": _num(t.offers_per_month),
                   f"target-{i}-company_share": _num(t.company_share, 100), f"target-{i}-timeliness": _num(t.timeliness, 100)}
    return values


def _int(form: dict, name: str, label: str, lo: int, hi: int, errors: dict, required: bool = False) -> int | None:
    raw = (form.get(name) or "").strip()
    if not raw:
        if required:
            errors[name] = f"{label} skal udfyldes."
        return None
    if not raw.isdigit() or not lo <= int(raw) <= hi:
        errors[name] = f"{label} skal være et helt tal mellem {lo} og {hi}, ikke {raw!r}."
        return None
    return int(raw)


def _share(form: dict, name: str, label: str, errors: dict) -> float | None:
    raw = (form.get(name) or "").strip().replace(",", ".").rstrip("%").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        errors[name] = f"{label} skal være en procent mellem 0 og 100, ikke {form.get(name)!r}."
        return None
    return round(value / 100, 4)


def _keys(form: dict, name: str, label: str, known: frozenset, names: dict, errors: dict) -> list[str]:
    out = []
    for part in (form.get(name) or "").replace(";", ",").split(","):
        text = part.strip()
        if not text:
            continue
        key = text if text in known else next((k for k, v in names.items() if v.lower() == text.lower()), None)
        if key is None or key not in known:
            errors[name] = f"{label}: ukendt {text!r}; kendte: {', '.join(sorted(known))}."
            continue
        out.append(key)
    return out


def _minister_goals(doc: dict, form: dict, errors: dict) -> None:
    used = {g.get("minister_goal") for g in doc["result_goals"]}
    goals = []
    for i in range(len(doc["minister_goals"]) + 1):
        old = doc["minister_goals"][i] if i < len(doc["minister_goals"]) else {}
        title = (form.get(f"mgoal-{i}-title") or "").strip()
        if not title:
            if old and old["id"] in used:
                errors[f"mgoal-{i}-title"] = (f"Ministermål {i + 1} bruges af et resultatmål og kan ikke fjernes; "
                                              "skriv en titel.")
                goals.append(old)
            continue
        ids = {g["id"] for g in goals} | {g["id"] for g in doc["minister_goals"]}
        goal_id = old.get("id") or next(f"m{n}" for n in range(1, 100) if f"m{n}" not in ids)
        goals.append({**old, "id": goal_id, "title": title,
                      "description": (form.get(f"mgoal-{i}-description") or "").strip()})
    doc["minister_goals"] = goals


def _rhythm(doc: dict, form: dict, errors: dict, today: date) -> None:
    rows = []
    for i in range(len(doc["contact_rhythm"]) + 1):
        old = doc["contact_rhythm"][i] if i < len(doc["contact_rhythm"]) else {}
        p, name = f"rhythm-{i}-", f"Kontaktrytme {i + 1}"
        label = (form.get(p + "label") or "").strip()
        if not label:
            continue
        interval = _int(form, p + "interval_days", f"{name}: dage mellem samtaler", 1, 366, errors, required=True)
        benefits = _keys(form, p + "benefits", f"{name}: ydelser", CONTACT_BENEFITS, BENEFIT_DA, errors)
        if not benefits and p + "benefits" not in errors:
            errors[p + "benefits"] = f"{name}: angiv mindst én ydelse, fx cash_benefit."
        readiness = _keys(form, p + "readiness", f"{name}: visitation", READINESS, READINESS_DA, errors)
        group = old.get("competence_group") or "-".join(
            "".join(c if c.isalnum() and c.isascii() else " " for c in label.lower()).split())[:40] or f"gruppe-{i + 1}"
        source = old.get("source") or f"Lokal regel, skrevet i planen i indsats {today.isoformat()}"
        rows.append({**old, "competence_group": group, "label": label, "benefits": benefits,
                     "readiness": readiness or None, "interval_days": interval or 1, "source": source})
    groups = [r["competence_group"] for r in rows]
    if len(groups) != len(set(groups)):
        errors.setdefault(f"rhythm-{len(rows) - 1}-label", "Kontaktrytme: to grupper har samme navn.")
    doc["contact_rhythm"] = rows


def _targets(doc: dict, form: dict, errors: dict) -> None:
    rows = []
    for i in range(len(doc["production_targets"]) + 1):
        old = doc["production_targets"][i] if i < len(doc["production_targets"]) else {}
        p, label = f"target-{i}-", f"Produktionsmål {i + 1}"
        who = (form.get(p + "name") or "").strip()
        if not who:
            continue
        level = form.get(p + "level") or "team"
        if level not in LEVEL_DA:
            errors[p + "level"] = f"{label}: vælg team eller sagsbehandler."
        rows.append({**old, "level": level, "name": who,
                     "conversations_per_month": _int(form, p + "conversations", f"{label}: samtaler pr. måned", 0,
                                                     10_000, errors),
                     "offers_per_month": _int(form, p + "offers", f"{label}: tilbud pr. måned", 0, 10_000, errors),
                     "company_share": _share(form, p + "company_share", f"{label}: virksomhedsrettet andel", errors),
                     "timeliness": _share(form, p + "timeliness", f"{label}: rettidighed", errors)})
    doc["production_targets"] = rows


def apply_extra(doc: dict, form: dict, errors: dict) -> None:
    """Apply the minister goals, contact rhythm, production targets and youth rule of ``form`` to ``doc``."""
    _minister_goals(doc, form, errors)
    _rhythm(doc, form, errors, clock.today())
    _targets(doc, form, errors)
    before = _int(form, "youth-before", "Kontakt før studiestart (dage)", 0, 180, errors)
    after = _int(form, "youth-after", "Kontakt efter studiestart (dage)", 0, 365, errors)
    doc["youth"] = {"contact_days_before": 14 if before is None else before,
                    "contact_days_after": 30 if after is None else after}
