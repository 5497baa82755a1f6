"""The plan's edit form: main parts (title, vision, result goals, offer palettes per target group; the minister
goals, contact rhythm, production targets and youth rule in ``plan_forms_more``) read from a form, checked
field by field with Danish messages keyed by the form field, and applied to a draft."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from indsats.domain.labels import OFFER_DA
from indsats.plan import EmploymentPlan
from indsats.plan.measures import MEASURES as MEASURES  # for the interfaces
from indsats.plan.schema import OFFERS

EXTRA_OFFER_DA = {"partial_return": "Delvis raskmelding", "rehabilitation": "Revalidering",
                  "company_centre": "Virksomhedscenter", "job_placement": "Jobformidling",
                  "education_order": "Uddannelsespålæg"}
OFFER_LABELS = {str(k.value if hasattr(k, "value") else k): v for k, v in OFFER_DA.items()} | EXTRA_OFFER_DA
BOUND_DA = {"at_most": "højst", "at_least": "mindst"}


def offer_label(offer: str) -> str:
    return OFFER_LABELS.get(offer, offer)


def _offer_key(text: str) -> str | None:
    text = text.strip()
    if text in OFFERS:
        return text
    for key, label in OFFER_LABELS.items():
        if label.lower() == text.lower():
            return key
    return None


def palette_text(strategy) -> str:
    """A palette as editable lines: 'Tilbud: note', highest priority first."""
    return "\n".join(offer_label(p.offer) + (f": {p.note}" if p.note else "") for p in strategy.offer_palette)


def form_values(plan: EmploymentPlan) -> dict[str, str]:
    """The form's fields filled from a plan."""
    values = {"title": plan.title, "vision": plan.vision, "year": str(plan.year)}
    for i, g in enumerate(plan.result_goals):
        t = g.target
        values |= {
            f"goal-{i}-title": g.title, f"goal-{i}-measure": g.measure or "",
            f"goal-{i}-baseline_date": g.baseline.date.isoformat() if g.baseline else "",
            f"goal-{i}-baseline_value": _num(g.baseline.value) if g.baseline else "",
            f"goal-{i}-target_value": _num(t.value) if t else "",
            f"goal-{i}-target_change": _num(round(t.relative_change * 100, 2)) if t and t.relative_change is not None else "",
            f"goal-{i}-bound": t.bound if t else "at_most", f"goal-{i}-deadline": g.deadline.isoformat(),
        }
    for s in plan.strategies:
        values[f"palette-{s.target_group}"] = palette_text(s)
        if s.priority:
            values[f"priority-{s.target_group}"] = "on"
    values["response_days"] = str(plan.company_entry.response_days)
    from .plan_forms_more import extra_values

    return values | extra_values(plan)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return (f"{value:g}").replace(".", ",")


def _number(form: dict, name: str, label: str, errors: dict) -> float | None:
    raw = (form.get(name) or "").strip().replace(" ", "").replace(",", ".")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        errors[name] = f"{label} skal være et tal, fx 323 eller 10,5 — ikke {form.get(name)!r}."
        return None


def _day(form: dict, name: str, label: str, errors: dict, required: bool = False) -> date | None:
    raw = (form.get(name) or "").strip()
    if not raw:
        if required:
            errors[name] = f"{label} skal udfyldes (åååå-mm-dd)."
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = f"{label} skal være en dato (åååå-mm-dd), ikke {raw!r}."
        return None


def _goal(form: dict, i: int, old: dict, errors: dict) -> dict | None:
    p, name = f"goal-{i}-", f"Resultatmål {i + 1}"
    title = (form.get(p + "title") or "").strip()
    if not title:
        if old:
            errors[p + "title"] = f"{name}: titlen skal udfyldes."
        return None
    goal = dict(old) or {"id": _slug(title, i), "kind": "local"}
    goal["title"] = title
    measure = (form.get(p + "measure") or "").strip()
    if measure and measure not in MEASURES:
        errors[p + "measure"] = f"{name}: ukendt målepunkt {measure!r}."
    goal["measure"] = measure or None
    base_day = _day(form, p + "baseline_date", f"{name}: udgangspunktets dato", errors)
    base_value = _number(form, p + "baseline_value", f"{name}: udgangspunktets værdi", errors)
    if base_value is not None and base_day is None and p + "baseline_date" not in errors:
        errors[p + "baseline_date"] = f"{name}: et udgangspunkt skal have en dato."
    goal["baseline"] = {**(old.get("baseline") or {}), "date": base_day, "value": base_value} if base_day else None
    value = _number(form, p + "target_value", f"{name}: målværdien", errors)
    change = _number(form, p + "target_change", f"{name}: ændringen i procent", errors)
    bound = form.get(p + "bound") or "at_most"
    if bound not in BOUND_DA:
        errors[p + "bound"] = f"{name}: vælg højst eller mindst."
    if value is not None and change is not None:
        errors[p + "target_value"] = f"{name}: angiv enten en målværdi eller en ændring i procent, ikke begge."
    elif value is not None or change is not None:
        goal["target"] = {"value": value, "relative_change": None if change is None else change / 100, "bound": bound}
    else:
        goal["target"] = None
    deadline = _day(form, p + "deadline", f"{name}: fristen", errors, required=True)
    goal["deadline"] = deadline
    if not goal.get("qualitative"):
        if goal["measure"] is None:
            errors.setdefault(p + "measure", f"{name}: vælg et målepunkt (et kvantitativt mål skal måles).")
        if goal["target"] is None and not goal.get("comparison"):
            errors.setdefault(p + "target_value", f"{name}: angiv en målværdi eller en ændring i procent.")
        if goal["target"] and change is not None and base_day is None:
            errors.setdefault(p + "baseline_date", f"{name}: et relativt mål skal have et udgangspunkt (dato).")
    if base_day and deadline and base_day > deadline:
        errors.setdefault(p + "baseline_date", f"{name}: udgangspunktets dato ligger efter fristen.")
    return goal


def _slug(title: str, i: int) -> str:
    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in title.lower()).strip("-")
    return ("-".join(filter(None, out.split("-")))[:40] or f"maal-{i + 1}")


def _palette(form: dict, strategy: dict, errors: dict) -> list[dict]:
    name = f"palette-{strategy['target_group']}"
    old = {p["offer"]: p for p in strategy.get("offer_palette", [])}
    items, seen = [], set()
    for n, line in enumerate((form.get(name) or "").splitlines(), start=1):
        if not line.strip():
            continue
        offer_text, _, note = line.partition(":")
        key = _offer_key(offer_text)
        if key is None:
            errors[name] = (f"Tilbudsvifte for {strategy['label']}, linje {n}: ukendt tilbud {offer_text.strip()!r}; "
                            f"kendte: {', '.join(sorted(OFFER_LABELS.values()))}.")
            continue
        if key in seen:
            errors[name] = f"Tilbudsvifte for {strategy['label']}, linje {n}: {offer_label(key)} står der allerede."
            continue
        seen.add(key)
        items.append({**old.get(key, {}), "offer": key, "note": note.strip()})
    return items


def apply_form(plan: EmploymentPlan, form: dict) -> tuple[EmploymentPlan | None, dict[str, str]]:
    """The plan with the form's changes, or None and Danish messages per form field (the input is the form)."""
    errors: dict[str, str] = {}
    doc = plan.model_dump(mode="python")
    doc["title"] = (form.get("title") or "").strip()
    if not doc["title"]:
        errors["title"] = "Titel skal udfyldes."
    doc["vision"] = (form.get("vision") or "").strip()
    try:
        doc["year"] = int((form.get("year") or "").strip())
        if not 2000 <= doc["year"] <= 2100:
            raise ValueError
    except ValueError:
        errors["year"] = f"År skal være et årstal mellem 2000 og 2100, ikke {form.get('year')!r}."
    goals = []
    for i in range(len(doc["result_goals"]) + 1):  # the existing goals and one new
        old = doc["result_goals"][i] if i < len(doc["result_goals"]) else {}
        goal = _goal(form, i, old, errors)
        if goal is not None:
            goals.append(goal)
    doc["result_goals"] = goals
    for strategy in doc["strategies"]:
        strategy["offer_palette"] = _palette(form, strategy, errors)
        strategy["priority"] = form.get(f"priority-{strategy['target_group']}") in ("on", "true", "1")
    from .plan_forms_more import apply_extra

    apply_extra(doc, form, errors)
    raw = (form.get("response_days") or "").strip()
    if raw:
        if raw.isdigit() and 1 <= int(raw) <= 30:
            doc["company_entry"] = {"response_days": int(raw)}
        else:
            errors["response_days"] = f"Svarfristen skal være et helt antal arbejdsdage mellem 1 og 30, ikke {raw!r}."
    if errors:
        return None, errors
    try:
        return EmploymentPlan.model_validate(doc), {}
    except ValidationError as exc:
        for e in exc.errors():
            loc = e["loc"]
            key = f"goal-{loc[1]}-title" if len(loc) > 1 and loc[0] == "result_goals" else "title"
            errors.setdefault(key, f"Planen kan ikke gemmes: {'.'.join(map(str, loc))}: {e['msg']}")
        return None, errors
