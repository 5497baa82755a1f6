"""A citizen's timeline (the contract's input) — parsed and validated.

See shared/contracts/obligations.md. Every error names the event (its number in the file,
its type and date) and the field, so a caseworker or an importing system can fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from indsats.domain.enums import Benefit, Readiness

CONTRACT_BENEFITS = frozenset(b.value for b in Benefit)
READINESS = frozenset(r.value for r in Readiness)

# Event type → (required fields, optional fields)
EVENT_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "first_contact": ((), ()),
    "benefit_start": (("benefit",), ("readiness",)),
    "benefit_change": (("benefit",), ("readiness",)),
    "benefit_end": ((), ()),
    "readiness_change": (("readiness",), ()),
    "conversation": ((), ("joint",)),
    "joint_conversation_requested": (("by",), ()),
    "joint_participation_declined": ((), ()),
    "conversation_requested": ((), ()),
    "offer_given": (("offer", "start"), ()),
    "offer_start": (("offer",), ()),
    "offer_end": (("offer",), ()),
    "employment_start": ((), ()),
    "employment_end": ((), ()),
    "exemption_start": ((), ("reason",)),
    "exemption_end": ((), ("reason",)),
    "sick_leave_start": (("category",), ("employed", "expected_under_26_weeks")),
    "category_change": (("category",), ()),
    "followup": ((), ("return_within_13_weeks",)),
    "early_followup_requested": (("by",), ()),
    # Additions for the rules in force from 2025 (contracts/obligations.md)
    "quota_exemption": ((), ("scope", "by", "reason")),
    "work_obligation_start": ((), ()),
    "work_obligation_end": ((), ()),
}

# Same-day order: state changes first, then what happened within the new state.
_DAY_ORDER = {
    "benefit_end": 0,
    "first_contact": 1,
    "benefit_start": 2,
    "benefit_change": 3,
    "readiness_change": 4,
    "sick_leave_start": 5,
    "category_change": 6,
    "employment_end": 7,
    "employment_start": 8,
    "exemption_end": 9,
    "exemption_start": 10,
    "work_obligation_end": 11,
    "work_obligation_start": 12,
}

ALLOWED_BY = {
    "joint_conversation_requested": frozenset({"citizen", "jobcenter", "fund"}),
    "early_followup_requested": frozenset({"employer", "citizen"}),
    "quota_exemption": frozenset({"municipality", "fund"}),
}
QUOTA_SCOPES = frozenset({"conversations", "offer", "all"})
BOOLEAN_FIELDS = frozenset({"joint", "employed", "expected_under_26_weeks", "return_within_13_weeks"})


class TimelineError(ValueError):
    """A malformed timeline; the message names the event and the field."""


class Event(NamedTuple):
    """One event of the timeline (a named tuple: cheap to build for 100,000 citizens)."""

    date: date
    type: str
    data: dict[str, Any]
    position: int  # 1-based position in the input

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(slots=True)
class Timeline:
    citizen_id: str | int  # echoed as given
    birth_date: date | None
    as_of: date
    events: tuple[Event, ...] = field(default_factory=tuple)

    def of_type(self, *types: str) -> list[Event]:
        return [e for e in self.events if e.type in types]


def _parse_date(raw: Any, where: str, name: str) -> date:
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise TimelineError(f"{where}: field '{name}': expected a date YYYY-MM-DD, got {raw!r}")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise TimelineError(f"{where}: field '{name}': {raw!r} is not a date (YYYY-MM-DD)") from None


def _where(i: int, raw: dict[str, Any]) -> str:
    kind = raw.get("type", "?") if isinstance(raw, dict) else "?"
    when = raw.get("date", "?") if isinstance(raw, dict) else "?"
    return f"event {i} ({kind} on {when})"


def _check_field(event_type: str, name: str, value: Any, where: str) -> Any:
    if name in ("benefit",):
        if value not in CONTRACT_BENEFITS:
            raise TimelineError(f"{where}: field 'benefit': unknown benefit {value!r}")
        return value
    if name == "readiness":
        if value not in READINESS:
            raise TimelineError(f"{where}: field 'readiness': unknown readiness {value!r}")
        return value
    if name == "category":
        if isinstance(value, bool) or value not in (1, 2, 3):
            raise TimelineError(f"{where}: field 'category': must be 1, 2 or 3, got {value!r}")
        return value
    if name in BOOLEAN_FIELDS:
        if not isinstance(value, bool):
            raise TimelineError(f"{where}: field '{name}': must be true or false, got {value!r}")
        return value
    if name == "scope":
        if value not in QUOTA_SCOPES:
            raise TimelineError(f"{where}: field 'scope': must be one of {', '.join(sorted(QUOTA_SCOPES))}, got {value!r}")
        return value
    if name == "by":
        allowed = ALLOWED_BY[event_type]
        if value not in allowed:
            raise TimelineError(f"{where}: field 'by': must be one of {', '.join(sorted(allowed))}, got {value!r}")
        return value
    if name == "start":
        return _parse_date(value, where, "start")
    if name in ("offer", "reason"):
        if not isinstance(value, str) or not value.strip():
            raise TimelineError(f"{where}: field '{name}': must be a non-empty text, got {value!r}")
        return value
    return value


def parse_event(i: int, raw: Any) -> Event:
    if not isinstance(raw, dict):
        raise TimelineError(f"event {i}: must be an object with 'date' and 'type', got {raw!r}")
    try:
        return _parse_event(i, raw)
    except _FieldError as exc:
        raise TimelineError(f"{_where(i, raw)}: {exc}") from None


class _FieldError(ValueError):
    """A field problem; parse_event adds which event it is."""


def _parse_event(i: int, raw: dict[str, Any]) -> Event:
    event_type = raw.get("type")
    if event_type is None:
        raise _FieldError("field 'type': missing")
    fields = EVENT_FIELDS.get(event_type)
    if fields is None:
        raise _FieldError(f"field 'type': unknown event type {event_type!r}")
    if "date" not in raw:
        raise _FieldError("field 'date': missing")
    value = raw["date"]
    try:
        day = value if isinstance(value, date) else date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _FieldError(f"field 'date': expected a date YYYY-MM-DD, got {value!r}") from None
    required, optional = fields
    data: dict[str, Any] = {}
    for name in required:
        if raw.get(name) is None:
            if name == "category" and event_type == "sick_leave_start" and raw.get("expected_under_26_weeks") is True:
                continue  # from 2026-07-01 no follow-up at all: a visitation category is not needed
            raise _FieldError(f"field '{name}': missing (required for {event_type})")
        data[name] = _check(event_type, name, raw[name])
    for name in optional:
        if raw.get(name) is not None:
            data[name] = _check(event_type, name, raw[name])
    return Event(day, event_type, data, i)


def _check(event_type: str, name: str, value: Any) -> Any:
    try:
        return _check_field(event_type, name, value, "")
    except TimelineError as exc:
        raise _FieldError(str(exc).removeprefix(": ")) from None


def sort_key(event: Event) -> tuple[date, int, int]:
    return (event.date, _DAY_ORDER.get(event.type, 20), event.position)


def parse_timeline(raw: Any, as_of: date | None = None) -> Timeline:
    """Validate one timeline object. ``as_of`` overrides the file's ``as_of``."""
    if not isinstance(raw, dict):
        raise TimelineError(f"timeline: must be an object with 'citizen', 'as_of' and 'events', got {type(raw).__name__}")
    citizen = raw.get("citizen")
    if not isinstance(citizen, dict):
        raise TimelineError("timeline: field 'citizen': missing or not an object")
    citizen_id = citizen.get("id")
    if citizen_id in (None, "") or isinstance(citizen_id, bool) or not isinstance(citizen_id, str | int):
        raise TimelineError("timeline: field 'citizen.id': missing or not a text or number")
    birth = citizen.get("birth_date")
    birth_date = _parse_date(birth, f"citizen {citizen_id}", "citizen.birth_date") if birth is not None else None
    if as_of is None:
        if raw.get("as_of") is None:
            raise TimelineError(f"citizen {citizen_id}: field 'as_of': missing (give it in the file or with --as-of)")
        as_of = _parse_date(raw["as_of"], f"citizen {citizen_id}", "as_of")
    events_raw = raw.get("events")
    if not isinstance(events_raw, list):
        raise TimelineError(f"citizen {citizen_id}: field 'events': missing or not a list")
    events = [parse_event(i, e) for i, e in enumerate(events_raw, start=1)]
    events.sort(key=sort_key)
    return Timeline(citizen_id, birth_date, as_of, tuple(events))


def trusted_timeline(citizen_id: str, birth_date: date | None, as_of: date,
                     events: list[tuple[date, str, dict[str, Any]]]) -> Timeline:
    """A timeline from data that is already typed and checked (the store's rows): no validation."""
    order = _DAY_ORDER
    keyed = sorted((day, order.get(kind, 20), i, kind, data) for i, (day, kind, data) in enumerate(events, start=1))
    return Timeline(citizen_id, birth_date, as_of, tuple(Event(day, kind, data, i) for day, _, i, kind, data in keyed))
